import { randomUUID } from 'node:crypto';
import type { ProcsRequests } from '../../../api';
import { HubError } from '../../errors';
import { ClusterProcs } from '../clusterProcs';
import { clusterById, type HandlersOf, nodeById } from './context';

/** As for metrics: connections are only windows and tabs, and each process table costs memory. */
const MAX_SUBSCRIPTIONS_PER_CONNECTION = 64;
const MAX_PROCS_SUBSCRIPTIONS_PER_CONNECTION = 16;

export const procsHandlers: HandlersOf<keyof ProcsRequests> = {
  'procs.subscribe': async ({ clusterId, filter }, conn, hub) => {
    const cluster = clusterById(hub, clusterId);
    for (const nodeId of filter?.nodeIds ?? []) nodeById(cluster, nodeId);
    const procsCount = [...conn.subscriptions.values()].filter((s) => s instanceof ClusterProcs).length;
    if (
      conn.subscriptions.size >= MAX_SUBSCRIPTIONS_PER_CONNECTION ||
      procsCount >= MAX_PROCS_SUBSCRIPTIONS_PER_CONNECTION
    ) {
      throw new HubError('bad-request', 'Too many process table subscriptions from this window.');
    }
    const subscriptionId = randomUUID();
    conn.subscriptions.set(subscriptionId, new ClusterProcs(conn, cluster, subscriptionId, filter));
    return { subscriptionId };
  },
  'procs.unsubscribe': async ({ subscriptionId }, conn) => {
    const sub = conn.subscriptions.get(subscriptionId);
    if (!(sub instanceof ClusterProcs)) return { removed: false };
    sub.stop();
    return { removed: conn.subscriptions.delete(subscriptionId) };
  },
  'procs.resync': async ({ subscriptionId }, conn) => {
    const sub = conn.subscriptions.get(subscriptionId);
    if (!(sub instanceof ClusterProcs)) {
      throw new HubError('not-found', `This window has no process table subscription "${subscriptionId}".`);
    }
    sub.resync();
    return { ok: true };
  },
};
