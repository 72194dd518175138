/**
 * A cheap identity for a file's current content, so caches can skip re-reading files that did
 * not change. Take the stamp before reading: a change during the read then only costs one more
 * read later, never a stale cache.
 */
import { stat } from 'node:fs/promises';

/** Stands for "no such file" (or one that cannot be looked at): appearing changes the stamp. */
export const ABSENT = 'absent';

/** Inode, size, mtime and ctime: an atomic replace, an append or a rewrite in place all change it. */
export async function fileStamp(path: string): Promise<string> {
  try {
    const s = await stat(path, { bigint: true });
    return `${s.ino}:${s.size}:${s.mtimeNs}:${s.ctimeNs}`;
  } catch {
    return ABSENT;
  }
}

/** True when every file still has the stamp recorded for it. */
export async function stampsUnchanged(stamps: ReadonlyMap<string, string>): Promise<boolean> {
  const now = await Promise.all([...stamps].map(async ([path, stamp]) => (await fileStamp(path)) === stamp));
  return now.every(Boolean);
}

/** A Map that forgets its oldest entry beyond `max`: caches keyed by path stay bounded. */
export function boundedSet<K, V>(map: Map<K, V>, key: K, value: V, max: number): void {
  map.delete(key);
  map.set(key, value);
  if (map.size > max) map.delete(map.keys().next().value as K);
}
