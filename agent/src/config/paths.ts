import { join } from 'node:path';
import { APPLY_ID, CONFIG_FILE_NAME } from '../protocol/configTypes';

/** The one directory these methods touch; never taken from a caller or the environment. */
export const CONFIG_DIR = '/etc/mosix';

/** The files every node may have, listed absent when missing; partners/<name> are listed when present. */
export const FIXED_NAMES = ['mosix.map', 'userview.map', 'mosip', 'freeze.conf', 'queue.conf'] as const;

/** Where one directory's state lives: on the same filesystem as the files, so a rename switches them in. */
export interface ConfigPaths {
  readonly dir: string;
  readonly state: string;
  readonly staged: string;
  readonly backups: string;
  readonly lock: string;
}

export function configPaths(dir: string = CONFIG_DIR): ConfigPaths {
  const state = join(dir, '.mosdesk');
  return { dir, state, staged: join(state, 'staged'), backups: join(state, 'backups'), lock: join(state, 'lock') };
}

/** Why `name` is not a configuration file name, or undefined when it is one. */
export function nameProblem(name: string): string | undefined {
  if (!CONFIG_FILE_NAME.test(name))
    return `${JSON.stringify(name.slice(0, 80))} is not a file of /etc/mosix that mosdesk writes (mosix.map, userview.map, mosip, freeze.conf, queue.conf or partners/<name>)`;
  return undefined;
}

/**
 * The path of a name inside `dir`. Callers have checked the name already (schemas, manifests);
 * checked again here because this join is where a bad name would become a path outside `dir`.
 */
export function filePath(dir: string, name: string): string {
  const problem = nameProblem(name);
  if (problem) throw new Error(problem);
  return join(dir, name);
}

/** Why `id` is not an apply id, or undefined. */
export function applyIdProblem(id: string): string | undefined {
  return APPLY_ID.test(id) ? undefined : `${JSON.stringify(id.slice(0, 80))} is not an apply id made by the hub`;
}

export function stagedDir(paths: ConfigPaths, applyId: string): string {
  if (applyIdProblem(applyId)) throw new Error(applyIdProblem(applyId));
  return join(paths.staged, applyId);
}

export function backupDir(paths: ConfigPaths, applyId: string): string {
  if (applyIdProblem(applyId)) throw new Error(applyIdProblem(applyId));
  return join(paths.backups, applyId);
}
