import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { BuildOptions } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { esbuildConfigs } from '../../../build/scripts/build';
import { ROOT } from '../../support/dist';

/** The files esbuild writes for one part: its outfile, or one per named entry point in outdir. */
function outputsOf(options: BuildOptions): string[] {
  if (options.outfile) return [resolve(options.outfile)];
  const ext = options.outExtension?.['.js'] ?? '.js';
  const entries = options.entryPoints;
  if (!options.outdir || !entries || Array.isArray(entries)) throw new Error('expected named entry points and outdir');
  return Object.keys(entries).map((name) => resolve(options.outdir as string, `${name}${ext}`));
}

const built = Object.values(esbuildConfigs).flatMap(outputsOf);
const scripts = (JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> })
  .scripts;

describe('package.json scripts', () => {
  it('start:web runs with node a file the build writes', () => {
    const run = /(?:^|&&)\s*node\s+(\S+)/.exec(scripts['start:web'] ?? '')?.[1];
    expect(run, 'start:web runs no `node <file>`').toBeDefined();
    expect(built).toContain(resolve(ROOT, run as string));
  });
});
