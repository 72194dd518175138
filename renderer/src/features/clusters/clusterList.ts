import type { ClusterSummary, NodeView, SshSettings } from '../../../../electron/api';

/**
 * Pure updates of the cluster list from hub replies and events. Each returns new arrays, so
 * the store can simply assign the result.
 *
 * A node's `since` orders its states: a snapshot (from `clusters.list` or `clusters.changed`)
 * may have been taken before a `node.state` event that reached us first, and must not turn
 * the node back to what it was.
 */

const newer = (candidate: NodeView, current: NodeView | undefined): NodeView =>
  current && current.since > candidate.since ? current : candidate;

/** The incoming nodes, each replaced by our copy where ours is strictly newer. */
export function mergeNodes(incoming: readonly NodeView[], current: readonly NodeView[]): NodeView[] {
  const byId = new Map(current.map((n) => [n.id, n]));
  return incoming.map((n) => newer(n, byId.get(n.id)));
}

/** The incoming list (it says which clusters and nodes exist), with our newer node states kept. */
export function mergeClusters(
  incoming: readonly ClusterSummary[],
  current: readonly ClusterSummary[],
): ClusterSummary[] {
  const byId = new Map(current.map((c) => [c.id, c]));
  return incoming.map((c) => {
    const ours = byId.get(c.id);
    return ours ? { ...c, nodes: mergeNodes(c.nodes, ours.nodes) } : c;
  });
}

/**
 * The list with one node's new state. A node we do not know yet is appended to its cluster;
 * an event for an unknown cluster is dropped (the next `clusters.changed` brings it whole).
 */
export function withNodeState(
  clusters: readonly ClusterSummary[],
  clusterId: string,
  node: NodeView,
): ClusterSummary[] {
  return clusters.map((c) => {
    if (c.id !== clusterId) return c;
    const i = c.nodes.findIndex((n) => n.id === node.id);
    if (i < 0) return { ...c, nodes: [...c.nodes, node] };
    const nodes = c.nodes.slice();
    nodes[i] = newer(node, c.nodes[i]);
    return { ...c, nodes };
  });
}

/** The list without one node (forgotten); the same list when it holds no such node. */
export function withoutNode(clusters: readonly ClusterSummary[], clusterId: string, nodeId: string): ClusterSummary[] {
  return clusters.map((c) =>
    c.id === clusterId && c.nodes.some((n) => n.id === nodeId)
      ? { ...c, nodes: c.nodes.filter((n) => n.id !== nodeId) }
      : c,
  );
}

/** The selection to keep: the same cluster if it still exists, else the first one. */
export function keepSelection(clusters: readonly ClusterSummary[], selectedId: string | null): string | null {
  if (selectedId !== null && clusters.some((c) => c.id === selectedId)) return selectedId;
  return clusters[0]?.id ?? null;
}

/** What to call a node on screen: the name its agent reports, else the name the hub gave it. */
export function nodeTitle(node: NodeView): string {
  return node.hello?.node.hostname ?? node.name;
}

/** A cluster's shared SSH settings in one line: `user admin · port 2222 · via gw`; empty for none. */
export function settingsLine(s: SshSettings): string {
  const parts: string[] = [];
  if (s.user) parts.push(`user ${s.user}`);
  if (s.port !== undefined) parts.push(`port ${s.port}`);
  if (s.identityFile) parts.push(`key ${s.identityFile}`);
  if (s.jumpHost) parts.push(`via ${s.jumpHost}`);
  if (s.useAgent === false) parts.push('no ssh-agent');
  return parts.join(' · ');
}
