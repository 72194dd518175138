/** Backups a switch leaves: listing them newest first, reading one, and pruning the oldest. */
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { APPLY_ID, type BackupContent, type BackupInfo } from '../protocol/configTypes';
import { ConfigFileError } from './files';
import { type BackupManifest, parseBackupManifest } from './manifest';
import { backupDir, type ConfigPaths } from './paths';
import { fileState } from './read';

/** How many backups a node keeps; older ones are removed after each switch. */
export const MAX_BACKUPS = 20;

export const BACKUP_MANIFEST = 'backup.json';

/** Newest first; the same time is ordered by id, so the order never depends on readdir. */
export function newestFirst<T extends { id: string; at: number }>(list: readonly T[]): T[] {
  return [...list].sort((a, b) => b.at - a.at || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
}

/** The backups to remove so that `keep` remain: the oldest ones. Pure. */
export function backupsToPrune<T extends { id: string; at: number }>(list: readonly T[], keep = MAX_BACKUPS): T[] {
  return newestFirst(list).slice(keep);
}

async function readManifest(paths: ConfigPaths, id: string): Promise<BackupManifest | undefined> {
  try {
    const m = parseBackupManifest(await readFile(join(backupDir(paths, id), BACKUP_MANIFEST), 'utf8'));
    return m.id === id ? m : undefined;
  } catch {
    return undefined; // Not a finished backup (see switch.ts: a backup is renamed into place whole).
  }
}

export async function listBackups(paths: ConfigPaths): Promise<BackupInfo[]> {
  let ids: string[];
  try {
    ids = (await readdir(paths.backups)).filter((id) => APPLY_ID.test(id));
  } catch {
    return [];
  }
  const found = await Promise.all(ids.map((id) => readManifest(paths, id)));
  const infos = found.flatMap((m) => (m ? [{ id: m.id, at: m.at, files: m.files.map((f) => f.name) }] : []));
  return newestFirst(infos);
}

/** The files as they were before apply `id`; a file the apply created is listed absent. */
export async function readBackup(paths: ConfigPaths, id: string): Promise<BackupContent | undefined> {
  const m = await readManifest(paths, id);
  if (!m) return undefined;
  const dir = join(backupDir(paths, id), 'files');
  const files = await Promise.all(
    m.files.map(async (f) => {
      if (!f.present) return { name: f.name, present: false as const };
      const state = await fileState(dir, f.name);
      if (!state.present) throw new ConfigFileError(`backup ${id} has lost its copy of ${f.name}`);
      return state;
    }),
  );
  return { id, at: m.at, files };
}

/** Removes the oldest backups past MAX_BACKUPS; returns the ids removed. */
export async function pruneBackups(paths: ConfigPaths): Promise<string[]> {
  const old = backupsToPrune(await listBackups(paths));
  for (const b of old) await rm(backupDir(paths, b.id), { recursive: true, force: true });
  return old.map((b) => b.id);
}
