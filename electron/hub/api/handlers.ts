import { randomUUID } from 'node:crypto';
import type { AppInfo, Method, Params, Result } from '../../api';
import { type Cluster, summarize } from '../clusters/cluster';
import type { SshClusters } from '../clusters/sshClusters';
import { HubError } from '../errors';
import type { NoticeBoard } from '../notices';
import type { HostKeyPrompts } from '../trust/hostKeyPrompts';
import { clusterMetrics } from './clusterMetrics';
import type { ConnectionState } from './connection';

export interface HubContext {
  appInfo: AppInfo;
  clusters: Map<string, Cluster>;
  /** Absent when the hub was made without SSH (some tests). */
  ssh: { clusters: SshClusters; prompts: HostKeyPrompts } | undefined;
  /** Settles once the saved clusters are loaded. */
  ready: Promise<void>;
  notices: NoticeBoard;
}

function sshOf(hub: HubContext): NonNullable<HubContext['ssh']> {
  if (!hub.ssh) throw new HubError('unavailable', 'This hub was started without SSH clusters.');
  return hub.ssh;
}

type Handlers = {
  [M in Method]: (params: Params<M>, conn: ConnectionState, hub: HubContext) => Promise<Result<M>>;
};

/** Connections are only windows and tabs; more streams than this is a bug, not a use. */
const MAX_SUBSCRIPTIONS_PER_CONNECTION = 64;

function clusterById(hub: HubContext, clusterId: string): Cluster {
  const cluster = hub.clusters.get(clusterId);
  if (!cluster) throw new HubError('not-found', `There is no cluster "${clusterId}".`);
  return cluster;
}

export const hubHandlers: Handlers = {
  'app.info': async (_p, _c, hub) => hub.appInfo,
  'clusters.list': async (_p, _c, hub) => [...hub.clusters.values()].map(summarize),
  'metrics.subscribe': async ({ clusterId, intervalMs }, conn, hub) => {
    const cluster = clusterById(hub, clusterId);
    if (conn.subscriptions.size >= MAX_SUBSCRIPTIONS_PER_CONNECTION) {
      throw new HubError('bad-request', 'Too many metrics subscriptions from this window.');
    }
    const subscriptionId = randomUUID();
    conn.subscriptions.set(subscriptionId, clusterMetrics(conn, cluster, subscriptionId, intervalMs));
    return { subscriptionId };
  },
  'metrics.unsubscribe': async ({ subscriptionId }, conn) => {
    conn.subscriptions.get(subscriptionId)?.stop();
    return { removed: conn.subscriptions.delete(subscriptionId) };
  },
  'clusters.add': async (params, _c, hub) => summarize(await sshOf(hub).clusters.add(params)),
  'clusters.remove': async ({ clusterId }, _c, hub) => ({ removed: await sshOf(hub).clusters.remove(clusterId) }),
  'clusters.configure': async ({ clusterId, nodeId, settings, secrets }, _c, hub) =>
    summarize(await sshOf(hub).clusters.configure(clusterId, nodeId, settings, secrets)),
  'nodes.add': async ({ clusterId, hosts }, _c, hub) => summarize(await sshOf(hub).clusters.addNodes(clusterId, hosts)),
  'nodes.remove': async ({ clusterId, nodeId }, _c, hub) => ({
    removed: await sshOf(hub).clusters.removeNode(clusterId, nodeId),
  }),
  'nodes.reconnect': async ({ clusterId, nodeId }, _c, hub) => {
    const cluster = clusterById(hub, clusterId);
    // SSH nodes through their manager, which knows which of its clusters are live.
    if (cluster.kind === 'ssh') {
      sshOf(hub).clusters.reconnect(clusterId, nodeId);
      return { ok: true };
    }
    const node = cluster.nodes.find((n) => n.snapshot.id === nodeId);
    if (!node) throw new HubError('not-found', `Cluster ${cluster.name} has no node "${nodeId}".`);
    node.reconnectNow();
    return { ok: true };
  },
  'hostkeys.pending': async (_p, _c, hub) => (hub.ssh ? hub.ssh.prompts.list() : []),
  'hostkeys.answer': async ({ promptId, accept }, _c, hub) => {
    await sshOf(hub).prompts.answer(promptId, accept);
    return { ok: true };
  },
  'hostkeys.forget': async ({ clusterId, nodeId }, _c, hub) => ({
    removed: await sshOf(hub).clusters.forgetHostKey(clusterId, nodeId),
  }),
  'secrets.saved': async ({ clusterId, nodeId }, _c, hub) => sshOf(hub).clusters.savedSecrets(clusterId, nodeId),
  'notices.list': async (_p, _c, hub) => hub.notices.list(),
  'notices.dismiss': async ({ noticeId }, _c, hub) => {
    const dismissed = hub.notices.dismiss(noticeId);
    // Answered once saved: a dismissed notice does not come back at the next start.
    await hub.notices.flushed();
    return { dismissed };
  },
};
