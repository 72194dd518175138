import { describe, expect, it } from 'vitest';
import { bestNode, type PlacementNode } from '../../../../agent/src/mosrun/placement';

const node = (name: string, over: Partial<PlacementNode> = {}): PlacementNode => ({
  id: name,
  name,
  up: true,
  accepts: true,
  availableMb: 1000,
  load: 0,
  cpus: 1,
  speed: 1000,
  ...over,
});

describe('bestNode', () => {
  it.each<[string, PlacementNode[], number | undefined, string | null, RegExp]>([
    [
      'the least loaded',
      [node('a', { load: 1 }), node('b', { load: 0.2 }), node('c', { load: 0.5 })],
      undefined,
      'b',
      /^b: the lowest load/,
    ],
    [
      'load relative to CPUs',
      [node('a', { load: 1, cpus: 1 }), node('b', { load: 1.5, cpus: 4 })],
      undefined,
      'b',
      /on 4 CPUs/,
    ],
    [
      'load relative to speed',
      [node('a', { load: 1, speed: 1000 }), node('b', { load: 1.5, speed: 3000 })],
      undefined,
      'b',
      /speed 3000/,
    ],
    [
      'an unknown speed counts as the slowest',
      // The slowest known is c's 1000: a counts as 1/1000, b 1.2/2000, c 0.9/1000.
      [node('a', { load: 1, speed: 0 }), node('b', { load: 1.2, speed: 2000 }), node('c', { load: 0.9, speed: 1000 })],
      undefined,
      'b',
      /^b/,
    ],
    [
      'a tie goes to more free memory',
      [node('a', { availableMb: 500 }), node('b', { availableMb: 900 })],
      undefined,
      'b',
      /as lightly loaded as a.*more free memory/,
    ],
    ['a full tie goes to the name', [node('b'), node('a')], undefined, 'a', /^a/],
    ['down nodes are out', [node('a', { up: false }), node('b', { load: 5 })], undefined, 'b', /of 1 up node/],
    [
      'nodes that take no processes are out',
      [node('a', { accepts: 'blocked' }), node('b', { load: 5 })],
      undefined,
      'b',
      /^b/,
    ],
    [
      'not enough memory is out',
      [node('a', { availableMb: 100 }), node('b', { load: 5, availableMb: 2000 })],
      1000,
      'b',
      /with 1,000 MB free for -m/,
    ],
    [
      'more memory than any node',
      [node('a', { availableMb: 100 }), node('b', { availableMb: 2000 })],
      5000,
      null,
      /No node has 5,000 MB free for its -m5000: the most is 2,000 MB on b/,
    ],
    ['no node up', [node('a', { up: false })], undefined, null, /No node is up/],
    [
      'none takes processes',
      [node('a', { accepts: 'MOSIX is blocked here' })],
      undefined,
      null,
      /a: MOSIX is blocked here/,
    ],
    ['no nodes at all', [], undefined, null, /no nodes/],
  ])('%s', (_name, nodes, memoryMb, want, why) => {
    const placed = bestNode(nodes, memoryMb === undefined ? {} : { memoryMb });
    expect(placed.node?.name ?? null).toBe(want);
    expect(placed.why).toMatch(why);
  });
});
