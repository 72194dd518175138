/** config.stage on the node itself: conflicts, then validation, then the new files written beside /etc/mosix. */
import { access, mkdir, rm } from 'node:fs/promises';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import type { ConfigChange, ConfigConflict, ConfigIssue, StageResult } from '../protocol/configTypes';
import { MAX_CONFIG_FILE_BYTES } from '../protocol/configTypes';
import { type FileRead, isSymlink, makeDirs, readConfigFile, syncDir, writeNewFile } from './files';
import { formatManifest, type StagedManifest } from './manifest';
import { backupDir, type ConfigPaths, filePath, stagedDir } from './paths';
import { readConfigFiles, withChanges } from './read';
import { STAGED_MANIFEST, stagedExists, stagedFile } from './staged';
import type { Validate } from './validation';

export interface StageParams {
  applyId: string;
  changes: ConfigChange[];
}

/** New files are root's and readable by all, as MOSIX's own are. */
const NEW_FILE = { mode: 0o644, uid: 0, gid: 0 };

/** A write error as the cause a person can act on. */
export function writeCause(err: unknown, dir: string): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'EROFS') return `${dir} is on a read-only filesystem`;
  if (code === 'EACCES' || code === 'EPERM') return `permission denied writing under ${dir}`;
  if (code === 'ENOSPC') return `the filesystem of ${dir} is full`;
  if (code === 'EDQUOT') return `the disk quota for ${dir} is used up`;
  return `${code ?? 'an error'} writing under ${dir}: ${(err as Error).message}`;
}

const notStaged = (applyId: string, more: Partial<Extract<StageResult, { staged: false }>>): StageResult => ({
  staged: false,
  applyId,
  conflicts: [],
  problems: [],
  ...more,
});

/** Why this apply id cannot be staged again, or undefined. */
async function idProblem(paths: ConfigPaths, applyId: string): Promise<string | undefined> {
  if (await stagedExists(paths, applyId)) return `apply ${applyId} is already staged on ${hostname()}`;
  const backedUp = await access(backupDir(paths, applyId)).then(
    () => true,
    () => false,
  );
  return backedUp ? `apply ${applyId} was already switched in on ${hostname()}` : undefined;
}

/** The files now (for ownership), the changes whose base no longer holds, and problems of the change set. */
async function checkChanges(paths: ConfigPaths, changes: ConfigChange[]) {
  const now = new Map<string, FileRead | null>();
  const conflicts: ConfigConflict[] = [];
  const problems: ConfigIssue[] = [];
  for (const c of changes) {
    const read = await readConfigFile(paths.dir, c.name);
    now.set(c.name, read);
    if ((read?.sha256 ?? null) !== c.base) {
      const state = read
        ? { name: c.name, present: true as const, text: read.text, sha256: read.sha256, mtimeMs: read.mtimeMs }
        : { name: c.name, present: false as const };
      conflicts.push({ name: c.name, base: c.base, now: state });
    }
    if (await isSymlink(filePath(paths.dir, c.name)))
      problems.push(
        problem(
          c.name,
          'is a symbolic link; mosdesk replaces regular files only (change the file it points to by hand)',
        ),
      );
    if (c.text !== null && Buffer.byteLength(c.text) > MAX_CONFIG_FILE_BYTES)
      problems.push(problem(c.name, `would be over ${MAX_CONFIG_FILE_BYTES / 1024} KiB: not a configuration file`));
  }
  if (new Set(changes.map((c) => c.name)).size !== changes.length)
    problems.push(problem(changes[0]?.name ?? '', 'the change set names a file twice'));
  return { now, conflicts, problems };
}

const problem = (file: string, message: string): ConfigIssue => ({
  file,
  severity: 'error',
  message: `${file} ${message}`,
});

async function writeStaged(paths: ConfigPaths, p: StageParams, now: Map<string, FileRead | null>): Promise<void> {
  const dir = stagedDir(paths, p.applyId);
  await makeDirs(paths.staged);
  await mkdir(dir, { mode: 0o755 }); // not recursive: a second stage of the same id fails here
  await syncDir(paths.staged);
  const dirs = new Set<string>([dir]);
  for (const c of p.changes) {
    if (c.text === null) continue;
    const path = stagedFile(paths, p.applyId, c.name);
    await makeDirs(dirname(path));
    dirs.add(dirname(path));
    const old = now.get(c.name);
    await writeNewFile(path, c.text, old ? { mode: old.mode, uid: old.uid, gid: old.gid } : NEW_FILE);
  }
  for (const d of dirs) await syncDir(d);
  const manifest: StagedManifest = {
    applyId: p.applyId,
    at: Date.now(),
    entries: p.changes.map((c) => ({ name: c.name, base: c.base, remove: c.text === null })),
  };
  await writeNewFile(join(dir, STAGED_MANIFEST), formatManifest(manifest), NEW_FILE);
  await syncDir(dir);
}

export async function stageApply(paths: ConfigPaths, p: StageParams, validate: Validate): Promise<StageResult> {
  const used = await idProblem(paths, p.applyId);
  if (used) return notStaged(p.applyId, { reason: used });
  const { now, conflicts, problems } = await checkChanges(paths, p.changes);
  if (conflicts.length > 0 || problems.length > 0) return notStaged(p.applyId, { conflicts, problems });
  const issues = await validate(withChanges(await readConfigFiles(paths.dir), p.changes));
  const errors = issues.filter((i) => i.severity === 'error');
  if (errors.length > 0) return notStaged(p.applyId, { problems: errors });
  try {
    await writeStaged(paths, p, now);
  } catch (err) {
    await rm(stagedDir(paths, p.applyId), { recursive: true, force: true }).catch(() => undefined);
    return notStaged(p.applyId, { reason: `could not stage on ${hostname()}: ${writeCause(err, paths.dir)}` });
  }
  return { staged: true, applyId: p.applyId, issues };
}
