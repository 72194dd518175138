/**
 * How a task's outcome is recognised in what the node reports (`procs.list` rows of its
 * target): pure rules, one per action, so they can be tested as a table.
 */
import type { TaskAction } from '../../api';

/** The actions on processes, watched in `procs.list`; queue actions are watched in the queue (observeQueue.ts). */
export type ProcAction = Exclude<TaskAction, { kind: 'queue' }>;

/** What the rules read of a process row (a subset of the agent's `ProcRow`). */
export interface SeenRow {
  pid: number;
  user: string;
  state: string;
  frz: string;
  where: string;
  /** Migrations so far (MOSIX); null or absent where nothing migrates. */
  nmigs?: number | null;
  startedAt: number;
  freeze?: { method: string } | null;
}

export interface ObserveContext {
  /** The node the task runs on, for sentences. */
  nodeName: string;
  /** "process 4711" or "Job ID 7 of alice". */
  targetText: string;
  /** What the agent said it used to freeze or continue (`ActionResult.method`). */
  method?: string;
  /** A migration's target node, as named to the admin. */
  targetName?: string;
  /** The names a migration target may show in WHERE (its id, name, host, hostname). */
  targetNames?: string[];
}

/**
 * - `done`: the outcome was seen.
 * - `waiting`: not yet; `text` says what is seen now (for a timeout's sentence).
 * - `gone`: the target ended before the outcome could be seen (the task fails).
 */
export type Verdict = { kind: 'done' | 'waiting' | 'gone'; text: string };

/** Signals whose outcome is the process gone. */
const ENDING_SIGNALS = new Set(['KILL', 'TERM', 'INT', 'HUP']);

/** A zombie no longer runs; it only waits for its parent. */
export const isLive = (row: SeenRow): boolean => row.state !== 'Z' && row.state !== 'X';
const isStopped = (row: SeenRow): boolean => row.state === 'T' || row.state === 't';

/** Whether the node can show anything for this action; if not, the agent's answer is the outcome. */
export function isObservable(action: ProcAction): boolean {
  if (action.kind === 'checkpoint') return false;
  if (action.kind === 'signal') return ENDING_SIGNALS.has(action.signal) || ['STOP', 'CONT'].includes(action.signal);
  return true;
}

/** The outcome when nothing can be observed (see isObservable). */
export function unobservedText(action: ProcAction, pids: number): string {
  if (action.kind === 'checkpoint') return `the agent reports the checkpoint made (${countText(pids)})`;
  const name = action.kind === 'signal' ? `SIG${action.signal}` : action.kind;
  return `sent; nothing to observe for ${name}`;
}

function countText(n: number): string {
  return n === 1 ? '1 process' : `${n} processes`;
}

function rowText(row: SeenRow): string {
  return `process ${row.pid}: FRZ ${row.frz}, state ${row.state}, WHERE ${row.where}`;
}

/** Each live row's test for the action's goal (not used for the signals that end a process). */
function reached(action: ProcAction, row: SeenRow, ctx: ObserveContext): boolean {
  switch (action.kind) {
    case 'freeze':
      // A cgroup-frozen process need not show T: the freezer's record is what shows it.
      return (
        row.frz !== '-' &&
        row.frz !== 'N/A' &&
        (isStopped(row) || ctx.method === 'cgroup' || row.freeze?.method === 'cgroup')
      );
    case 'continue':
      return row.frz === '-' && !isStopped(row);
    case 'signal':
      return action.signal === 'STOP' ? isStopped(row) : !isStopped(row);
    case 'migrate':
      return (ctx.targetNames ?? [action.to]).includes(row.where);
    case 'home':
      return row.where === 'here';
    case 'checkpoint':
      return true;
  }
}

const GOALS: Record<ProcAction['kind'], string> = {
  freeze: 'frozen',
  continue: 'running again',
  signal: 'stopped',
  migrate: 'at its target',
  home: 'back home',
  checkpoint: 'checkpointed',
};

function goalText(action: ProcAction, ctx?: ObserveContext): string {
  if (action.kind === 'signal' && action.signal === 'CONT') return 'no longer stopped';
  if (action.kind === 'migrate') return `on ${ctx?.targetName ?? action.to}`;
  return GOALS[action.kind];
}

/** Judges the rows of the task's target as the node reports them now. */
export function judge(action: ProcAction, rows: readonly SeenRow[], ctx: ObserveContext): Verdict {
  const live = rows.filter(isLive);
  if (action.kind === 'signal' && ENDING_SIGNALS.has(action.signal)) {
    if (live.length === 0) return { kind: 'done', text: `gone: ${ctx.targetText} is no longer on ${ctx.nodeName}` };
    return { kind: 'waiting', text: `${countText(live.length)} still there (${rowText(live[0] as SeenRow)})` };
  }
  if (live.length === 0) {
    return { kind: 'gone', text: `${ctx.targetText} ended before it was seen ${goalText(action, ctx)}` };
  }
  const behind = live.filter((row) => !reached(action, row, ctx));
  const first = behind[0];
  if (first === undefined) {
    const shown = live.length === 1 ? rowText(live[0] as SeenRow) : `${countText(live.length)}`;
    return { kind: 'done', text: `seen ${goalText(action, ctx)} (${shown})` };
  }
  return { kind: 'waiting', text: `${countText(behind.length)} not ${goalText(action, ctx)} yet (${rowText(first)})` };
}

/** Where each row of a migration's target was when first read after the request, and how often it had moved. */
export type Placement = ReadonlyMap<number, { where: string; nmigs: number | null }>;

export function placementOf(rows: readonly SeenRow[]): Placement {
  return new Map(rows.filter(isLive).map((r) => [r.pid, { where: r.where, nmigs: r.nmigs ?? null }]));
}

/**
 * Whether every live row is where it was and has not moved since: MOSIX took the request and
 * did nothing (its `migrate` is advice; the target may refuse, or MOSIX keeps it here).
 */
export function stayedPut(rows: readonly SeenRow[], before: Placement): boolean {
  const live = rows.filter(isLive);
  return (
    live.length > 0 &&
    live.every((r) => {
      const was = before.get(r.pid);
      return was !== undefined && was.where === r.where && was.nmigs === (r.nmigs ?? null);
    })
  );
}

/** The sentence of a task whose outcome was not seen in time; `seen` is the last `waiting` text. */
export function timedOutText(action: ProcAction, seconds: number, seen: string, ctx?: ObserveContext): string {
  if (action.kind === 'signal' && ENDING_SIGNALS.has(action.signal)) {
    const still = action.signal === 'KILL' ? 'still there' : 'still running';
    return `${still} ${seconds} s after SIG${action.signal} (${seen})`;
  }
  return `not seen ${goalText(action, ctx)} within ${seconds} s (${seen})`;
}
