import type { Cluster } from '../clusters/cluster';
import type { NodeSession } from '../nodes/nodeSession';
import type { ConnectionState, Subscription } from './connection';

/**
 * One window's metrics stream for a whole cluster: a stream per node, kept in step with the
 * cluster as nodes join or are forgotten (sync), all stopped together.
 */
export function clusterMetrics(
  conn: ConnectionState,
  cluster: Cluster,
  subscriptionId: string,
  intervalMs: number,
): Subscription {
  const streams = new Map<NodeSession, () => void>();
  const sync = (): void => {
    for (const node of cluster.nodes) {
      if (streams.has(node)) continue;
      const stop = node.metrics.add(intervalMs, (sample) =>
        conn.emit('metrics.sample', { subscriptionId, clusterId: cluster.id, nodeId: node.snapshot.id, sample }),
      );
      streams.set(node, stop);
    }
    for (const [node, stop] of streams) {
      if (cluster.nodes.includes(node)) continue;
      stop();
      streams.delete(node);
    }
  };
  sync();
  return {
    sync,
    stop: () => {
      for (const stop of streams.values()) stop();
      streams.clear();
    },
  };
}
