/**
 * Dragging a waiting job within its priority group, turned into what `mosq` can do: `advance`
 * moves a job to the head of its group and `retard` to the tail, so any new place is reached by
 * moving it to one end and then moving past it the jobs that belong on that side. Pure.
 */
import type { QueueEntry } from '../../../../electron/api';

export interface ReorderStep {
  op: 'advance' | 'retard';
  pid: number;
}

/** The waiting jobs of `priority`, in queue order. */
export function priorityGroup(jobs: readonly QueueEntry[], priority: number): number[] {
  return jobs.filter((j) => !j.running && j.priority === priority).map((j) => j.pid);
}

/** The group with `pid` taken out and put at `toIndex` (0 is the head). */
export function reordered(group: readonly number[], pid: number, toIndex: number): number[] {
  const rest = group.filter((p) => p !== pid);
  const at = Math.max(0, Math.min(toIndex, rest.length));
  return [...rest.slice(0, at), pid, ...rest.slice(at)];
}

/**
 * The fewest advance/retard steps, in the order to run them, that put `pid` at `toIndex` of its
 * group (ties go to advance). Empty when it is there already; throws when `pid` is not in it.
 */
export function reorderSteps(group: readonly number[], pid: number, toIndex: number): ReorderStep[] {
  if (!group.includes(pid)) throw new Error(`job ${pid} is not waiting in this priority group`);
  const target = reordered(group, pid, toIndex);
  if (target.every((p, i) => p === group[i])) return [];
  const at = target.indexOf(pid);
  // To the head, then each job that stays ahead of it to the head too, the nearest first.
  const viaHead: ReorderStep[] = [
    { op: 'advance', pid },
    ...target
      .slice(0, at)
      .reverse()
      .map((p) => ({ op: 'advance' as const, pid: p })),
  ];
  // To the tail, then each job that stays behind it to the tail too, the nearest first.
  const viaTail: ReorderStep[] = [
    { op: 'retard', pid },
    ...target.slice(at + 1).map((p) => ({ op: 'retard' as const, pid: p })),
  ];
  return viaTail.length < viaHead.length ? viaTail : viaHead;
}
