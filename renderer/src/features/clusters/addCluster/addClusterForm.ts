import type { AddClusterParams, SshSettings } from '../../../../../electron/api';

/** What the "Add cluster" dialog holds: strings as typed, so nothing is lost on an error. */
export interface AddClusterForm {
  name: string;
  mode: 'hosts' | 'fromNode';
  hosts: string;
  fromNode: string;
  user: string;
  port: string;
  identityFile: string;
  useAgent: boolean;
  jumpHost: string;
  passphrase: string;
}

export type FormErrors = Partial<Record<'name' | 'hosts' | 'fromNode' | 'port', string>>;

export function emptyForm(): AddClusterForm {
  return {
    name: '',
    mode: 'hosts',
    hosts: '',
    fromNode: '',
    user: '',
    port: '',
    identityFile: '',
    useAgent: true,
    jumpHost: '',
    passphrase: '',
  };
}

/**
 * Only the obvious checks; the hub validates everything (host syntax, ranges, key files)
 * and its message is shown as it comes.
 */
export function validateForm(form: AddClusterForm): FormErrors {
  const errors: FormErrors = {};
  if (!form.name.trim()) errors.name = 'Give the cluster a name.';
  if (form.mode === 'hosts' && !form.hosts.trim()) errors.hosts = 'List at least one host.';
  if (form.mode === 'fromNode' && !form.fromNode.trim()) errors.fromNode = 'Name one node of the cluster.';
  const port = form.port.trim();
  if (port && !/^\d+$/.test(port)) errors.port = 'The port is a number from 1 to 65535.';
  else if (port && !(Number(port) >= 1 && Number(port) <= 65535)) errors.port = 'The port is from 1 to 65535.';
  return errors;
}

/** Trimmed text, or undefined when nothing was typed (so the hub's defaults apply). */
const given = (value: string): string | undefined => value.trim() || undefined;

function settingsOf(form: AddClusterForm): SshSettings {
  const settings: SshSettings = { useAgent: form.useAgent };
  const user = given(form.user);
  const port = given(form.port);
  const identityFile = given(form.identityFile);
  const jumpHost = given(form.jumpHost);
  if (user) settings.user = user;
  if (port) settings.port = Number(port);
  if (identityFile) settings.identityFile = identityFile;
  if (jumpHost) settings.jumpHost = jumpHost;
  return settings;
}

/** The request for `clusters.add`: call only when `validateForm` found nothing. */
export function toAddClusterParams(form: AddClusterForm): AddClusterParams {
  const params: AddClusterParams = { name: form.name.trim(), settings: settingsOf(form) };
  if (form.mode === 'hosts') params.hosts = form.hosts.trim();
  else params.fromNode = form.fromNode.trim();
  // A passphrase is sent exactly as typed: spaces at either end may be part of it.
  if (form.passphrase) params.secrets = { passphrase: form.passphrase };
  return params;
}
