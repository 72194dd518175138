import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, whatever directory a script is started from. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const fromRoot = (...parts: string[]): string => resolve(ROOT, ...parts);
export const DIST = fromRoot('dist');
export const AGENT_BUNDLE = fromRoot('dist/agent/mosdesk-agent.cjs');

export function readPackageVersion(): string {
  const pkg = JSON.parse(readFileSync(fromRoot('package.json'), 'utf8')) as { version?: unknown };
  if (typeof pkg.version !== 'string') throw new Error('package.json has no version.');
  return pkg.version;
}
