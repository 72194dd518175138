import { describe, expect, it } from 'vitest';
import {
  keepSelection,
  mergeClusters,
  mergeNodes,
  nodeTitle,
  settingsLine,
  withNodeState,
  withoutNode,
} from '../../../../../renderer/src/features/clusters/clusterList';
import { cluster, nodeView } from '../../support/views';

describe('withNodeState', () => {
  const lab = () => [
    cluster('local', [nodeView('me', { state: 'up' })], { kind: 'local' }),
    cluster('lab', [nodeView('n1'), nodeView('n2')]),
  ];

  it('replaces the node in its own cluster only', () => {
    const before = lab();
    const after = withNodeState(before, 'lab', nodeView('n2', { state: 'up', since: 2000 }));
    expect(after[1]?.nodes.map((n) => n.state)).toEqual(['connecting', 'up']);
    expect(after[0]).toBe(before[0]);
    expect(before[1]?.nodes[1]?.state).toBe('connecting');
  });

  it('keeps the other fields of the event, reason and hello included', () => {
    const node = nodeView('n1', { state: 'auth-failed', reason: 'root@10.0.0.11: publickey refused', since: 5000 });
    expect(withNodeState(lab(), 'lab', node)[1]?.nodes[0]).toEqual(node);
  });

  it('appends a node its cluster did not have yet', () => {
    const after = withNodeState(lab(), 'lab', nodeView('n3', { state: 'connecting' }));
    expect(after[1]?.nodes.map((n) => n.id)).toEqual(['n1', 'n2', 'n3']);
  });

  it('drops an event for a cluster it does not know', () => {
    const before = lab();
    expect(withNodeState(before, 'gone', nodeView('n1', { state: 'up' }))).toEqual(before);
  });

  it('ignores a state older than the one it has', () => {
    const before = withNodeState(lab(), 'lab', nodeView('n1', { state: 'up', since: 3000 }));
    const after = withNodeState(before, 'lab', nodeView('n1', { state: 'connecting', since: 2000 }));
    expect(after[1]?.nodes[0]?.state).toBe('up');
  });

  it('takes a state with the same since (two changes in one millisecond)', () => {
    const before = withNodeState(lab(), 'lab', nodeView('n1', { state: 'connecting', since: 3000 }));
    const after = withNodeState(before, 'lab', nodeView('n1', { state: 'dead', since: 3000 }));
    expect(after[1]?.nodes[0]?.state).toBe('dead');
  });
});

describe('mergeClusters', () => {
  it('takes the incoming list of clusters and nodes', () => {
    const current = [cluster('a', [nodeView('x')]), cluster('b', [])];
    const incoming = [cluster('b', [nodeView('y')]), cluster('c', [nodeView('z')])];
    const merged = mergeClusters(incoming, current);
    expect(merged.map((c) => c.id)).toEqual(['b', 'c']);
    expect(merged[0]?.nodes.map((n) => n.id)).toEqual(['y']);
  });

  it('keeps a node state newer than the snapshot, and takes the snapshot where it is newer', () => {
    const current = [cluster('lab', [nodeView('n1', { state: 'up', since: 9 }), nodeView('n2', { since: 1 })])];
    const incoming = [
      cluster('lab', [nodeView('n1', { state: 'connecting', since: 5 }), nodeView('n2', { state: 'dead', since: 7 })]),
    ];
    expect(mergeClusters(incoming, current)[0]?.nodes.map((n) => n.state)).toEqual(['up', 'dead']);
  });

  it('takes the incoming name and settings of a known cluster', () => {
    const merged = mergeClusters(
      [cluster('lab', [], { name: 'Lab 2', settings: { user: 'ops' } })],
      [cluster('lab', [])],
    );
    expect(merged[0]).toMatchObject({ name: 'Lab 2', settings: { user: 'ops' } });
  });
});

describe('mergeNodes', () => {
  it('drops nodes the incoming list no longer has', () => {
    expect(mergeNodes([nodeView('a')], [nodeView('a'), nodeView('b')]).map((n) => n.id)).toEqual(['a']);
  });
});

describe('keepSelection', () => {
  const list = [cluster('local', []), cluster('lab', [])];
  it.each([
    { name: 'keeps a selection that still exists', selected: 'lab', want: 'lab' },
    { name: 'falls back to the first cluster when the selected one is gone', selected: 'gone', want: 'local' },
    { name: 'selects the first cluster when none was', selected: null, want: 'local' },
  ])('$name', ({ selected, want }) => expect(keepSelection(list, selected)).toBe(want));
  it('selects nothing in an empty list', () => expect(keepSelection([], 'lab')).toBeNull());
});

describe('nodeTitle', () => {
  it('prefers the hostname the agent reports over the configured name', () => {
    const hello = { node: { hostname: 'node1' } } as NonNullable<Parameters<typeof nodeTitle>[0]['hello']>;
    expect(nodeTitle(nodeView('n1', { name: '10.0.0.11', hello }))).toBe('node1');
    expect(nodeTitle(nodeView('n1', { name: '10.0.0.11' }))).toBe('10.0.0.11');
  });
});

describe('settingsLine', () => {
  it.each([
    { name: 'nothing set', settings: {}, want: '' },
    { name: 'the agent on, as by default', settings: { useAgent: true }, want: '' },
    {
      name: 'every field',
      settings: { user: 'ops', port: 2222, identityFile: '~/.ssh/lab', jumpHost: 'gw', useAgent: false },
      want: 'user ops · port 2222 · key ~/.ssh/lab · via gw · no ssh-agent',
    },
  ])('reads $name', ({ settings, want }) => expect(settingsLine(settings)).toBe(want));
});

describe('withoutNode', () => {
  const list = () => [
    cluster('a', [nodeView('n1'), nodeView('n2')]),
    cluster('b', [nodeView('n1'), nodeView('n2'), nodeView('n3')]),
  ];
  const rows = [
    {
      name: 'a node in the middle',
      clusterId: 'b',
      nodeId: 'n2',
      want: [
        ['n1', 'n2'],
        ['n1', 'n3'],
      ],
    },
    {
      name: 'the same id in another cluster is kept',
      clusterId: 'a',
      nodeId: 'n1',
      want: [['n2'], ['n1', 'n2', 'n3']],
    },
    {
      name: 'an unknown node changes nothing',
      clusterId: 'a',
      nodeId: 'n9',
      want: [
        ['n1', 'n2'],
        ['n1', 'n2', 'n3'],
      ],
    },
    {
      name: 'an unknown cluster changes nothing',
      clusterId: 'z',
      nodeId: 'n1',
      want: [
        ['n1', 'n2'],
        ['n1', 'n2', 'n3'],
      ],
    },
  ];
  it.each(rows)('$name', ({ clusterId, nodeId, want }) => {
    const before = list();
    const after = withoutNode(before, clusterId, nodeId);
    expect(after.map((c) => c.nodes.map((n) => n.id))).toEqual(want);
    expect(before.map((c) => c.nodes.length)).toEqual([2, 3]); // a new list, the old one untouched
  });

  it('keeps the clusters it does not change as they were', () => {
    const before = list();
    const after = withoutNode(before, 'b', 'n3');
    expect(after[0]).toBe(before[0]);
    expect(after[1]).not.toBe(before[1]);
  });
});
