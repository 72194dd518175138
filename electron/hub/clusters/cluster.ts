import type { ClusterSummary, SshSettings } from '../../api';
import type { NodeSession } from '../nodes/nodeSession';

/** A cluster as the hub holds it: a name and the live sessions of its nodes. */
export interface Cluster {
  id: string;
  name: string;
  kind: ClusterSummary['kind'];
  nodes: NodeSession[];
  settings?: SshSettings;
}

export function summarize(cluster: Cluster): ClusterSummary {
  return {
    id: cluster.id,
    name: cluster.name,
    kind: cluster.kind,
    nodes: cluster.nodes.map((n) => n.snapshot),
    ...(cluster.settings && { settings: { ...cluster.settings } }),
  };
}
