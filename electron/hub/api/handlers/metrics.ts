import { randomUUID } from 'node:crypto';
import type { MetricsRequests } from '../../../api';
import { HubError } from '../../errors';
import { clusterMetrics } from '../clusterMetrics';
import { clusterById, type HandlersOf, nodeById } from './context';

/** Connections are only windows and tabs; more streams than this is a bug, not a use. */
const MAX_SUBSCRIPTIONS_PER_CONNECTION = 64;

export const metricsHandlers: HandlersOf<keyof MetricsRequests> = {
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
  'metrics.history': async ({ clusterId, nodeId }, _c, hub) =>
    nodeById(clusterById(hub, clusterId), nodeId).history.read(Date.now()),
};
