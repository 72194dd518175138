import type { SshSecrets, SshSettings } from '../../../../../electron/api';

/**
 * The SSH fields of a form, as typed, shared by "Add cluster" and the settings dialogs:
 * strings, so nothing is lost when the hub refuses them.
 */
export interface SshFields {
  user: string;
  port: string;
  identityFile: string;
  jumpHost: string;
  /** `undefined` only in a node's form: the node takes the cluster's choice. */
  useAgent: boolean | undefined;
  /** Of the identity file. Secrets are never sent back by the hub: they start empty. */
  passphrase: string;
  /** For nodes that take password logins. */
  password: string;
}

export function emptySshFields(): SshFields {
  return { user: '', port: '', identityFile: '', jumpHost: '', useAgent: true, passphrase: '', password: '' };
}

/**
 * The fields for saved settings. A cluster's ssh-agent choice defaults to on, as the hub's
 * does; a node's stays unset unless the node has its own. The passphrase and password are
 * never sent back by the hub, so they start empty (empty keeps the saved ones).
 */
export function fieldsFromSettings(settings: SshSettings | undefined, scope: 'cluster' | 'node'): SshFields {
  const s = settings ?? {};
  return {
    user: s.user ?? '',
    port: s.port === undefined ? '' : String(s.port),
    identityFile: s.identityFile ?? '',
    jumpHost: s.jumpHost ?? '',
    useAgent: scope === 'cluster' ? (s.useAgent ?? true) : s.useAgent,
    passphrase: '',
    password: '',
  };
}

/**
 * The secrets typed, exactly as typed (spaces at either end may be part of them); undefined
 * when none was, so the hub keeps what it has.
 */
export function typedSecrets(fields: SshFields): SshSecrets | undefined {
  const secrets: SshSecrets = {};
  if (fields.passphrase) secrets.passphrase = fields.passphrase;
  if (fields.password) secrets.password = fields.password;
  return Object.keys(secrets).length > 0 ? secrets : undefined;
}

/** Why the port cannot be sent, or undefined when it is empty or fine. */
export function portError(port: string): string | undefined {
  const p = port.trim();
  if (p && !/^\d+$/.test(p)) return 'The port is a number from 1 to 65535.';
  if (p && !(Number(p) >= 1 && Number(p) <= 65535)) return 'The port is from 1 to 65535.';
  return undefined;
}

/** Trimmed text, or undefined when nothing was typed (so what is inherited applies). */
const given = (value: string): string | undefined => value.trim() || undefined;

/** SshSettings with every empty field left out; call only when `portError` found nothing. */
export function settingsFromFields(fields: SshFields): SshSettings {
  const settings: SshSettings = {};
  const user = given(fields.user);
  const port = given(fields.port);
  const identityFile = given(fields.identityFile);
  const jumpHost = given(fields.jumpHost);
  if (user) settings.user = user;
  if (port) settings.port = Number(port);
  if (identityFile) settings.identityFile = identityFile;
  if (jumpHost) settings.jumpHost = jumpHost;
  if (fields.useAgent !== undefined) settings.useAgent = fields.useAgent;
  return settings;
}

export type SshPlaceholders = Record<'user' | 'port' | 'identityFile' | 'jumpHost', string>;

const DEFAULT_PLACEHOLDERS: SshPlaceholders = {
  user: 'from ~/.ssh/config, or yours',
  port: '22',
  identityFile: '~/.ssh/id_ed25519',
  jumpHost: '',
};

/**
 * What each empty field falls back to, shown as its placeholder: for a node, the cluster's
 * value where it has one; otherwise what ~/.ssh/config and OpenSSH would use.
 */
export function placeholdersFor(inherited?: SshSettings): SshPlaceholders {
  if (!inherited) return DEFAULT_PLACEHOLDERS;
  const from = (value: string | number | undefined, fallback: string): string =>
    value === undefined || value === '' ? fallback : `${value} (the cluster's)`;
  return {
    user: from(inherited.user, DEFAULT_PLACEHOLDERS.user),
    // The port box is narrow: the number alone.
    port: inherited.port === undefined ? DEFAULT_PLACEHOLDERS.port : String(inherited.port),
    identityFile: from(inherited.identityFile, DEFAULT_PLACEHOLDERS.identityFile),
    jumpHost: from(inherited.jumpHost, 'none'),
  };
}
