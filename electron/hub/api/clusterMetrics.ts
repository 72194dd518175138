import type { MetricsSample } from '../../../agent/src/protocol/types';
import type { Cluster } from '../clusters/cluster';
import type { NodeSession } from '../nodes/nodeSession';
import type { ConnectionState, Subscription } from './connection';

/**
 * One window's metrics stream for a whole cluster: the node streams' samples are gathered and
 * sent as one `metrics.batch` per tick, whatever the number of nodes, so a window's cost grows
 * with the ticks and not with the nodes. The first batch goes out at once with every up node's
 * newest sample, so a view opened now has figures before the first tick. Streams follow the
 * cluster as nodes join or are forgotten (sync) and stop together.
 */
export function clusterMetrics(
  conn: ConnectionState,
  cluster: Cluster,
  subscriptionId: string,
  intervalMs: number,
): Subscription {
  const streams = new Map<NodeSession, () => void>();
  const pending = new Map<string, MetricsSample>();
  const flush = (): void => {
    if (pending.size === 0) return;
    const samples = [...pending].map(([nodeId, sample]) => ({ nodeId, sample }));
    pending.clear();
    conn.emit('metrics.batch', { subscriptionId, clusterId: cluster.id, samples });
  };
  const sync = (): void => {
    for (const node of cluster.nodes) {
      if (streams.has(node)) continue;
      const nodeId = node.snapshot.id;
      const latest = node.latestSample;
      if (latest) pending.set(nodeId, latest);
      streams.set(
        node,
        node.metrics.add({ intervalMs }, (sample) => pending.set(nodeId, sample)),
      );
    }
    for (const [node, stop] of streams) {
      if (cluster.nodes.includes(node)) continue;
      stop();
      streams.delete(node);
      pending.delete(node.snapshot.id);
    }
  };
  sync();
  // After the subscribe reply, which the window needs to know the batch is its own.
  const first = setTimeout(flush, 0);
  const timer = setInterval(flush, intervalMs);
  return {
    sync,
    stop: () => {
      clearTimeout(first);
      clearInterval(timer);
      for (const stop of streams.values()) stop();
      streams.clear();
      pending.clear();
    },
  };
}
