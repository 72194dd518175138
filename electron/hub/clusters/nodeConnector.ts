import type { NodeConfig, SshSecrets, SshSettings } from '../../api';
import type { AgentConnection } from '../agents/greet';
import type { AgentBundle } from '../deploy/agentBundle';
import type { HubLog } from '../log';
import type { Fanout } from '../nodes/fanout';
import type { LivenessOptions } from '../nodes/liveness';
import { connectOverSsh } from '../nodes/sshConnector';
import type { SecretStore } from '../secrets/secretStore';
import { ConnectFailure } from '../ssh/connectFailure';
import { resolveTarget, type LocalSshContext } from '../ssh/resolveTarget';
import { loadSshConfigCached } from '../ssh/sshConfigCache';
import { configWarnings } from '../ssh/sshConfigLoader';
import type { SshLinkOptions } from '../ssh/sshLink';
import type { SshTarget } from '../ssh/sshTarget';
import type { AppKnownHosts } from '../trust/appKnownHosts';
import { makeHostKeyGate } from '../trust/hostKeyGate';
import type { HostKeyPrompts } from '../trust/hostKeyPrompts';
import type { StoredCluster } from './clusterStore';
import type { PasswordTrials } from './passwordTrials';

/** Everything an SSH node needs to be reached; shared by every node of every cluster. */
export interface SshEnvironment {
  bundle: () => AgentBundle;
  local: LocalSshContext;
  /** The user's ssh_config (default ~/.ssh/config) and the system's (null: none). */
  sshConfigPath?: string;
  systemSshConfigPath?: string | null;
  secrets: SecretStore;
  appKnownHosts: AppKnownHosts;
  prompts: HostKeyPrompts;
  fanout: Fanout;
  log: HubLog;
  link: SshLinkOptions;
  liveness?: LivenessOptions;
  maxBackoffMs?: number;
  /** One trial at a time for a password not yet known to work (absent: no gating, in some tests). */
  passwordTrials?: PasswordTrials;
  /**
   * Reaches the agent once the target is resolved; default connectOverSsh. Test-only seam: the
   * synthetic hub (test/support/syntheticHub.ts) gives fake agents here, the rest stays real.
   */
  connectAgent?: typeof connectOverSsh;
}

export type SecretKind = keyof SshSecrets;

export const SECRET_KINDS: readonly SecretKind[] = ['passphrase', 'password'];

/** Where a secret lives in the SecretStore: per cluster, or per node when given. */
export function secretKey(clusterId: string, kind: SecretKind, nodeId?: string): string {
  return `ssh/${clusterId}${nodeId ? `/${nodeId}` : ''}/${kind}`;
}

/** The node's secrets (its own, else the cluster's), and the store key the password came from. */
async function secretsFor(
  env: SshEnvironment,
  clusterId: string,
  nodeId: string,
): Promise<{ secrets: SshSecrets; passwordKey?: string }> {
  const secrets: SshSecrets = {};
  let passwordKey: string | undefined;
  for (const kind of SECRET_KINDS) {
    for (const key of [secretKey(clusterId, kind, nodeId), secretKey(clusterId, kind)]) {
      const value = await env.secrets.get(key);
      if (value === undefined) continue;
      secrets[kind] = value;
      if (kind === 'password') passwordKey = key;
      break;
    }
  }
  return passwordKey === undefined ? { secrets } : { secrets, passwordKey };
}

/** Warnings already logged: a node's attempts repeat the same ones every few seconds. */
const logged = new Set<string>();

function warnOnce(log: HubLog, message: string): void {
  if (logged.has(message)) return;
  if (logged.size >= 1024) logged.clear();
  logged.add(message);
  log.warn(message);
}

export interface NodeCallbacks {
  onAccepted(): void;
  onRefused(message: string): void;
}

/** What one attempt connects to, read when the attempt gets its turn. */
export interface AttemptSubject {
  /** Whose host key questions these are (a pending id while a cluster is being added). */
  clusterId: string;
  node: NodeConfig;
  settings: SshSettings;
  secrets: SshSecrets;
  /** Where the password came from, for PasswordTrials; absent: not gated. */
  passwordKey?: string;
}

/**
 * One attempt to reach a node's agent, within the hub-wide fan-out bound: ssh_config, target,
 * host key gate, connect. `subject` is called once the attempt has its turn, so what it connects
 * with is current; it throws to call the attempt off (the node's cluster was removed meanwhile).
 */
export function attemptConnect(
  env: SshEnvironment,
  subject: () => Promise<AttemptSubject>,
  callbacks: NodeCallbacks,
): Promise<AgentConnection> {
  const connect = env.connectAgent ?? connectOverSsh;
  return env.fanout.run(async () => {
    const { clusterId, node, settings, secrets: given, passwordKey } = await subject();
    const trials = passwordKey === undefined ? undefined : env.passwordTrials;
    const trial = trials && passwordKey ? await trials.turn(passwordKey, node.id) : undefined;
    // Whatever ends this attempt (even a bad ssh_config before any dialling) ends its trial.
    let outcome: 'accepted' | 'refused' | 'unknown' = 'unknown';
    try {
      const secrets = trial?.turn === 'withheld' ? withoutPassword(given) : given;
      const target = await targetFor(env, node, settings, secrets);
      if (trial?.turn === 'use') target.node.reportPassword = (ok) => (outcome = ok ? 'accepted' : 'refused');
      const gate = makeHostKeyGate({
        clusterId,
        nodeId: node.id,
        appKnownHosts: env.appKnownHosts,
        prompts: env.prompts,
        ...callbacks,
        warn: (message) => env.log.warn(`known_hosts: ${message}`),
      });
      return await connect(target, { bundle: env.bundle(), gate, log: env.log, link: env.link });
    } catch (err) {
      throw trial?.why === undefined ? err : withheldNote(err, trial.why);
    } finally {
      if (trial?.turn === 'use' && trials && passwordKey) trials.settle(passwordKey, node.id, outcome, node.host);
    }
  });
}

/** The node's target from ssh_config and the app's settings; warnings logged once. */
async function targetFor(
  env: SshEnvironment,
  node: NodeConfig,
  settings: SshSettings,
  secrets: SshSecrets,
): Promise<SshTarget> {
  const config = await loadSshConfigCached(
    {
      home: env.local.home,
      ...(env.sshConfigPath !== undefined && { userPath: env.sshConfigPath }),
      ...(env.systemSshConfigPath !== undefined && { systemPath: env.systemSshConfigPath }),
    },
    // Once per change of the files, not once per attempt.
    (loaded) => configWarnings(loaded).forEach((w) => env.log.warn(`ssh_config: ${w}`)),
  );
  const target = resolveTarget(node, settings, config, env.local, secrets);
  for (const w of target.warnings ?? []) warnOnce(env.log, `${node.host}: ${w}`);
  return target;
}

function withoutPassword(secrets: SshSecrets): SshSecrets {
  const { password: _withheld, ...rest } = secrets;
  return rest;
}

/** The failure, saying why the saved password was not offered. */
function withheldNote(err: unknown, refusedBy: string): unknown {
  if (!(err instanceof ConnectFailure)) return err;
  return new ConnectFailure(
    err.state,
    `${err.message} The saved password was not offered: ${refusedBy} refused it, and trying it on more nodes could lock the account. Enter it again in SSH settings, or press Retry to try it once more.`,
    err.retry === 'backoff' && err.state === 'auth-failed' ? 'manual' : err.retry,
    err.changedKey,
  );
}

/** Thrown when an attempt's cluster (or node) is gone by the time the attempt gets its turn. */
export const callOff = (): ConnectFailure => new ConnectFailure('error', 'The node was removed.', 'manual');

/**
 * One attempt for a saved cluster's node, with the cluster's settings as they are when the
 * attempt gets its turn (so a change applies on the next attempt). `cluster` gives undefined
 * once the cluster is removed (or the hub closes): the attempt then ends without dialling.
 */
export function connectNode(
  env: SshEnvironment,
  cluster: () => StoredCluster | undefined,
  node: NodeConfig,
  callbacks: NodeCallbacks,
): Promise<AgentConnection> {
  return attemptConnect(
    env,
    async () => {
      const current = cluster();
      const now = current?.nodes.find((n) => n.id === node.id);
      if (!current || !now) throw callOff();
      const { secrets, passwordKey } = await secretsFor(env, current.id, now.id);
      // Reading the secrets took a moment; the cluster may have gone meanwhile.
      if (!cluster()) throw callOff();
      return {
        clusterId: current.id,
        node: now,
        settings: current.settings,
        secrets,
        ...(passwordKey && { passwordKey }),
      };
    },
    callbacks,
  );
}
