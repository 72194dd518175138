/** Finishing what a crash interrupted, before any other change: switches rolled forward, leftovers removed. */
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { type ConfigPaths } from './paths';
import { isSwitching, readStaged, stagedIds } from './staged';
import { rollForward } from './switch';

/** Ids of applies whose switch began and did not finish. */
export async function interruptedSwitches(paths: ConfigPaths): Promise<string[]> {
  const ids = await stagedIds(paths);
  const flags = await Promise.all(ids.map((id) => isSwitching(paths, id)));
  return ids.filter((_, i) => flags[i]);
}

async function removeLeftovers(dir: string, prefixes: string[]): Promise<void> {
  const names = await readdir(dir).catch(() => [] as string[]);
  for (const n of names.filter((n) => prefixes.some((p) => n.startsWith(p))))
    await rm(join(dir, n), { recursive: true, force: true });
}

/**
 * Rolls every interrupted switch forward (its backup was complete before its marker was written),
 * then removes stages cut short (no manifest), finished stages not yet removed and unfinished
 * backups. Runs under the lock only. Returns the applies it finished.
 */
export async function recover(paths: ConfigPaths): Promise<string[]> {
  const finished: string[] = [];
  for (const id of await interruptedSwitches(paths)) {
    const m = await readStaged(paths, id);
    if (!m) continue; // The manifest is written before the marker: a marker alone is not ours to act on.
    await rollForward(paths, m);
    finished.push(id);
  }
  for (const id of await stagedIds(paths))
    if (!(await readStaged(paths, id)) && !(await isSwitching(paths, id)))
      await rm(join(paths.staged, id), { recursive: true, force: true });
  await removeLeftovers(paths.staged, ['.done-']);
  await removeLeftovers(paths.backups, ['.tmp-']);
  return finished;
}
