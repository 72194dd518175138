import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { JobRecord } from '../../../protocol/jobTypes';
import type { Logger } from '../../../server/context';
import { isSameProcess, readProcIdentity } from '../procIdentity';
import { ensurePrivateDir, readJsonIfExists, writeJsonAtomic } from '../stateDir';
import { decodeExitStatus } from './exitStatus';
import { parseStoredRun, type StoredRun } from './storedRun';

const ENDED = new Set(['exited', 'lost']);

/**
 * The runs this agent's user started, one directory each under `<state>/jobs/<runId>/`:
 * record.json (written atomically), stdout, stderr, and the launcher's `pid` and `exit` files.
 * Records are re-read from disk at start, so they survive agent restarts.
 */
export class JobStore {
  private readonly runs = new Map<string, StoredRun>();
  /** Bumped on every change, so readers can cache what they derive from the runs. */
  generation = 0;
  readonly dir: string;

  constructor(
    stateDir: string,
    private readonly log: Logger,
    /** Called once when a run is seen to have ended (e.g. to remove its cgroup). */
    private readonly onEnded: (run: StoredRun) => void = () => undefined,
  ) {
    this.dir = join(stateDir, 'jobs');
  }

  load(): void {
    ensurePrivateDir(this.dir);
    for (const runId of readdirSync(this.dir)) {
      const file = join(this.dir, runId, 'record.json');
      try {
        const parsed = parseStoredRun(readJsonIfExists(file));
        if (typeof parsed === 'string') this.log.error(`ignoring job record ${file}: ${parsed}`);
        else this.runs.set(parsed.record.runId, parsed);
      } catch (err) {
        this.log.error(`ignoring job record ${file}`, err);
      }
    }
    this.refresh();
  }

  runDir(runId: string): string {
    return join(this.dir, runId);
  }

  save(run: StoredRun): void {
    ensurePrivateDir(this.runDir(run.record.runId));
    writeJsonAtomic(join(this.runDir(run.record.runId), 'record.json'), run);
    this.runs.set(run.record.runId, run);
    this.generation++;
  }

  get(runId: string): StoredRun | undefined {
    this.refreshOne(this.runs.get(runId));
    return this.runs.get(runId);
  }

  /** Every run, newest first, with states brought up to date. */
  list(): JobRecord[] {
    this.refresh();
    return [...this.runs.values()].map((r) => r.record).sort((a, b) => b.startedAt - a.startedAt);
  }

  /** Runs whose launcher is still alive (running or frozen). */
  active(): StoredRun[] {
    return [...this.runs.values()].filter((r) => !ENDED.has(r.record.state));
  }

  /** Deletes an ended run's directory; a live run is kept and false returned. */
  forget(runId: string): boolean | 'running' {
    const run = this.get(runId);
    if (!run) return false;
    if (!ENDED.has(run.record.state)) return 'running';
    rmSync(this.runDir(runId), { recursive: true, force: true });
    this.runs.delete(runId);
    this.generation++;
    return true;
  }

  /** Removes a run that never started (the launcher could not be spawned). */
  forgetFailed(runId: string): void {
    rmSync(this.runDir(runId), { recursive: true, force: true });
    this.runs.delete(runId);
    this.generation++;
  }

  /** Picks up what the launcher wrote since the last look: the program's pid, its exit status. */
  refresh(): void {
    for (const run of this.active()) this.refreshOne(run);
  }

  private refreshOne(run: StoredRun | undefined): void {
    // supervisorPid 0: still being launched by this agent; nothing to look at yet.
    if (!run || ENDED.has(run.record.state) || run.record.supervisorPid === 0) return;
    const dir = this.runDir(run.record.runId);
    let changed = this.readPid(run, dir);
    const exitText = readIfExists(join(dir, 'exit'));
    if (exitText !== undefined) {
      const at = statSync(join(dir, 'exit')).mtimeMs;
      run.record.exit = decodeExitStatus(exitText, Math.round(at));
      run.record.state = 'exited';
      run.record.freeze = null;
      changed = true;
    } else if (!isSameProcess(run.record.supervisorPid, run.supervisorStartTicks)) {
      // The launcher is gone without recording a status: killed, or the node rebooted.
      run.record.state = 'lost';
      changed = true;
    }
    if (changed) this.save(run);
    if (ENDED.has(run.record.state)) this.onEnded(run);
  }

  private readPid(run: StoredRun, dir: string): boolean {
    if (run.record.pid !== null) return false;
    const text = readIfExists(join(dir, 'pid'));
    if (text === undefined || !/^\d+\s*$/.test(text)) return false;
    run.record.pid = Number(text);
    run.pidStartTicks = readProcIdentity(run.record.pid)?.startTicks ?? null;
    run.record.state = run.record.state === 'starting' ? 'running' : run.record.state;
    return true;
  }
}

function readIfExists(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}
