/** config.read's files: every fixed name (present or absent) and every partners/<name> present. */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { CONFIG_FILE_NAME, type ConfigFileState } from '../protocol/configTypes';
import { readConfigFile } from './files';
import { FIXED_NAMES } from './paths';

/** The partners/ names mosdesk can address; others (odd characters, dot files) are not listed. */
async function partnerNames(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(join(dir, 'partners'));
    return entries
      .map((e) => `partners/${e}`)
      .filter((n) => CONFIG_FILE_NAME.test(n))
      .sort();
  } catch {
    return []; // No partners/ directory: no partner clusters.
  }
}

export async function fileState(dir: string, name: string): Promise<ConfigFileState> {
  const read = await readConfigFile(dir, name);
  return read
    ? { name, present: true, text: read.text, sha256: read.sha256, mtimeMs: read.mtimeMs }
    : { name, present: false };
}

/** Fixed names first, in their documented order, then partner files by name. */
export async function readConfigFiles(dir: string): Promise<ConfigFileState[]> {
  const names = [...FIXED_NAMES, ...(await partnerNames(dir))];
  const states = await Promise.all(names.map((name) => fileState(dir, name)));
  return states.filter((s) => s.present || (FIXED_NAMES as readonly string[]).includes(s.name));
}

/** Every file of the directory as name -> text, with `changes` applied (null removes): what validation sees. */
export function withChanges(
  current: readonly ConfigFileState[],
  changes: readonly { name: string; text: string | null }[],
): Map<string, string> {
  const files = new Map<string, string>();
  for (const s of current) if (s.present) files.set(s.name, s.text);
  for (const c of changes) {
    if (c.text === null) files.delete(c.name);
    else files.set(c.name, c.text);
  }
  return files;
}
