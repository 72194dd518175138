/**
 * A set of command lines (mosrun -S maxjobs) run by the hub on one node: lines start in order,
 * at most maxJobs at once; when one ends the next starts. A line that cannot be split or
 * started, or that exits non-zero, is a failed line with the reason. The agent's job records
 * are the truth about what runs: the runner polls them, it never guesses.
 */
import type { JobSet, JobSetLine, JobStart } from '../../api';
import { splitWords } from '../../../agent/src/mosrun/words';
import { messageOf } from '../errors';
import type { JobRecord } from '../../api';

export interface SetNode {
  run(start: JobStart): Promise<JobRecord>;
  list(): Promise<JobRecord[]>;
}

export interface SetTiming {
  pollMs: number;
  sleep(ms: number): Promise<void>;
  now(): number;
}

const realTiming: SetTiming = {
  pollMs: 500,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  now: Date.now,
};

const ENDED = new Set(['exited', 'lost']);

function exitWhy(record: JobRecord): string | undefined {
  if (record.state === 'lost') return 'its launcher vanished, so its exit status is not known';
  const exit = record.exit;
  if (!exit) return undefined;
  if (exit.signal) return `ended by ${exit.signal}`;
  return exit.code === 0 ? undefined : `exit status ${exit.code}`;
}

/** Marks a running line ended from its record; true when it ended. */
function settle(line: JobSetLine, record: JobRecord | undefined): boolean {
  if (!record) {
    line.state = 'failed';
    line.why = 'its job record is gone from the node';
    return true;
  }
  if (!ENDED.has(record.state)) return false;
  line.exitCode = record.exit?.code ?? null;
  const why = exitWhy(record);
  line.state = why ? 'failed' : 'done';
  if (why) line.why = why;
  return true;
}

async function startLine(line: JobSetLine, node: SetNode, base: Omit<JobStart, 'argv'>): Promise<void> {
  try {
    const argv = splitWords(line.line);
    if (argv.length === 0) throw new Error('the line has no program');
    const record = await node.run({ ...base, argv });
    line.runId = record.runId;
    line.state = 'running';
  } catch (err) {
    line.state = 'failed';
    line.why = `not started: ${messageOf(err)}`;
  }
}

/** Polls without an answer before the set stops waiting for the node (about a minute). */
const SILENT_POLLS = 120;

function giveUp(active: JobSetLine[], set: JobSet, err: unknown): void {
  for (const line of active) {
    line.state = 'failed';
    line.why = `${set.nodeName} stopped answering (${messageOf(err)}); the job may still be running there`;
  }
}

/** Runs `set` to its end, updating its lines in place. Resolves when every line has ended. */
export async function runJobSet(
  set: JobSet,
  node: SetNode,
  base: Omit<JobStart, 'argv'>,
  timing: SetTiming = realTiming,
): Promise<void> {
  let next = 0;
  let silent = 0;
  const running = (): JobSetLine[] => set.lines.filter((l) => l.state === 'running');
  while (next < set.lines.length || running().length > 0) {
    while (next < set.lines.length && running().length < set.maxJobs) await startLine(set.lines[next++]!, node, base);
    const active = running();
    if (active.length === 0) continue;
    await timing.sleep(timing.pollMs);
    let records: JobRecord[];
    try {
      records = await node.list();
      silent = 0;
    } catch (err) {
      // The node did not answer this time: its jobs keep running there; ask again, for a while.
      if (++silent >= SILENT_POLLS) giveUp(active, set, err);
      continue;
    }
    const byRun = new Map(records.map((r) => [r.runId, r]));
    for (const line of active) settle(line, byRun.get(line.runId!));
  }
  set.endedAt = timing.now();
}
