/**
 * A staged apply on disk: `.mosdesk/staged/<applyId>/` holds `files/<name>` (the new texts, with
 * the mode and owner of the files they replace), `apply.json` (names, removals, bases; written
 * last, so a directory without it is a stage cut short) and, while it is being switched in, the
 * `switching` marker.
 */
import { access, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { APPLY_ID, type PendingApply } from '../protocol/configTypes';
import { parseStagedManifest, type StagedManifest } from './manifest';
import { type ConfigPaths, filePath, stagedDir } from './paths';
import { syncDir } from './files';

export const STAGED_MANIFEST = 'apply.json';
export const SWITCHING_MARKER = 'switching';

export const stagedFile = (paths: ConfigPaths, applyId: string, name: string): string =>
  filePath(join(stagedDir(paths, applyId), 'files'), name);

export const markerPath = (paths: ConfigPaths, applyId: string): string =>
  join(stagedDir(paths, applyId), SWITCHING_MARKER);

const exists = (path: string): Promise<boolean> =>
  access(path).then(
    () => true,
    () => false,
  );

/** The manifest of a finished stage, or undefined when there is none (or it does not parse). */
export async function readStaged(paths: ConfigPaths, applyId: string): Promise<StagedManifest | undefined> {
  try {
    const m = parseStagedManifest(await readFile(join(stagedDir(paths, applyId), STAGED_MANIFEST), 'utf8'));
    return m.applyId === applyId ? m : undefined;
  } catch {
    return undefined;
  }
}

export const isSwitching = (paths: ConfigPaths, applyId: string): Promise<boolean> =>
  exists(markerPath(paths, applyId));

export const stagedExists = (paths: ConfigPaths, applyId: string): Promise<boolean> =>
  exists(stagedDir(paths, applyId));

/** The ids of every directory under staged/ (finished or not). */
export async function stagedIds(paths: ConfigPaths): Promise<string[]> {
  try {
    return (await readdir(paths.staged)).filter((id) => APPLY_ID.test(id)).sort();
  } catch {
    return [];
  }
}

export async function listPending(paths: ConfigPaths): Promise<PendingApply[]> {
  const found = await Promise.all(
    (await stagedIds(paths)).map(async (id): Promise<PendingApply | undefined> => {
      const m = await readStaged(paths, id);
      if (!m) return undefined;
      const phase = (await isSwitching(paths, id)) ? 'switching' : 'staged';
      return { applyId: id, phase, files: m.entries.map((e) => e.name), at: m.at };
    }),
  );
  return found.filter((p): p is PendingApply => p !== undefined).sort((a, b) => a.at - b.at);
}

/** Removes a staging directory and makes the removal durable. */
export async function removeStaged(paths: ConfigPaths, applyId: string): Promise<void> {
  await rm(stagedDir(paths, applyId), { recursive: true, force: true });
  await syncDir(paths.staged);
}
