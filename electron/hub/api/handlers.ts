import { randomUUID } from 'node:crypto';
import type { AppInfo, Method, Params, Result } from '../../api';
import { type Cluster, summarize } from '../clusters/cluster';
import { HubError } from '../errors';
import type { ConnectionState } from './connection';

export interface HubContext {
  appInfo: AppInfo;
  clusters: Map<string, Cluster>;
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
    const stops = cluster.nodes.map((node) =>
      node.metrics.add(intervalMs, (sample) =>
        conn.emit('metrics.sample', { subscriptionId, clusterId, nodeId: node.snapshot.id, sample }),
      ),
    );
    conn.subscriptions.set(subscriptionId, () => stops.forEach((stop) => stop()));
    return { subscriptionId };
  },
  'metrics.unsubscribe': async ({ subscriptionId }, conn) => {
    const stop = conn.subscriptions.get(subscriptionId);
    stop?.();
    return { removed: conn.subscriptions.delete(subscriptionId) };
  },
};
