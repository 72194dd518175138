import { describe, expect, it } from 'vitest';
import { clusterMapModel, numberSpan, partnerFlags } from '../../../../../renderer/src/features/map/mapModel';

const files = (entries: Record<string, string>) => new Map(Object.entries(entries));
const nodes = [1, 2, 3].map((k) => ({ id: `n${k}`, name: `node${k}`, addresses: [`10.0.0.${10 + k}`] }));

describe('clusterMapModel', () => {
  it('numbers the nodes from the map, matches them, and lists what the map leaves out', () => {
    const perNode = new Map([
      ['n1', files({ 'mosix.map': '10.0.0.11 2\n10.0.0.50 1\n' })],
      ['n2', files({ 'mosix.map': '10.0.0.11 2\n10.0.0.50 1\n' })],
      ['n3', files({})],
    ]);
    const m = clusterMapModel(perNode, nodes);
    expect(m.numbers.map((n) => [n.number, n.address])).toEqual([
      [1, '10.0.0.11'],
      [2, '10.0.0.12'],
      [3, '10.0.0.50'],
    ]);
    expect(m.match.rows.map((r) => r.nodeId)).toEqual(['n1', 'n2', undefined]);
    expect(m.match.notInMap).toEqual(['n3']);
    expect(m.withoutMap).toEqual(['n3']);
    expect(m.drift.map((d) => d.file)).toEqual(['mosix.map']);
  });

  it('uses userview.map’s numbers where it has them', () => {
    const both = files({ 'mosix.map': '10.0.0.11 3\n', 'userview.map': '101 10.0.0.11 3\n' });
    const m = clusterMapModel(new Map(nodes.map((n) => [n.id, both])), nodes);
    expect([...m.match.numberOf]).toEqual([
      ['n1', 101],
      ['n2', 102],
      ['n3', 103],
    ]);
    expect(m.drift).toEqual([]);
  });

  it('draws nothing for a cluster without a map', () => {
    const m = clusterMapModel(new Map([['n1', files({})]]), nodes);
    expect(m.numbers).toEqual([]);
    expect(m.fromNodeId).toBeUndefined();
  });
});

describe('partnerFlags', () => {
  const base = { name: 'b', description: 'B', canExpend: 1, ranges: [] };
  it.each([
    [{ priority: 45, canGo: true, canTake: true }, 'pri=45'],
    [{ priority: 45, canGo: false, canTake: true }, 'pri=45,dontgo'],
    [{ priority: 0, canGo: false, canTake: false }, 'pri=0,dontgo,dont_take'],
    [{ priority: null, canGo: true, canTake: true }, 'no priority line'],
  ])('%o is %s', (p, flags) => {
    expect(partnerFlags({ ...base, ...p }).join(',')).toBe(flags);
  });
  it('says proximate when every range is', () => {
    const ranges = [{ host: 'x', count: 2, core: true, participate: true, proximate: true }];
    expect(partnerFlags({ ...base, priority: 1, canGo: true, canTake: true, ranges })).toEqual(['pri=1', 'proximate']);
  });
});

describe('numberSpan', () => {
  it.each([
    [1, 4, '1–4'],
    [7, 1, '7'],
  ])('%i × %i is %s', (first, count, text) => expect(numberSpan(first, count)).toBe(text));
});
