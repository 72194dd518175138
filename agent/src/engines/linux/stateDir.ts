import { randomBytes } from 'node:crypto';
import {
  closeSync,
  fchownSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * The agent's per-user state directory: job records and output, frozen-process records.
 * `MOSDESK_AGENT_STATE_DIR` overrides it (tests); otherwise XDG's state home, as a user expects.
 */
export function defaultStateDir(env: NodeJS.ProcessEnv = process.env, home: string = homedir()): string {
  if (env.MOSDESK_AGENT_STATE_DIR) return env.MOSDESK_AGENT_STATE_DIR;
  const base = env.XDG_STATE_HOME?.startsWith('/') ? env.XDG_STATE_HOME : join(home, '.local', 'state');
  return join(base, 'mosdesk-agent');
}

/** Creates a private directory (and its parents) if missing. */
export function ensurePrivateDir(path: string): void {
  mkdirSync(path, { recursive: true, mode: 0o700 });
}

/** Who should own a file root writes into another user's state directory. */
export interface FileOwner {
  uid: number;
  gid: number;
}

/**
 * Writes a file so that readers see either the old or the new content, never half of it:
 * a temporary file in the same directory, flushed to disk, then renamed over the target.
 * With `owner` (root writing for another user) the file is handed to that user first, so
 * their own agent can still read it.
 */
export function writeFileAtomic(path: string, content: string, owner?: FileOwner): void {
  const tmp = join(dirname(path), `.${randomBytes(6).toString('hex')}.tmp`);
  const fd = openSync(tmp, 'wx', 0o600);
  try {
    if (owner) fchownSync(fd, owner.uid, owner.gid);
    writeSync(fd, content);
    fsyncSync(fd);
  } catch (err) {
    closeSync(fd);
    rmSync(tmp, { force: true });
    throw err;
  }
  closeSync(fd);
  renameSync(tmp, path);
}

export function writeJsonAtomic(path: string, value: unknown, owner?: FileOwner): void {
  writeFileAtomic(path, `${JSON.stringify(value, null, 1)}\n`, owner);
}

/** Reads a JSON file; undefined when it does not exist. Other errors (bad JSON, EACCES) throw. */
export function readJsonIfExists(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  return JSON.parse(text) as unknown;
}
