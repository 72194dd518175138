/**
 * config.switch: bases checked again, the old files backed up whole (backups/<id>/, renamed into
 * place only once complete), then the `switching` marker, then each staged file renamed over its
 * old one. From the marker on, the switch is only ever finished (rollForward), never undone, so a
 * crash leaves either the old set with the apply still staged, or (after the next config call) the new set.
 */
import { rename, rm, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { ConfigFileState, SwitchResult } from '../protocol/configTypes';
import { BACKUP_MANIFEST, pruneBackups } from './backups';
import { type FileRead, makeDirs, readConfigFile, syncDir, writeNewFile } from './files';
import { type BackupManifest, formatManifest, type StagedManifest } from './manifest';
import { backupDir, type ConfigPaths, filePath, stagedDir } from './paths';
import { isSwitching, markerPath, readStaged, removeStaged, stagedExists, stagedFile } from './staged';

const stateOf = (name: string, read: FileRead | null): ConfigFileState =>
  read
    ? { name, present: true, text: read.text, sha256: read.sha256, mtimeMs: read.mtimeMs }
    : { name, present: false };

const ignoreMissing = (err: unknown): void => {
  if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
};

async function writeBackup(paths: ConfigPaths, m: StagedManifest, reads: Map<string, FileRead | null>): Promise<void> {
  const tmp = join(paths.backups, `.tmp-${m.applyId}`);
  await rm(tmp, { recursive: true, force: true });
  await makeDirs(join(tmp, 'files'));
  const dirs = new Set([tmp, join(tmp, 'files')]);
  for (const [name, read] of reads) {
    if (!read) continue;
    const path = join(tmp, 'files', name);
    await makeDirs(join(path, '..'));
    dirs.add(join(path, '..'));
    await writeNewFile(path, read.data, read);
  }
  const manifest: BackupManifest = {
    id: m.applyId,
    at: Date.now(),
    files: [...reads].map(([name, read]) => ({ name, present: read !== null })),
  };
  await writeNewFile(join(tmp, BACKUP_MANIFEST), formatManifest(manifest), { mode: 0o644, uid: 0, gid: 0 });
  for (const d of dirs) await syncDir(d);
  await rename(tmp, backupDir(paths, m.applyId));
  await syncDir(paths.backups);
}

/** Renames every staged file into place and unlinks removals; safe to run again after a crash. */
export async function rollForward(paths: ConfigPaths, m: StagedManifest): Promise<SwitchResult> {
  if (m.entries.some((e) => e.name.startsWith('partners/'))) await makeDirs(join(paths.dir, 'partners'));
  for (const e of m.entries) {
    const target = filePath(paths.dir, e.name);
    // A missing staged file was renamed in before a crash: that is the state wanted.
    if (e.remove) await unlink(target).catch(ignoreMissing);
    else await rename(stagedFile(paths, m.applyId, e.name), target).catch(ignoreMissing);
  }
  await syncDir(paths.dir);
  if (m.entries.some((e) => e.name.startsWith('partners/'))) await syncDir(join(paths.dir, 'partners'));
  // Housekeeping only: a failure here must not keep the switch from finishing (the next switch prunes again).
  await pruneBackups(paths).catch(() => undefined);
  // Renamed aside first, so that no crash can leave a staged apply whose files have gone in.
  const done = join(paths.staged, `.done-${m.applyId}`);
  await rename(stagedDir(paths, m.applyId), done);
  await syncDir(paths.staged);
  await rm(done, { recursive: true, force: true });
  return { switched: true, applyId: m.applyId, backupId: m.applyId, files: m.entries.map((e) => e.name) };
}

async function currentReads(paths: ConfigPaths, m: StagedManifest): Promise<Map<string, FileRead | null>> {
  const reads = new Map<string, FileRead | null>();
  for (const e of m.entries) reads.set(e.name, await readConfigFile(paths.dir, e.name));
  return reads;
}

export async function switchApply(paths: ConfigPaths, applyId: string): Promise<SwitchResult> {
  const m = await readStaged(paths, applyId);
  if (!m) return { switched: false, applyId, reason: `no apply ${applyId} is staged on ${hostname()}`, now: [] };
  if (await isSwitching(paths, applyId)) return rollForward(paths, m);
  const reads = await currentReads(paths, m);
  const changed = m.entries.filter((e) => (reads.get(e.name)?.sha256 ?? null) !== e.base).map((e) => e.name);
  const now = [...reads].map(([name, read]) => stateOf(name, read));
  if (changed.length > 0)
    return {
      switched: false,
      applyId,
      reason: `${changed.join(', ')} changed on ${hostname()} since the apply was staged: nothing was switched`,
      now,
    };
  await writeBackup(paths, m, reads);
  await writeNewFile(markerPath(paths, applyId), `${Date.now()}\n`, { mode: 0o644, uid: 0, gid: 0 });
  await syncDir(stagedDir(paths, applyId));
  return rollForward(paths, m);
}

/** Removes a staged apply that has not begun to switch. */
export async function discardApply(paths: ConfigPaths, applyId: string): Promise<{ removed: boolean }> {
  if (!(await stagedExists(paths, applyId))) return { removed: false };
  if (await isSwitching(paths, applyId))
    throw new Error(`apply ${applyId} is being switched in on ${hostname()}: it is finished, not discarded`);
  await removeStaged(paths, applyId);
  return { removed: true };
}
