import { describe, expect, it } from 'vitest';
import type { QueueEntry } from '../../../../../electron/api';
import {
  priorityGroup,
  reordered,
  reorderSteps,
  type ReorderStep,
} from '../../../../../renderer/src/features/queue/queueOrder';

/** What mosq does with the steps: advance to the head of the group, retard to its tail. */
function run(group: number[], steps: ReorderStep[]): number[] {
  return steps.reduce(
    (g, s) =>
      s.op === 'advance' ? [s.pid, ...g.filter((p) => p !== s.pid)] : [...g.filter((p) => p !== s.pid), s.pid],
    group,
  );
}

const G = [1, 2, 3, 4, 5];

describe('reorderSteps', () => {
  it.each([
    // pid, toIndex, the steps wanted
    [3, 2, []],
    [3, 0, [['advance', 3]]],
    [3, 4, [['retard', 3]]],
    [1, 4, [['retard', 1]]],
    [5, 0, [['advance', 5]]],
    [
      1,
      1,
      [
        ['advance', 1],
        ['advance', 2],
      ],
    ],
    [
      5,
      3,
      [
        ['retard', 5],
        ['retard', 4],
      ],
    ],
    [
      2,
      3,
      [
        ['retard', 2],
        ['retard', 5],
      ],
    ],
    [
      4,
      1,
      [
        ['advance', 4],
        ['advance', 1],
      ],
    ],
    [
      1,
      2,
      [
        ['advance', 1],
        ['advance', 3],
        ['advance', 2],
      ],
    ],
    [3, 9, [['retard', 3]]],
  ] as [number, number, [string, number][]][])('moves %i to %i with the fewest steps', (pid, to, want) => {
    const steps = reorderSteps(G, pid, to);
    expect(steps.map((s) => [s.op, s.pid])).toEqual(want);
    expect(run(G, steps)).toEqual(reordered(G, pid, to));
  });

  it('reaches every place of every job of a group of 7, never in more steps than half the group and one', () => {
    const g = [11, 12, 13, 14, 15, 16, 17];
    for (const pid of g)
      for (let to = 0; to < g.length; to++) {
        const steps = reorderSteps(g, pid, to);
        expect(run(g, steps)).toEqual(reordered(g, pid, to));
        expect(steps.length).toBeLessThanOrEqual(Math.ceil(g.length / 2) + 1);
      }
  });

  it('refuses a job that is not in the group', () => {
    expect(() => reorderSteps(G, 9, 0)).toThrow(/job 9 is not waiting/);
  });
});

describe('priorityGroup', () => {
  const job = (pid: number, priority: number | null, running = false) => ({ pid, priority, running }) as QueueEntry;
  it('keeps the waiting jobs of one priority in queue order', () => {
    const jobs = [job(1, null, true), job(2, 10), job(3, 50), job(4, 50), job(5, 10)];
    expect(priorityGroup(jobs, 50)).toEqual([3, 4]);
    expect(priorityGroup(jobs, 10)).toEqual([2, 5]);
    expect(priorityGroup(jobs, 20)).toEqual([]);
  });
});
