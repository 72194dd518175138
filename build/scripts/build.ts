/**
 * Builds everything into dist/: the agent bundle (one .js for Node >= 18 on the nodes), the
 * Electron main and preload, the browser-mode server, and the renderer (Vite).
 * `tsx build/scripts/build.ts [agent|electron|web|renderer ...]` builds only those parts.
 */
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build as esbuild, type BuildOptions } from 'esbuild';
import { build as viteBuild } from 'vite';
import { AGENT_BUNDLE, DIST, fromRoot, readPackageVersion } from './paths';

const define = { __MOSDESK_VERSION__: JSON.stringify(readPackageVersion()) };

const common: BuildOptions = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  sourcemap: false,
  logLevel: 'warning',
  legalComments: 'none',
  outExtension: { '.js': '.cjs' },
};

/**
 * ssh2 loads optional native addons (its crypto binding, cpu-features) inside try/catch and
 * falls back to Node's own crypto; leaving them out keeps the hub free of native modules.
 */
const hubExternals = ['cpu-features', '*.node'];

/** What esbuild bundles, per part; exported so tests can check the paths scripts run against what is written. */
export const esbuildConfigs = {
  agent: {
    ...common,
    entryPoints: [fromRoot('agent/src/main.ts')],
    outfile: AGENT_BUNDLE,
    target: 'node18',
    minify: true,
    banner: { js: '#!/usr/bin/env node' },
  },
  electron: {
    ...common,
    entryPoints: { main: fromRoot('electron/main/index.ts'), preload: fromRoot('electron/preload/index.ts') },
    outdir: `${DIST}/electron`,
    target: 'node22',
    external: ['electron', ...hubExternals],
    define,
  },
  web: {
    ...common,
    entryPoints: { main: fromRoot('electron/web/main.ts') },
    outdir: `${DIST}/web`,
    target: 'node20',
    external: hubExternals,
    define,
  },
} satisfies Record<string, BuildOptions>;

const parts: Record<string, () => Promise<void>> = {
  async agent() {
    await esbuild(esbuildConfigs.agent);
    console.log(`agent bundle: ${AGENT_BUNDLE} (${(statSync(AGENT_BUNDLE).size / 1024).toFixed(1)} KiB)`);
  },
  async electron() {
    await esbuild(esbuildConfigs.electron);
  },
  async web() {
    await esbuild(esbuildConfigs.web);
  },
  async renderer() {
    // Always the production build, whatever NODE_ENV the caller has (vitest sets "test", and
    // Vite then bundles Vue's development build, which warns and rethrows): dist/ is what ships.
    process.env.NODE_ENV = 'production';
    await viteBuild({ configFile: fromRoot('renderer/vite.config.ts'), logLevel: 'warn', mode: 'production' });
  },
};

/** Builds the named parts (all when none are named), in order. */
export async function buildParts(wanted: string[]): Promise<void> {
  const unknown = wanted.filter((name) => !Object.hasOwn(parts, name));
  if (unknown.length > 0) {
    throw new Error(`Unknown build part(s): ${unknown.join(', ')}. Known: ${Object.keys(parts).join(', ')}.`);
  }
  for (const name of wanted.length > 0 ? wanted : Object.keys(parts)) await parts[name]!();
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  buildParts(process.argv.slice(2)).catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = 1;
  });
}
