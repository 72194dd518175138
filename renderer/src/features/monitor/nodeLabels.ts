import type { ClusterSummary, MetricsSample, NodeView } from '../../../../electron/api';

/** One node as the monitor draws it: the node, the number under its bar, its newest sample if any. */
export interface MonitorNode {
  node: NodeView;
  label: string;
  sample?: MetricsSample;
}

/**
 * The cluster's nodes in their configured order, each labelled with its 1-based position.
 * mmon labels bars with MOSIX node numbers from the cluster map; those arrive with the mosix
 * engine, until then the position is the number an admin can count along the axis.
 */
export function monitorNodes(
  cluster: ClusterSummary,
  sampleOf: (clusterId: string, nodeId: string) => MetricsSample | undefined,
): MonitorNode[] {
  return cluster.nodes.map((node, index) => {
    const sample = sampleOf(cluster.id, node.id);
    return sample ? { node, label: String(index + 1), sample } : { node, label: String(index + 1) };
  });
}
