/**
 * The shared state on disk: read at any time (writes are atomic: a temp file renamed over
 * state.json), changed only under the lock (a directory: mkdir is atomic across the nodes, which
 * all see the same host directory). A lock older than STALE_MS is a dead holder's and is broken.
 */
import {
  appendFileSync,
  chmodSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { LOCK, LOG, STATE } from './paths';
import { emptyState, type StandInState } from './records';

const STALE_MS = 10_000;
const WAIT_MS = 15_000;

export function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

export function readState(): StandInState {
  let text: string;
  try {
    text = readFileSync(STATE, 'utf8');
  } catch {
    return emptyState();
  }
  const parsed = JSON.parse(text) as StandInState;
  if (parsed.version !== 1) throw new Error(`${STATE} is not a stand-in state of version 1`);
  return parsed;
}

/** Writes `content` to `path` atomically, readable and writable by every user of the nodes. */
export function writeAtomic(path: string, content: string): void {
  const temp = `${path}.${hostname()}.${process.pid}.tmp`;
  writeFileSync(temp, content);
  chmodSync(temp, 0o666);
  renameSync(temp, path);
}

function lock(): void {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    try {
      mkdirSync(LOCK);
      return;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    try {
      if (Date.now() - statSync(LOCK).mtimeMs > STALE_MS) rmSync(LOCK, { recursive: true, force: true });
    } catch {
      // Released while we looked.
    }
    if (Date.now() > deadline) throw new Error(`the stand-in's state stayed locked (${LOCK}) for ${WAIT_MS} ms`);
    sleepSync(5);
  }
}

/** Runs `change` on the state under the lock and writes the state back. Keep it short: no ssh inside. */
export function updateState<T>(change: (s: StandInState) => T): T {
  lock();
  try {
    const state = readState();
    const result = change(state);
    writeAtomic(STATE, `${JSON.stringify(state, null, 1)}\n`);
    return result;
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

/** One line in the shared log: what the stand-in did and where, for whoever debugs a test. */
export function log(text: string): void {
  try {
    appendFileSync(LOG, `${new Date().toISOString()} ${hostname()} [${process.pid}] ${text}\n`);
  } catch {
    // The log is a help, never a reason to fail.
  }
}
