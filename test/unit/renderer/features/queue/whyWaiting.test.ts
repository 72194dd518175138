import { describe, expect, it } from 'vitest';
import type { QueueEntry } from '../../../../../electron/api';
import { processorsOf, type QueueNodeFigures, whyWaiting } from '../../../../../renderer/src/features/queue/whyWaiting';

const entry = (over: Partial<QueueEntry>): QueueEntry => ({
  position: 1,
  pid: 100,
  user: 'alice',
  memMb: null,
  grid: false,
  priority: 50,
  running: false,
  from: 'here',
  jobId: null,
  command: 'mosrun -q testload',
  seenSince: 0,
  ...over,
});
const node = (
  name: string,
  availableMb: number | null,
  cpus: number | null = 4,
  load: number | null = 0,
): QueueNodeFigures => ({
  name,
  up: true,
  availableMb,
  cpus,
  load,
});
const NODES = [node('node1', 1500, 4, 3.5), node('node2', 900, 2, 0.2)];

describe('processorsOf', () => {
  it.each([
    ['mosrun -q -P4 mpirun prog', 4],
    ['/usr/bin/mosrun -P16 -q x', 16],
    ['mosrun -q prog -P4', null],
    ['mosrun -q prog', null],
    ['prog -P4', null],
    ['mosrun -P x', null],
    ['', null],
  ])('%s -> %s', (command, want) => expect(processorsOf(command)).toBe(want));
});

describe('whyWaiting', () => {
  it.each<[string, QueueEntry, QueueEntry[], QueueNodeFigures[], string[]]>([
    ['a running job waits for nothing', entry({ running: true, priority: null }), [], NODES, []],
    [
      'the head of the queue with nothing asked',
      entry({}),
      [],
      NODES,
      ['first in line: nothing mosq shows holds it back'],
    ],
    [
      'more memory than any up node has free',
      entry({ memMb: 2000 }),
      [],
      NODES,
      ['not enough free memory for its -m2000: the most any up node has is 1,500 MB (node1)'],
    ],
    [
      'memory that one node has',
      entry({ memMb: 1400 }),
      [],
      NODES,
      ['first in line: nothing mosq shows holds it back'],
    ],
    [
      'a down node does not count',
      entry({ memMb: 1400 }),
      [],
      [{ ...node('node1', 1500), up: false }, node('node2', 900)],
      ['not enough free memory for its -m1400: the most any up node has is 900 MB (node2)'],
    ],
    [
      'no figures yet',
      entry({ memMb: 10 }),
      [],
      [node('node1', null)],
      ["needs 10 MB free (-m); no node's free memory is known yet"],
    ],
    [
      'processors: 4 - 3.5 gives 0 free, 2 - 0.2 gives 1',
      entry({ command: 'mosrun -q -P4 prog' }),
      [],
      NODES,
      ['waiting for 4 free processors (-P4); about 1 is free now'],
    ],
    [
      'processors that are free',
      entry({ command: 'mosrun -q -P1 prog' }),
      [],
      NODES,
      ['first in line: nothing mosq shows holds it back'],
    ],
    [
      'no load known',
      entry({ command: 'mosrun -P2 -q prog' }),
      [],
      [node('a', 100, null, null)],
      ["waiting for 2 processors (-P2); no node's load is known yet"],
    ],
  ])('%s', (_name, job, others, nodes, want) => {
    expect(whyWaiting(job, [...others, job], nodes)).toEqual(want);
  });

  it('names the jobs ahead: higher priorities and its own, running ones not counted', () => {
    const run = entry({ pid: 1, running: true, priority: null });
    const hi1 = entry({ pid: 2, priority: 10 });
    const hi2 = entry({ pid: 3, priority: 20 });
    const same = entry({ pid: 4, priority: 50 });
    const me = entry({ pid: 5, priority: 50, memMb: 5000 });
    const after = entry({ pid: 6, priority: 50 });
    expect(whyWaiting(me, [run, hi1, hi2, same, me, after], NODES)).toEqual([
      'not enough free memory for its -m5000: the most any up node has is 1,500 MB (node1)',
      'behind 2 jobs of higher priority (PRI 10 and up)',
      'behind 1 job of its priority queued before it',
    ]);
    expect(whyWaiting(hi2, [run, hi1, hi2, same, me], NODES)).toEqual(['behind 1 job of higher priority (PRI 10)']);
  });
});
