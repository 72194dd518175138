import type { ClusterSummary, MetricsSample, NodeView } from '../../../../electron/api';

/** One node as the monitor draws it: the node, the number under its bar, its newest sample if any. */
export interface MonitorNode {
  node: NodeView;
  label: string;
  sample?: MetricsSample;
}

/** The label of a node the cluster map does not number: it has no `mosrun -{n}` number to show. */
export const NOT_IN_MAP_LABEL = '–';

/**
 * The cluster's nodes in their configured order. Where the cluster has a MOSIX map, each bar is
 * labelled with the node's MOSIX number as mmon does (`numberOf`: node id -> number; a node the
 * map leaves out gets a dash); without one, with its 1-based position, a number an admin can
 * count along the axis.
 */
export function monitorNodes(
  cluster: ClusterSummary,
  sampleOf: (clusterId: string, nodeId: string) => MetricsSample | undefined,
  numberOf?: ReadonlyMap<string, number>,
): MonitorNode[] {
  return cluster.nodes.map((node, index) => {
    const sample = sampleOf(cluster.id, node.id);
    const number = numberOf ? numberOf.get(node.id) : index + 1;
    const label = number === undefined ? NOT_IN_MAP_LABEL : String(number);
    return sample ? { node, label, sample } : { node, label };
  });
}
