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
/** Most hops a chain may have once jump hosts' own ProxyJump lines are followed. */
const MAX_CHAIN = 8;

function expandHome(path: string, home: string): string {
  return path === '~' ? home : path.startsWith('~/') ? join(home, path.slice(2)) : path;
}

/**
 * As OpenSSH builds its list: the app's key first (like `-i`), then ssh_config's IdentityFile
 * lines; OpenSSH's default files only when neither names a key.
 */
function identityFilesOf(settings: SshSettings, opts: ResolvedSshOptions, home: string): string[] {
  const configured = settings.identityFile ? [expandHome(settings.identityFile, home)] : [];
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

/** ConnectTimeout, ServerAlive*, StrictHostKeyChecking yes and IdentitiesOnly, where set. */
function optionalsOf(settings: SshSettings, opts: ResolvedSshOptions): Partial<SshHop> {
  const out: Partial<SshHop> = {};
  if (opts.strictHostKeyChecking === 'yes') out.refuseUnknownKeys = true;
  // A key chosen in the app is like `ssh -i`: it should not queue behind every agent key.
  if (opts.identitiesOnly || settings.identityFile) out.identitiesOnly = true;
  if (opts.connectTimeoutSeconds) out.connectTimeoutMs = opts.connectTimeoutSeconds * 1000;
  // 0 turns ssh's keepalives off; the hub keeps its own, which tell a dead node from a quiet one.
  if (opts.serverAliveIntervalSeconds) out.keepaliveIntervalMs = opts.serverAliveIntervalSeconds * 1000;
  if (opts.serverAliveCountMax) out.keepaliveCountMax = opts.serverAliveCountMax;
  return out;
}

function refuseProxyCommand(alias: string, opts: ResolvedSshOptions): void {
  if (opts.proxyCommand === undefined) return;
  throw new ConnectFailure(
    'error',
    `~/.ssh/config gives ${alias} a ProxyCommand, which mosdesk does not run; use ProxyJump (or the jump host setting) instead.`,
    'manual',
  );
}

/**
 * One hop as OpenSSH would dial it: the app's settings win (like options on ssh's command
 * line), then ~/.ssh/config for that alias (already resolved: `opts`), then OpenSSH's defaults.
 */
function resolveHop(
  entry: HostEntry,
  opts: ResolvedSshOptions,
  settings: SshSettings,
  ctx: LocalSshContext,
  secrets: SshSecrets,
): SshHop {
  refuseProxyCommand(entry.host, opts);
  const userKnown = opts.userKnownHostsFiles ?? [
    join(ctx.home, '.ssh', 'known_hosts'),
    join(ctx.home, '.ssh', 'known_hosts2'),
  ];
  const strict = opts.strictHostKeyChecking;
  const hop: SshHop = {
    alias: entry.host,
    hostName: opts.hostName,
    port: entry.port ?? settings.port ?? opts.port ?? 22,
    user: entry.user ?? settings.user ?? opts.user ?? ctx.localUser,
    identityFiles: identityFilesOf(settings, opts, ctx.home),
    knownHostsFiles: [...userKnown, ...(opts.globalKnownHostsFiles ?? SYSTEM_KNOWN_HOSTS)],
    acceptNewKeys: strict === 'accept-new' || strict === 'no',
    ...optionalsOf(settings, opts),
  };
  const agentSocket = agentSocketOf(settings, opts, ctx);
  if (agentSocket) hop.agentSocket = agentSocket;
  if (secrets.passphrase !== undefined) hop.passphrase = secrets.passphrase;
  if (secrets.password !== undefined) hop.password = secrets.password;
  return hop;
}

/**
 * The hops before `first`, from its own ProxyJump, as `ssh -J` reaches its first jump host
 * with `ssh first`: a chain of chains, depth-limited, and a loop is refused.
 */
function chainBefore(first: HostEntry, config: SshConfig, ctx: LocalSshContext, seen: string[]): HostEntry[] {
  const spec = resolveSshHost(config, first.host, ctx).proxyJump;
  if (spec === undefined) return [];
  const path = [...seen, first.host];
  const entries = parseJumpSpec(spec);
  const next = entries[0];
  if (!next) return [];
  const loop = path.includes(next.host);
  if (loop || path.length > MAX_CHAIN) {
    const chain = [...path, next.host].join(' -> ');
    throw new ConnectFailure(
      'error',
      `~/.ssh/config's ProxyJump lines ${loop ? 'go round in a loop' : `chain more than ${MAX_CHAIN} jump hosts`} (${chain}), so ${path[0] ?? first.host} cannot be reached; fix them (a jump host's own Host block can say ProxyJump none).`,
      'manual',
    );
  }
  return [...chainBefore(next, config, ctx, path), ...entries];
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
  const nodeOpts = resolveSshHost(config, node.host, ctx);
  const nodeHop = resolveHop({ host: node.host }, nodeOpts, settings, ctx, secrets);
  const jumpSpec = settings.jumpHost ?? nodeOpts.proxyJump;
  const listed = jumpSpec ? parseJumpSpec(jumpSpec) : [];
  const entries = listed[0] ? [...chainBefore(listed[0], config, ctx, [node.host]), ...listed] : [];
  if (entries.length > MAX_CHAIN) {
    throw new ConnectFailure('error', `${node.host} is behind more than ${MAX_CHAIN} jump hosts.`, 'manual');
  }
  // Jump hosts get the cluster's key and the key's passphrase, but not the node's user, port
  // or password: those are the node's own.
  const { user: _user, port: _port, jumpHost: _jump, ...jumpSettings } = settings;
  const jumpSecrets: SshSecrets = secrets.passphrase === undefined ? {} : { passphrase: secrets.passphrase };
  const warnings = [...nodeOpts.warnings];
  const jumps = entries.map((e) => {
    const opts = resolveSshHost(config, e.host, ctx);
    warnings.push(...opts.warnings);
    return resolveHop(e, opts, jumpSettings, ctx, jumpSecrets);
  });
  return warnings.length > 0 ? { jumps, node: nodeHop, warnings: [...new Set(warnings)] } : { jumps, node: nodeHop };
}
