import { describe, it, expect } from 'vitest';
import { nextNodeNumber } from '../../../../../electron/hub/clusters/sshClusters';

describe('nextNodeNumber', () => {
  it.each([
    { name: 'a new cluster', nodes: ['n1', 'n2'], saved: undefined, want: 3 },
    { name: 'a file from before the counter', nodes: ['n1', 'n7'], saved: undefined, want: 8 },
    { name: 'a counter past the ids', nodes: ['n1'], saved: 9, want: 9 },
    { name: 'ids past a stale counter', nodes: ['n12'], saved: 3, want: 13 },
    { name: 'ids that are not n<k>', nodes: ['a', 'n2x'], saved: undefined, want: 1 },
  ])('nextNodeNumber: $name', ({ nodes, saved, want }) => {
    const stored = {
      id: 'c',
      name: 'c',
      settings: {},
      nodes: nodes.map((id) => ({ id, host: id, settings: {} })),
      ...(saved === undefined ? {} : { nextNodeNumber: saved }),
    };
    expect(nextNodeNumber(stored)).toBe(want);
  });
});
