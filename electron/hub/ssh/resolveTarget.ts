import { join } from 'node:path';
import type { NodeConfig, SshSecrets, SshSettings } from '../../api';
import { ConnectFailure } from './connectFailure';
import { parseJumpSpec, type HostEntry } from './hostList';
import { resolveSshHost, type ResolveContext, type ResolvedSshOptions, type SshConfig } from './sshConfig';
import type { SshHop, SshTarget } from './sshTarget';

/** The workstation side: who we are, where our ~/.ssh is, and which agent socket we have. */
export interface LocalSshContext extends ResolveContext {
  /** SSH_AUTH_SOCK of the hub's environment, if any. */
  agentSocket?: string;
}

/** OpenSSH's default identity files, in its order. */
const DEFAULT_KEYS = ['id_rsa', 'id_ecdsa', 'id_ecdsa_sk', 'id_ed25519', 'id_ed25519_sk', 'id_dsa'];
const SYSTEM_KNOWN_HOSTS = ['/etc/ssh/ssh_known_hosts', '/etc/ssh/ssh_known_hosts2'];

function expandHome(path: string, home: string): string {
  return path === '~' ? home : path.startsWith('~/') ? join(home, path.slice(2)) : path;
}

/**
 * As OpenSSH builds its list: the app's key first (like `-i`), then ssh_config's IdentityFile
 * lines (none of those with IdentitiesOnly and an app key); OpenSSH's default files only when
 * neither names a key.
 */
function identityFilesOf(settings: SshSettings, opts: ResolvedSshOptions, home: string): string[] {
  const configured = settings.identityFile ? [expandHome(settings.identityFile, home)] : [];
  if (configured.length > 0 && opts.identitiesOnly) return configured;
  const listed = [...new Set([...configured, ...opts.identityFiles])];
  return listed.length > 0 ? listed : DEFAULT_KEYS.map((k) => join(home, '.ssh', k));
}

/** The ssh-agent socket to use: IdentityAgent in ssh_config, else SSH_AUTH_SOCK; none when turned off. */
function agentSocketOf(settings: SshSettings, opts: ResolvedSshOptions, ctx: LocalSshContext): string | undefined {
  const agent = opts.identityAgent;
  if (settings.useAgent === false || agent?.kind === 'none') return undefined;
  if (agent?.kind === 'path') return agent.path;
  // SSH_AUTH_SOCK is the hub's own (ctx), which a caller may have set apart from this process's.
  if (agent?.kind === 'env') return agent.name === 'SSH_AUTH_SOCK' ? ctx.agentSocket : process.env[agent.name];
  return ctx.agentSocket;
}

/**
 * One hop as OpenSSH would dial it: the app's settings win (like options on ssh's command
 * line), then ~/.ssh/config for that alias, then OpenSSH's defaults.
 */
function resolveHop(
  entry: HostEntry,
  settings: SshSettings,
  config: SshConfig,
  ctx: LocalSshContext,
  secrets: SshSecrets,
): SshHop {
  const opts = resolveSshHost(config, entry.host, ctx);
  if (opts.proxyCommand !== undefined) {
    throw new ConnectFailure(
      'error',
      `~/.ssh/config gives ${entry.host} a ProxyCommand, which mosdesk does not run; use ProxyJump (or the jump host setting) instead.`,
      'manual',
    );
  }
  const userKnown = opts.userKnownHostsFiles ?? [
    join(ctx.home, '.ssh', 'known_hosts'),
    join(ctx.home, '.ssh', 'known_hosts2'),
  ];
  const hop: SshHop = {
    alias: entry.host,
    hostName: opts.hostName,
    port: entry.port ?? settings.port ?? opts.port ?? 22,
    user: entry.user ?? settings.user ?? opts.user ?? ctx.localUser,
    identityFiles: identityFilesOf(settings, opts, ctx.home),
    knownHostsFiles: [...userKnown, ...SYSTEM_KNOWN_HOSTS],
    acceptNewKeys: opts.strictHostKeyChecking === 'accept-new' || opts.strictHostKeyChecking === 'no',
  };
  const agentSocket = agentSocketOf(settings, opts, ctx);
  if (agentSocket) hop.agentSocket = agentSocket;
  if (secrets.passphrase !== undefined) hop.passphrase = secrets.passphrase;
  if (secrets.password !== undefined) hop.password = secrets.password;
  return hop;
}

/** How to reach one node: its own hop and the jump hosts before it. */
export function resolveTarget(
  node: NodeConfig,
  clusterSettings: SshSettings,
  config: SshConfig,
  ctx: LocalSshContext,
  secrets: SshSecrets,
): SshTarget {
  const settings: SshSettings = { ...clusterSettings, ...node.settings };
  const nodeEntry: HostEntry = { host: node.host };
  const nodeHop = resolveHop(nodeEntry, settings, config, ctx, secrets);
  const jumpSpec = settings.jumpHost ?? resolveSshHost(config, node.host, ctx).proxyJump;
  // Jump hosts get the cluster's key and secrets but not its user or port: those are the node's.
  const { user: _user, port: _port, jumpHost: _jump, ...jumpSettings } = settings;
  const jumps = jumpSpec ? parseJumpSpec(jumpSpec).map((e) => resolveHop(e, jumpSettings, config, ctx, secrets)) : [];
  return { jumps, node: nodeHop };
}
