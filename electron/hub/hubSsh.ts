import { homedir, hostname, userInfo } from 'node:os';
import type { HubEvents, EventName } from '../api';
import type { Cluster } from './clusters/cluster';
import { ClusterStore } from './clusters/clusterStore';
import type { SshEnvironment } from './clusters/nodeConnector';
import { SshClusters } from './clusters/sshClusters';
import { loadAgentBundle, type AgentBundle } from './deploy/agentBundle';
import type { HubLog } from './log';
import { PasswordTrials } from './clusters/passwordTrials';
import { Fanout } from './nodes/fanout';
import type { LivenessOptions } from './nodes/liveness';
import type { SecretStore } from './secrets/secretStore';
import type { LocalSshContext } from './ssh/resolveTarget';
import { AppKnownHosts } from './trust/appKnownHosts';
import { HostKeyPrompts } from './trust/hostKeyPrompts';

/** What the shells (and tests) choose about SSH; everything has a default fit for the app. */
export interface HubSshOptions {
  /** Where clusters.json and the app's known_hosts live (Electron's userData). */
  userDataDir: string;
  secrets: SecretStore;
  /** The workstation user; default: the one running the hub. */
  local?: Partial<LocalSshContext>;
  sshConfigPath?: string;
  /** null: do not read /etc/ssh/ssh_config. */
  systemSshConfigPath?: string | null;
  /** Connections opened at once (default 16). */
  fanout?: number;
  readyTimeoutMs?: number;
  liveness?: LivenessOptions;
  maxBackoffMs?: number;
  /** Test-only: how an agent is reached instead of over SSH (see SshEnvironment.connectAgent). */
  connectAgent?: SshEnvironment['connectAgent'];
}

export type Broadcast = <E extends EventName>(event: E, payload: HubEvents[E]) => void;

function localContext(over: Partial<LocalSshContext> = {}): LocalSshContext {
  const ctx: LocalSshContext = {
    localUser: over.localUser ?? userInfo().username,
    home: over.home ?? homedir(),
    localHost: over.localHost ?? hostname(),
  };
  const uid = over.uid ?? process.getuid?.();
  if (uid !== undefined) ctx.uid = uid;
  const agentSocket = 'agentSocket' in over ? over.agentSocket : process.env.SSH_AUTH_SOCK;
  if (agentSocket) ctx.agentSocket = agentSocket;
  return ctx;
}

/** Wires the SSH side of the hub: stores, trust, prompts and the cluster manager. */
export function createSshSide(
  opts: HubSshOptions,
  agentBundlePath: string,
  log: HubLog,
  registry: Map<string, Cluster>,
  broadcast: Broadcast,
  summaries: () => HubEvents['clusters.changed']['clusters'],
): { clusters: SshClusters; prompts: HostKeyPrompts } {
  const appKnownHosts = AppKnownHosts.inDir(opts.userDataDir);
  const prompts = new HostKeyPrompts(
    {
      prompt: (p) => broadcast('hostkey.prompt', p),
      resolved: (promptId) => broadcast('hostkey.resolved', { promptId }),
    },
    (p, blob) => appKnownHosts.add(p.host, p.port, p.keyType, blob),
  );
  let bundle: AgentBundle | undefined;
  const env: SshEnvironment = {
    // Read on first use: the local cluster works even when the bundle is missing.
    bundle: () => (bundle ??= loadAgentBundle(agentBundlePath)),
    local: localContext(opts.local),
    ...(opts.sshConfigPath !== undefined && { sshConfigPath: opts.sshConfigPath }),
    ...(opts.systemSshConfigPath !== undefined && { systemSshConfigPath: opts.systemSshConfigPath }),
    secrets: opts.secrets,
    appKnownHosts,
    prompts,
    fanout: new Fanout(opts.fanout ?? 16),
    passwordTrials: new PasswordTrials(),
    log,
    link: { readyTimeoutMs: opts.readyTimeoutMs ?? 8000, keepaliveMs: 1000 },
    ...(opts.liveness && { liveness: opts.liveness }),
    ...(opts.maxBackoffMs !== undefined && { maxBackoffMs: opts.maxBackoffMs }),
    ...(opts.connectAgent && { connectAgent: opts.connectAgent }),
  };
  const clusters = new SshClusters({
    env,
    store: ClusterStore.inDir(opts.userDataDir),
    registry,
    onNodeChange: (clusterId, node) => broadcast('node.state', { clusterId, node }),
    onClustersChanged: () => broadcast('clusters.changed', { clusters: summaries() }),
  });
  return { clusters, prompts };
}
