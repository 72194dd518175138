import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { JobRecord } from '../../../protocol/jobTypes';
import type { Logger } from '../../../server/context';
import { isSameProcess, readProcIdentity } from '../procIdentity';
import { ensurePrivateDir, type FileOwner, readJsonIfExists, writeJsonAtomic } from '../stateDir';
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
  /** Which version of each record.json this store has read or written (see fileVersion). */
  private readonly versions = new Map<string, string>();
  /** Bumped on every change, so readers can cache what they derive from the runs. */
  generation = 0;
  readonly dir: string;

  constructor(
    stateDir: string,
    private readonly log: Logger,
    /** Called once when a run is seen to have ended (e.g. to remove its cgroup). */
    private readonly onEnded: (run: StoredRun) => void = () => undefined,
    /** Set when root keeps another user's records: files stay theirs. */
    private readonly owner?: FileOwner,
  ) {
    this.dir = join(stateDir, 'jobs');
  }

  load(): void {
    ensurePrivateDir(this.dir);
    this.refresh();
  }

  runDir(runId: string): string {
    return join(this.dir, runId);
  }

  save(run: StoredRun): void {
    const file = join(this.runDir(run.record.runId), 'record.json');
    ensurePrivateDir(this.runDir(run.record.runId));
    writeJsonAtomic(file, run, this.owner);
    this.runs.set(run.record.runId, run);
    this.versions.set(run.record.runId, fileVersion(file) ?? '');
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
    this.dropRun(runId);
    return true;
  }

  /** Removes a run that never started (the launcher could not be spawned). */
  forgetFailed(runId: string): void {
    rmSync(this.runDir(runId), { recursive: true, force: true });
    this.dropRun(runId);
  }

  /**
   * Brings the runs up to date: first what other agents of this user (several hubs, or root)
   * wrote to the records, then what the launchers wrote: the program's pid, its exit status.
   */
  refresh(): void {
    this.sync();
    for (const run of this.active()) this.refreshOne(run);
  }

  /** Re-reads records that changed on disk, adds new runs and drops forgotten ones. */
  private sync(): void {
    let names: string[];
    try {
      names = readdirSync(this.dir);
    } catch {
      return;
    }
    const present = new Set(names);
    for (const runId of this.runs.keys()) {
      if (!present.has(runId)) this.dropRun(runId);
    }
    for (const runId of names) {
      const file = join(this.dir, runId, 'record.json');
      const version = fileVersion(file);
      if (version === null || this.versions.get(runId) === version) continue;
      this.versions.set(runId, version); // a bad record is reported once per version, not per look
      this.readRecord(file);
    }
  }

  private readRecord(file: string): void {
    try {
      const parsed = parseStoredRun(readJsonIfExists(file));
      if (typeof parsed === 'string') this.log.error(`ignoring job record ${file}: ${parsed}`);
      else {
        this.runs.set(parsed.record.runId, parsed);
        this.generation++;
      }
    } catch (err) {
      this.log.error(`ignoring job record ${file}`, err);
    }
  }

  private dropRun(runId: string): void {
    this.runs.delete(runId);
    this.versions.delete(runId);
    this.generation++;
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

/**
 * Identifies one write of a record: every atomic write is a new file (a new inode), and inode
 * numbers can be reused, so the size and modification time go with it. Null when there is none.
 */
function fileVersion(path: string): string | null {
  try {
    const st = statSync(path);
    return `${st.ino}:${st.mtimeMs}:${st.size}`;
  } catch {
    return null;
  }
}

function readIfExists(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}
