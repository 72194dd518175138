import type { NodeConfig, SshSecrets } from '../../api';
import type { AgentConnection } from '../agents/greet';
import type { AgentBundle } from '../deploy/agentBundle';
import type { HubLog } from '../log';
import type { Fanout } from '../nodes/fanout';
import type { LivenessOptions } from '../nodes/liveness';
import { connectOverSsh } from '../nodes/sshConnector';
import type { SecretStore } from '../secrets/secretStore';
import { resolveTarget, type LocalSshContext } from '../ssh/resolveTarget';
import { loadSshConfig } from '../ssh/sshConfigLoader';
import type { SshLinkOptions } from '../ssh/sshLink';
import type { AppKnownHosts } from '../trust/appKnownHosts';
import { makeHostKeyGate } from '../trust/hostKeyGate';
import type { HostKeyPrompts } from '../trust/hostKeyPrompts';
import type { StoredCluster } from './clusterStore';

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
}

export type SecretKind = keyof SshSecrets;

/** Where a secret lives in the SecretStore: per cluster, or per node when given. */
export function secretKey(clusterId: string, kind: SecretKind, nodeId?: string): string {
  return `ssh/${clusterId}${nodeId ? `/${nodeId}` : ''}/${kind}`;
}

async function secretsFor(env: SshEnvironment, clusterId: string, nodeId: string): Promise<SshSecrets> {
  const out: SshSecrets = {};
  for (const kind of ['passphrase', 'password'] as const) {
    const value =
      (await env.secrets.get(secretKey(clusterId, kind, nodeId))) ??
      (await env.secrets.get(secretKey(clusterId, kind)));
    if (value !== undefined) out[kind] = value;
  }
  return out;
}

export interface NodeCallbacks {
  onAccepted(): void;
  onRefused(message: string): void;
}

/**
 * One attempt to reach a node's agent, with the cluster's settings as they are now (read
 * each time, so a change applies on the next attempt), within the hub-wide fan-out bound.
 */
export function connectNode(
  env: SshEnvironment,
  cluster: () => StoredCluster,
  node: NodeConfig,
  callbacks: NodeCallbacks,
): Promise<AgentConnection> {
  return env.fanout.run(async () => {
    const current = cluster();
    const now = current.nodes.find((n) => n.id === node.id) ?? node;
    const config = await loadSshConfig({
      home: env.local.home,
      ...(env.sshConfigPath !== undefined && { userPath: env.sshConfigPath }),
      ...(env.systemSshConfigPath !== undefined && { systemPath: env.systemSshConfigPath }),
    });
    const target = resolveTarget(now, current.settings, config, env.local, await secretsFor(env, current.id, now.id));
    const gate = makeHostKeyGate({
      clusterId: current.id,
      nodeId: now.id,
      appKnownHosts: env.appKnownHosts,
      prompts: env.prompts,
      ...callbacks,
    });
    return connectOverSsh(target, { bundle: env.bundle(), gate, log: env.log, link: env.link });
  });
}
