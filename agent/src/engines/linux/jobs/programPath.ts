import { accessSync, constants, statSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';

function isExecutableFile(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Finds the program a job will run, as execvp would: a name with a slash is taken relative to
 * `cwd`, a bare name is looked up in PATH. Null when there is none, so the caller can say so
 * before anything starts instead of leaving a "not found" in a log file.
 */
export function findProgram(name: string, cwd: string, pathVar: string | undefined): string | null {
  if (name.includes('/')) {
    const path = isAbsolute(name) ? name : resolve(cwd, name);
    return isExecutableFile(path) ? path : null;
  }
  for (const dir of (pathVar ?? '/usr/local/bin:/usr/bin:/bin').split(':')) {
    if (dir === '') continue;
    const candidate = resolve(cwd, dir, name);
    if (isExecutableFile(candidate)) return candidate;
  }
  return null;
}
