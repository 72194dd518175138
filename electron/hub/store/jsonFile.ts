import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { z } from 'zod';
import { issueSentence } from '../../../agent/src/protocol/issueSentence';

/** A store file that cannot be used; `message` is a sentence to show the user. */
export class JsonFileError extends Error {
  constructor(
    readonly path: string,
    message: string,
    /** Where a damaged file was moved, so nothing the user had is lost. */
    readonly movedTo?: string,
  ) {
    super(message);
    this.name = 'JsonFileError';
  }
}

/** The first schema issue as `at "a.b": message`, for messages about a file or a request. */
export function describeIssue(error: z.ZodError): string {
  return error.issues[0]?.path.length ? `at ${issueSentence(error.issues)}` : issueSentence(error.issues);
}

const errnoCode = (err: unknown): string | undefined => (err as NodeJS.ErrnoException | undefined)?.code;

/** A text file's content, or undefined when it does not exist; other failures are a JsonFileError. */
export async function readTextFile(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    if (errnoCode(err) === 'ENOENT') return undefined;
    throw new JsonFileError(path, `${path} cannot be read (${errnoCode(err) ?? String(err)}).`);
  }
}

/** `clusters.json.corrupt-2025-11-21T10-02-03-123Z`: sorts by time, valid on every OS. */
function asideName(path: string): string {
  return `${path}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
}

async function moveAside(path: string, why: string): Promise<never> {
  const aside = asideName(path);
  try {
    await rename(path, aside);
  } catch (err) {
    throw new JsonFileError(path, `${path} is damaged (${why}) and could not be moved aside (${errnoCode(err)}).`);
  }
  throw new JsonFileError(path, `${path} was damaged (${why}); it was moved aside to ${basename(aside)}.`, aside);
}

/**
 * Reads and validates a JSON file: undefined when it does not exist. A file that does not
 * parse or validate is moved aside to `<name>.corrupt-<time>` (so the next write cannot
 * destroy it) and a JsonFileError with `movedTo` is thrown; the caller shows its message.
 */
export async function readJsonFile<T>(path: string, schema: z.ZodType<T>): Promise<T | undefined> {
  const text = await readTextFile(path);
  if (text === undefined) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    return moveAside(path, `not JSON: ${(err as Error).message}`);
  }
  const parsed = schema.safeParse(raw);
  return parsed.success ? parsed.data : moveAside(path, describeIssue(parsed.error));
}

/** Flushes a rename to disk. Not every OS can open a directory (Windows cannot); the rename stands. */
async function syncDir(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    await handle.sync().finally(() => handle.close());
  } catch {
    // Best effort by design: see above.
  }
}

export interface WriteOptions {
  /** File mode; 0o600 (owner only) by default, which secrets require. */
  mode?: number;
}

/**
 * Replaces a file so that readers (and a crash) see the old or the new content, never half:
 * a temp file in the same directory, fsync, rename over the target, fsync the directory.
 */
export async function writeFileAtomic(path: string, text: string, { mode = 0o600 }: WriteOptions = {}): Promise<void> {
  const dir = dirname(path);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const tmp = join(dir, `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(tmp, 'wx', mode);
  try {
    await handle.chmod(mode); // open()'s mode passes through the umask; this one is exact
    await handle.writeFile(text, 'utf8');
    await handle.sync();
    await handle.close();
    await rename(tmp, path);
  } catch (err) {
    await handle.close().catch(() => undefined);
    await rm(tmp, { force: true });
    throw err;
  }
  await syncDir(dir);
}

export function writeJsonFileAtomic(path: string, value: unknown, options: WriteOptions = {}): Promise<void> {
  return writeFileAtomic(path, `${JSON.stringify(value, null, 2)}\n`, options);
}
