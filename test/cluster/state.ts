/** The cluster's saved description (cluster.json in its state dir), so `down` and other processes can find it. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as z from 'zod';
import { optionsSchema, STATE_ROOT, type TestClusterOptions, validateOptions } from './layout';

const metaSchema = z.object({
  options: optionsSchema,
  /** Whether the root namespace got an unreachable route for the hidden subnet. */
  hiddenRoute: z.boolean(),
});
export type ClusterMeta = { options: TestClusterOptions; hiddenRoute: boolean };

export function metaPath(name: string): string {
  return join(STATE_ROOT, name, 'cluster.json');
}

/** Written before anything is created, so a failed start can be cleaned up from it. */
export function writeMeta(name: string, meta: ClusterMeta): void {
  writeFileSync(metaPath(name), `${JSON.stringify(meta, null, 2)}\n`, { mode: 0o644 });
}

/** The saved description, or undefined when there is none (or it cannot be read). */
export function readMeta(name: string): ClusterMeta | undefined {
  const path = metaPath(name);
  if (!existsSync(path)) return undefined;
  try {
    const meta = metaSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
    return { options: validateOptions(meta.options as TestClusterOptions), hiddenRoute: meta.hiddenRoute };
  } catch {
    return undefined;
  }
}
