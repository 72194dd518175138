/**
 * known_hosts files as the hub reads them on every connection attempt: parsed once, and again
 * only when a file's stamp (fileStamp.ts) changes. Shared by every node: a cluster of 100 nodes
 * reads ~/.ssh/known_hosts once, not 100 times per reconnect wave.
 */
import { readFile } from 'node:fs/promises';
import { boundedSet, fileStamp, ABSENT } from './fileStamp';
import { parseKnownHosts, type KnownHostEntry, type KnownHostsFile } from './knownHosts';

/** More files than any workstation has: user, global and app files of a few configs. */
const MAX_FILES = 256;

const cache = new Map<string, { stamp: string; file: KnownHostsFile }>();
const EMPTY: KnownHostsFile = { entries: [], warnings: [] };

/**
 * One file, parsed: the same object as long as the file is unchanged. A missing file has no
 * entries; `warn` hears of skipped lines and unreadable files once per change of the file.
 */
export async function readKnownHostsFile(path: string, warn?: (message: string) => void): Promise<KnownHostsFile> {
  const stamp = await fileStamp(path);
  const cached = cache.get(path);
  if (cached?.stamp === stamp) return cached.file;
  let file = EMPTY;
  if (stamp !== ABSENT) {
    try {
      file = parseKnownHosts(await readFile(path, 'utf8'), path);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? 'error';
      file = { entries: [], warnings: [`${path}: cannot be read (${code}); its host keys are not used.`] };
    }
  }
  for (const w of file.warnings) warn?.(w);
  boundedSet(cache, path, { stamp, file }, MAX_FILES);
  return file;
}

/** The entries of several files, in the order given (their order of precedence). */
export async function readKnownHosts(
  paths: readonly string[],
  warn?: (message: string) => void,
): Promise<KnownHostEntry[]> {
  const files = await Promise.all(paths.map((p) => readKnownHostsFile(p, warn)));
  return files.flatMap((f) => f.entries);
}
