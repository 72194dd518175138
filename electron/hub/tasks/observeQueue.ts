/**
 * How a queue action's outcome is recognised in the queue as `mosq listall` shows it: pure
 * rules, so they can be tested as a table. mosq returns when it took the request; the queue
 * shows whether it happened.
 */
import type { QueueEntry, TaskAction } from '../../api';
import type { Verdict } from './observe';

export type QueueAction = Extract<TaskAction, { kind: 'queue' }>;

export function queueActionText(action: QueueAction): string {
  switch (action.op) {
    case 'delete':
      return 'delete from the queue';
    case 'run':
      return 'run now';
    case 'cngpri':
      return `change priority to ${action.priority ?? '?'}`;
    case 'advance':
      return 'advance in the queue';
    case 'retard':
      return 'retard in the queue';
  }
}

function entryText(e: QueueEntry): string {
  const pri = e.running ? 'RUN' : `PRI ${e.priority ?? '?'}`;
  return `job ${e.pid}: position ${e.position}, ${pri}`;
}

/**
 * Judges the queue now against the job's entry when first read (`before`; undefined when it was
 * not in the queue then).
 */
export function judgeQueue(
  action: QueueAction,
  pid: number,
  before: QueueEntry | undefined,
  jobs: readonly QueueEntry[],
): Verdict {
  const now = jobs.find((j) => j.pid === pid);
  if (action.op === 'delete') {
    return now
      ? { kind: 'waiting', text: `still queued (${entryText(now)})` }
      : { kind: 'done', text: `job ${pid} is no longer in the queue` };
  }
  if (action.op === 'run') {
    if (!now) return { kind: 'done', text: `job ${pid} left the queue: it started` };
    return now.running
      ? { kind: 'done', text: `seen running (${entryText(now)})` }
      : { kind: 'waiting', text: `still waiting (${entryText(now)})` };
  }
  if (!now) return { kind: 'gone', text: `job ${pid} is no longer in the queue (it started, ended or was deleted)` };
  if (now.running) return { kind: 'gone', text: `job ${pid} started before it could be re-queued (${entryText(now)})` };
  return reached(action, before, now)
    ? { kind: 'done', text: `seen ${entryText(now)}` }
    : { kind: 'waiting', text: `not yet (${entryText(now)})` };
}

function reached(action: QueueAction, before: QueueEntry | undefined, now: QueueEntry): boolean {
  switch (action.op) {
    case 'cngpri':
      return now.priority === action.priority;
    case 'advance':
      return before !== undefined && now.position < before.position;
    case 'retard':
      return before !== undefined && now.position > before.position;
    default:
      return false;
  }
}

/**
 * Why the action cannot be done to the queue as it is now, before anything is sent (mosq would
 * take the request and do nothing); undefined when it can.
 */
export function queueRefusal(action: QueueAction, pid: number, jobs: readonly QueueEntry[]): string | undefined {
  const entry = jobs.find((j) => j.pid === pid);
  if (!entry) return `job ${pid} is not in the queue (it may have started, ended or been deleted)`;
  if (entry.running && action.op !== 'delete')
    return `job ${pid} already runs; only waiting jobs can be ${action.op === 'run' ? 'released' : 're-queued'}`;
  if (action.op === 'cngpri' && entry.priority === action.priority)
    return `job ${pid} already has priority ${entry.priority}`;
  if (action.op !== 'advance' && action.op !== 'retard') return undefined;
  const group = jobs.filter((j) => !j.running && j.priority === entry.priority).sort((a, b) => a.position - b.position);
  const first = action.op === 'advance' ? group[0] : group[group.length - 1];
  if (first?.pid === pid) {
    const where = action.op === 'advance' ? 'first' : 'last';
    return `job ${pid} is already ${where} among the waiting jobs of priority ${entry.priority ?? '?'}`;
  }
  return undefined;
}
