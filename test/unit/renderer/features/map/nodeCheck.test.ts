import { describe, expect, it } from 'vitest';
import { matchMap } from '../../../../../renderer/src/features/map/mapMatch';
import { nodeChecks, type NodeCheckInput } from '../../../../../renderer/src/features/map/nodeCheck';

const files = (entries: Record<string, string>) => new Map(Object.entries(entries));
const MAP = '10.0.0.11 3\n';
const FREEZE = '/freeze 0.5\n1 0 6 4 0 4 0 -1 10\n';
const known = [1, 2, 3].map((k) => ({ id: `n${k}`, name: `node${k}`, addresses: [`10.0.0.${10 + k}`] }));
const match = (map = MAP) =>
  matchMap(
    Array.from({ length: Number(map.split(' ')[1]) }, (_, i) => ({ number: i + 1, host: `10.0.0.${11 + i}` })),
    known,
  );
const stateOf = (rows: { id: string; state: string }[] | undefined, id: string) =>
  rows?.find((r) => r.id === id)?.state;

describe('nodeChecks', () => {
  const good = (nodeId: string, extra: Partial<NodeCheckInput> = {}): NodeCheckInput => ({
    nodeId,
    files: files({ 'mosix.map': MAP, 'freeze.conf': FREEZE, mosip: `10.0.0.${10 + Number(nodeId[1])}\n` }),
    facts: { hosts: {}, dirs: { '/freeze': { exists: true, freeBytes: 10 * 1024 ** 3 } } },
    engine: 'linux',
    ...extra,
  });

  it('passes every check on agreeing nodes (a different mosip each is no drift)', () => {
    const checks = nodeChecks([good('n1'), good('n2'), good('n3')], match());
    for (const id of ['n1', 'n2', 'n3']) {
      const rows = checks.get(id)!;
      expect(rows.map((r) => [r.id, r.state])).toEqual([
        ['same-map', 'ok'],
        ['in-map', 'ok'],
        ['same-config', 'ok'],
        ['freeze-dirs', 'ok'],
        ['ports', 'not-applicable'],
      ]);
    }
    expect(checks.get('n2')![1]!.text).toMatch(/node 2/);
  });

  it.each([
    {
      name: 'a node with another map',
      nodes: [
        good('n1'),
        good('n2'),
        good('n3', { files: files({ 'mosix.map': '10.0.0.11 2\n', 'freeze.conf': FREEZE }) }),
      ],
      node: 'n3',
      check: 'same-map',
      state: 'problem',
    },
    {
      name: 'a node without a map',
      nodes: [good('n1'), good('n2', { files: files({}) })],
      node: 'n2',
      check: 'same-map',
      state: 'problem',
    },
    {
      name: 'a node with another queue file',
      nodes: [
        good('n1'),
        good('n2'),
        good('n3', { files: files({ 'mosix.map': MAP, 'freeze.conf': FREEZE, 'queue.conf': 'priority 9\n' }) }),
      ],
      node: 'n3',
      check: 'same-config',
      state: 'warning',
    },
    {
      name: 'a missing freeze directory',
      nodes: [good('n1', { facts: { hosts: {}, dirs: { '/freeze': { exists: false } } } })],
      node: 'n1',
      check: 'freeze-dirs',
      state: 'problem',
    },
    {
      name: 'a nearly full freeze directory',
      nodes: [good('n1', { facts: { hosts: {}, dirs: { '/freeze': { exists: true, freeBytes: 5 * 1024 ** 2 } } } })],
      node: 'n1',
      check: 'freeze-dirs',
      state: 'warning',
    },
    {
      name: 'unknown facts',
      nodes: [good('n1', { facts: undefined })],
      node: 'n1',
      check: 'freeze-dirs',
      state: 'not-checked',
    },
    {
      name: 'a mosix node’s ports',
      nodes: [good('n1', { engine: 'mosix' })],
      node: 'n1',
      check: 'ports',
      state: 'not-checked',
    },
  ])('flags $name', ({ nodes, node, check, state }) => {
    expect(stateOf(nodeChecks(nodes, match()).get(node), check)).toBe(state);
  });

  it('says a node the map leaves out', () => {
    const checks = nodeChecks([good('n1'), good('n2'), good('n3')], match('10.0.0.11 2\n'));
    expect(stateOf(checks.get('n3'), 'in-map')).toBe('problem');
  });
});
