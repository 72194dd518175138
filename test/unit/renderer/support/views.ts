import type { ClusterSummary, HostKeyPrompt, NodeView } from '../../../../electron/api';

export function nodeView(id: string, over: Partial<NodeView> = {}): NodeView {
  return { id, name: id, state: 'connecting', since: 1000, ...over };
}

export function cluster(id: string, nodes: NodeView[], over: Partial<ClusterSummary> = {}): ClusterSummary {
  return { id, name: id, kind: 'ssh', nodes, ...over };
}

export function prompt(promptId: string, over: Partial<HostKeyPrompt> = {}): HostKeyPrompt {
  return {
    promptId,
    clusterId: 'lab',
    nodeId: 'n1',
    host: '10.0.0.11',
    port: 22,
    keyType: 'ssh-ed25519',
    fingerprint: 'SHA256:uNiVztksCsDhcc0u9e8BujQXVUpKZIDTMczCvj3tD2s',
    ...over,
  };
}
