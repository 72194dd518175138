/** Reading one configuration file safely, and writing files so that they survive a crash. */
import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { lstat, mkdir, open, realpath } from 'node:fs/promises';
import { hostname } from 'node:os';
import { dirname, sep } from 'node:path';
import { MAX_CONFIG_FILE_BYTES } from '../protocol/configTypes';
import { filePath } from './paths';

/** A sentence about one file that a person can act on; handlers pass it on as it is. */
export class ConfigFileError extends Error {}

export interface FileRead {
  /** The bytes as read: a backup keeps exactly these. */
  data: Buffer;
  text: string;
  sha256: string;
  mtimeMs: number;
  mode: number;
  uid: number;
  gid: number;
}

export const sha256 = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');

const errno = (err: unknown): string | undefined => (err as NodeJS.ErrnoException).code;

/** The real path of `path`, which must be `dir` itself or inside it (a symlink out is refused). */
async function insideReal(dir: string, path: string, shown: string): Promise<string> {
  const [realDir, real] = await Promise.all([realpath(dir), realpath(path)]);
  if (real !== realDir && !real.startsWith(realDir + sep))
    throw new ConfigFileError(
      `${shown} on ${hostname()} is a symbolic link to ${real}, outside ${dir}: mosdesk reads and writes only files inside ${dir}`,
    );
  return real;
}

/** `dir/name` as it is now: null when absent. Refuses links out of `dir`, non-regular and oversized files. */
export async function readConfigFile(dir: string, name: string): Promise<FileRead | null> {
  const path = filePath(dir, name);
  try {
    await lstat(path);
  } catch (err) {
    if (errno(err) === 'ENOENT' || errno(err) === 'ENOTDIR') return null;
    throw new ConfigFileError(`${path} on ${hostname()} cannot be read (${errno(err) ?? 'error'})`);
  }
  const real = await insideReal(dir, path, path);
  let file;
  try {
    // O_NOFOLLOW: the path was resolved above; a link put there since is refused, not followed.
    file = await open(real, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
    const st = await file.stat();
    if (!st.isFile())
      throw new ConfigFileError(`${path} on ${hostname()} is not a regular file: mosdesk reads only regular files`);
    if (st.size > MAX_CONFIG_FILE_BYTES)
      throw new ConfigFileError(
        `${path} on ${hostname()} is ${st.size} bytes, over the ${MAX_CONFIG_FILE_BYTES / 1024} KiB a configuration file may have: not read`,
      );
    const data = await file.readFile();
    return {
      data,
      text: data.toString('utf8'),
      sha256: sha256(data),
      mtimeMs: st.mtimeMs,
      mode: st.mode & 0o7777,
      uid: st.uid,
      gid: st.gid,
    };
  } catch (err) {
    if (err instanceof ConfigFileError) throw err;
    throw new ConfigFileError(`${path} on ${hostname()} cannot be read (${errno(err) ?? 'error'})`);
  } finally {
    await file?.close();
  }
}

/** Whether `path` is a symbolic link (a name the agent will not replace with a file). */
export async function isSymlink(path: string): Promise<boolean> {
  try {
    return (await lstat(path)).isSymbolicLink();
  } catch {
    return false;
  }
}

export interface Ownership {
  mode: number;
  uid: number;
  gid: number;
}

/** A new file (never an existing one), written, chmod/chowned, and fsynced before it is closed. */
export async function writeNewFile(path: string, data: string | Buffer, own: Ownership): Promise<void> {
  const file = await open(
    path,
    constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW,
    0o600,
  );
  try {
    await file.writeFile(data);
    if (process.getuid?.() === 0) await file.chown(own.uid, own.gid);
    await file.chmod(own.mode);
    await file.sync();
  } finally {
    await file.close();
  }
}

/** fsync of a directory: makes the names created, renamed or removed in it durable. */
export async function syncDir(path: string): Promise<void> {
  const dir = await open(path, constants.O_RDONLY | constants.O_DIRECTORY);
  try {
    await dir.sync();
  } finally {
    await dir.close();
  }
}

/** mkdir -p that fsyncs the parent of each directory it creates. */
export async function makeDirs(path: string, mode = 0o755): Promise<void> {
  const made = await mkdir(path, { recursive: true, mode });
  if (made === undefined) return;
  for (let d = path; d.length >= made.length; d = dirname(d)) await syncDir(dirname(d));
}
