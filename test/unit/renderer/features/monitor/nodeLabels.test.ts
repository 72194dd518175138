import { describe, expect, it } from 'vitest';
import type { ClusterSummary } from '../../../../../electron/api';
import { monitorNodes } from '../../../../../renderer/src/features/monitor/nodeLabels';
import { fullSample, nodeView } from './monitorFixtures';

const summary: ClusterSummary = {
  id: 'hpc-a',
  name: 'hpc-a',
  kind: 'ssh',
  nodes: [nodeView('node7'), nodeView('node2', { state: 'dead' }), nodeView('node10')],
};

describe('monitorNodes', () => {
  it('labels nodes by their 1-based position and looks each sample up by cluster and node', () => {
    const sample = fullSample();
    const asked: string[] = [];
    const nodes = monitorNodes(summary, (clusterId, nodeId) => {
      asked.push(`${clusterId}/${nodeId}`);
      return nodeId === 'node10' ? sample : undefined;
    });
    expect(asked).toEqual(['hpc-a/node7', 'hpc-a/node2', 'hpc-a/node10']);
    expect(nodes.map(({ node, label }) => [node.id, label])).toEqual([
      ['node7', '1'],
      ['node2', '2'],
      ['node10', '3'],
    ]);
    expect(nodes[2]?.sample).toBe(sample);
    expect(nodes[0]).not.toHaveProperty('sample');
    expect(nodes[1]?.node).toBe(summary.nodes[1]);
  });

  it("labels nodes with the cluster map's MOSIX numbers, and a node the map leaves out with a dash", () => {
    const numberOf = new Map([
      ['node7', 12],
      ['node10', 1],
    ]);
    expect(monitorNodes(summary, () => undefined, numberOf).map((n) => n.label)).toEqual(['12', '–', '1']);
  });

  it('gives an empty cluster no nodes', () => {
    expect(monitorNodes({ ...summary, nodes: [] }, () => undefined)).toEqual([]);
  });
});
