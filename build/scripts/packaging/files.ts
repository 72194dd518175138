/**
 * What goes into the app: the `files` globs (app.asar), electron-builder's separate copy of
 * production node_modules, and extraResources (the agent). Compared against the build output,
 * with electron-builder's own matchers so the glob semantics are exactly its own.
 */
import { existsSync, lstatSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative, sep } from 'node:path';
import type { Configuration } from 'electron-builder';
import { AGENT_BUNDLE, ROOT, fromRoot } from '../paths';
import { EXPECTED, PLATFORMS, type PackageJson, type PlatformKey } from './expected';
import { noMacros, packagerInfo, type FileFilter, type Internals } from './internals';
import { check, problem, rel, someOf } from './report';

/**
 * Walks the project the way electron-builder's AppFileWalker does: a directory the filter rejects
 * is not entered (that is how node_modules and .git are skipped), a file is kept if it accepts it.
 */
function walkMatched(dir: string, filter: FileFilter, out: string[]): void {
  for (const name of readdirSync(dir).sort()) {
    const file = join(dir, name);
    const stat = lstatSync(file);
    if (!filter(file, stat)) continue;
    if (stat.isDirectory()) walkMatched(file, filter, out);
    else out.push(rel(file));
  }
}

function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => rel(join(entry.parentPath, entry.name)));
}

/**
 * The file checks compare the config with the build output, so they need one. Reports a single
 * problem, instead of one per platform and check, when dist/ is missing or partial.
 */
export function checkBuilt(pkg: PackageJson): boolean {
  const needed = [pkg.main ?? 'index.js', 'dist/electron/preload.cjs', 'dist/renderer/index.html', rel(AGENT_BUNDLE)];
  const missing = needed.filter((file) => !existsSync(fromRoot(file)));
  return check(
    missing.length === 0,
    `build output present (${needed.join(', ')})`,
    `The build output is missing (${missing.join(', ')}): run \`npm run build\` first; file checks skipped.`,
  );
}

/** One platform's app.asar contents as electron-builder would compute them; null if not computable. */
function packedFiles(eb: Internals, config: Configuration, platform: PlatformKey): string[] | null {
  const outDir = fromRoot(config.directories?.output ?? 'release');
  const info = packagerInfo(config);
  const matchers = eb.getMainFileMatchers(ROOT, '/app', noMacros, config[platform] ?? {}, { info }, outDir, false);
  const main = matchers[0];
  if (!main || main.from !== ROOT || matchers.length > 1) {
    problem(`${platform}: files should be plain patterns relative to the project root, not from/to sets.`);
    return null;
  }
  const matched: string[] = [];
  walkMatched(ROOT, main.createFilter(), matched);
  return matched;
}

/**
 * electron-builder copies production dependencies on its own, filtered only by the negated `files`
 * patterns. esbuild and Vite inline them all, so none should be copied.
 */
function copiedDependencies(eb: Internals, config: Configuration, platform: PlatformKey, pkg: PackageJson): string[] {
  const moduleMatcher = eb.getNodeModuleFileMatcher(
    ROOT,
    '/app',
    noMacros,
    config[platform] ?? {},
    packagerInfo(config),
  );
  // NodeModuleCopyHelper applies no filter at all when there are no negated patterns.
  const filter = moduleMatcher.isEmpty() ? null : moduleMatcher.createFilter();
  return Object.keys(pkg.dependencies ?? {}).filter((dep) => {
    const file = fromRoot('node_modules', dep, 'package.json');
    if (!existsSync(file)) return false;
    if (!filter) return true;
    // NodeModuleCopyHelper passes the file's path inside the app as moduleFullFilePath.
    return filter(file, Object.assign(lstatSync(file), { moduleFullFilePath: `node_modules/${dep}/package.json` }));
  });
}

/** Returns linux's app.asar contents as predicted, for --stub-pack to compare with the real one. */
export function checkFiles(eb: Internals, config: Configuration, pkg: PackageJson): string[] {
  const patterns = [config.files, ...PLATFORMS.map((p) => config[p]?.files)];
  if (JSON.stringify(patterns).includes('${')) {
    problem('files patterns use ${...} macros, which this check does not expand; extend it or check by hand.');
  }
  const built = EXPECTED.appDirs.flatMap((dir) => listFiles(fromRoot(dir)));
  const mainFile = pkg.main ?? 'index.js';
  let linuxFiles: string[] = [];
  for (const platform of PLATFORMS) {
    const matched = packedFiles(eb, config, platform);
    if (!matched) continue;
    if (platform === 'linux') linuxFiles = matched;
    const set = new Set(matched);
    // The built app must go in whole: a pattern that drops part of it (a lazy chunk, the CSS)
    // would only show on a user's machine, as a broken window.
    const missing = built.filter((file) => !set.has(file));
    check(
      missing.length === 0,
      `${platform}: files takes all ${built.length} built files of ${EXPECTED.appDirs.join(', ')}`,
      `${platform}: files leaves out built files: ${someOf(missing)}`,
    );
    // And nothing else: no sources, no agent (it goes to resources/), no browser-mode server.
    const extra = matched.filter(
      (file) => file !== 'package.json' && !EXPECTED.appDirs.some((d) => file.startsWith(d)),
    );
    check(
      extra.length === 0,
      `${platform}: files takes nothing but package.json and ${EXPECTED.appDirs.join(', ')}`,
      `${platform}: files would also pack ${someOf(extra)}.`,
    );
    check(
      set.has('package.json'),
      `${platform}: package.json packed`,
      `${platform}: package.json would not be packed.`,
    );
    check(
      set.has(mainFile),
      `${platform}: package.json main ${mainFile} is packed`,
      `${platform}: package.json main ${mainFile} is not matched by files, so the app could not start.`,
    );
    const copied = copiedDependencies(eb, config, platform, pkg);
    check(
      copied.length === 0,
      `${platform}: no node_modules copied (dependencies are bundled)`,
      `${platform}: electron-builder would copy node_modules of ${copied.join(', ')}; keep "!node_modules{,/**/*}" in files.`,
    );
  }
  return linuxFiles;
}

/**
 * Required inside try/catch by a bundled library and left out on purpose: ssh2 asks for
 * cpu-features (an optional native addon) and falls back to Node's crypto without it.
 */
const OPTIONAL_REQUIRES = new Set(['cpu-features']);

/** Excluding node_modules is only safe while the Electron bundles need nothing from it. */
export function checkBundlesSelfContained(): void {
  const dir = fromRoot('dist/electron');
  const bundles = readdirSync(dir).filter((name) => name.endsWith('.cjs'));
  const builtin = new Set(builtinModules);
  const external = new Set<string>();
  for (const name of bundles) {
    for (const match of readFileSync(join(dir, name), 'utf8').matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)) {
      const id = match[1] ?? '';
      if (id === 'electron' || id.startsWith('.') || OPTIONAL_REQUIRES.has(id)) continue;
      if (builtin.has(id.replace(/^node:/, ''))) continue;
      external.add(id);
    }
  }
  check(
    external.size === 0,
    `dist/electron bundles require only electron and Node built-ins (${bundles.join(', ')})`,
    `dist/electron bundles require ${[...external].join(', ')}, which the packaged app will not have ` +
      '(files excludes node_modules): let esbuild bundle them, or drop that exclusion.',
  );
}

/** extraResources: the agent bundle, outside app.asar, where the app looks for it. */
export function checkExtraResources(eb: Internals, config: Configuration, built: boolean): void {
  const resources = '/resources'; // stands for Electron's resources dir; only paths below it matter
  const sources = new Set<string>();
  for (const platform of PLATFORMS) {
    const matchers =
      eb.getFileMatchers(config, 'extraResources', resources, {
        macroExpander: noMacros,
        customBuildOptions: config[platform] ?? {},
        globalOutDir: fromRoot(config.directories?.output ?? 'release'),
        defaultSrc: ROOT,
      }) ?? [];
    for (const m of matchers) sources.add(m.from);
    const agent = matchers.find((m) => m.from === AGENT_BUNDLE);
    const destination = agent ? relative(resources, agent.to).split(sep).join('/') : null;
    check(
      destination === EXPECTED.agentResource,
      `${platform}: extraResources puts ${rel(AGENT_BUNDLE)} at resources/${EXPECTED.agentResource}`,
      agent
        ? `${platform}: the agent would land at resources/${destination}, but the app looks in resources/${EXPECTED.agentResource}.`
        : `${platform}: extraResources has no {from: ${rel(AGENT_BUNDLE)}, to: ${EXPECTED.agentResource}} entry.`,
    );
  }
  if (!built) return; // checkBuilt has said so already
  // After a complete build, a missing source is one the build does not make at all.
  for (const source of sources) {
    check(
      existsSync(source),
      `extraResources source ${rel(source)} exists`,
      `extraResources source ${rel(source)} does not exist after a build.`,
    );
  }
  const head = readFileSync(AGENT_BUNDLE, 'utf8').slice(0, 40);
  check(
    head.startsWith('#!/usr/bin/env node'),
    `${rel(AGENT_BUNDLE)} is the agent bundle (${(statSync(AGENT_BUNDLE).size / 1024).toFixed(0)} KiB)`,
    `${rel(AGENT_BUNDLE)} does not look like the agent bundle (no node shebang).`,
  );
}
