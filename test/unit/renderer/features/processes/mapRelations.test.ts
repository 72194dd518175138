import { describe, expect, it } from 'vitest';
import { clusterMapModel } from '../../../../../renderer/src/features/map/mapModel';
import type { KnownNode } from '../../../../../renderer/src/features/map/mapMatch';
import { mapRelations } from '../../../../../renderer/src/features/processes/mapRelations';

const node = (id: string, address: string, host?: string): KnownNode => ({
  id,
  name: id,
  addresses: [address],
  ...(host ? { host } : {}),
});
const NODES = [
  node('a1', '10.0.0.11'),
  node('a2', '10.0.0.12'),
  node('o3', '10.0.0.13'),
  node('east', '10.9.0.5'),
  node('west', '10.8.0.1', 'w1.example'),
  node('stray', '192.168.1.1'),
];

function relations(files: Record<string, string>) {
  const perNode = new Map(NODES.map((n) => [n.id, new Map(Object.entries(files))]));
  return Object.fromEntries(mapRelations(clusterMapModel(perNode, NODES), NODES));
}

describe('mapRelations', () => {
  it.each([
    ['no special ranges: nothing to say', { 'mosix.map': '10.0.0.11 3\n' }, {}],
    ['an outsider range marks its nodes', { 'mosix.map': '10.0.0.11 2\n10.0.0.13 1 o\n' }, { o3: { outsider: true } }],
    [
      'a partner that takes and gives: only which partner',
      { 'mosix.map': '10.0.0.11 3\n', 'partners/east': 'East\n10 1 1 0\n10.9.0.1 10 1 1 0\n' },
      { east: { partnerOf: 'east' } },
    ],
    [
      'cango 0 is dontgo, cantake 0 is dont_take',
      { 'mosix.map': '10.0.0.11 3\n', 'partners/east': 'East\n10 0 0 0\n10.9.0.1 10 1 1 0\n' },
      { east: { partnerOf: 'east', dontgo: true, dontTake: true } },
    ],
    [
      'a range past the node does not hold it',
      { 'mosix.map': '10.0.0.11 3\n', 'partners/east': 'East\n10 0 1 0\n10.9.0.1 4 1 1 0\n' },
      {},
    ],
    [
      'a partner range by host name matches the host typed',
      { 'mosix.map': '10.0.0.11 3\n', 'partners/west': 'West\n5 1 0 0\nW1.example 1 1 1 0\n' },
      { west: { partnerOf: 'west', dontTake: true } },
    ],
    [
      'a node of the own map is never a partner’s, even if a partner range covers it',
      { 'mosix.map': '10.0.0.11 3\n', 'partners/east': 'East\n10 0 0 0\n10.0.0.1 20 1 1 0\n' },
      {},
    ],
  ])('%s', (_name, files, expected) => {
    expect(relations(files)).toEqual(expected);
  });
});
