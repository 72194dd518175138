/**
 * electron-builder's own logic, for the checks to call instead of imitating it: its schema
 * validation, its `files` matchers and its icon lookup. These are internals of app-builder-lib
 * (electron-builder's engine) with no public entry point, so they are typed here with only what
 * the checks use, and resolved from electron-builder's own location: app-builder-lib, its js-yaml
 * and its @electron/asar are electron-builder's dependencies, not ours, and may not be hoisted.
 * If an electron-builder upgrade moves one, loading fails with a clear message instead of the
 * checks passing vacuously.
 */
import { type Stats } from 'node:fs';
import { createRequire } from 'node:module';
import type { Configuration, PlatformSpecificBuildOptions } from 'electron-builder';
import { ROOT, fromRoot } from '../paths';

export type FileFilter = (file: string, stat: Stats) => boolean;

export interface FileMatcher {
  readonly from: string;
  readonly to: string;
  readonly patterns: string[];
  isEmpty(): boolean;
  createFilter(): FileFilter;
}

interface DebugLogger {
  readonly isEnabled: boolean;
  add(key: string, value: unknown): void;
}

type MacroExpander = (pattern: string) => string;

/** The subset of electron-builder's Packager (its `info`) that the matcher functions read. */
export interface PackagerInfo {
  projectDir: string;
  buildResourcesDir: string;
  isPrepackedAppAsar: boolean;
  config: Configuration;
  debugLogger: DebugLogger;
}

export interface Internals {
  version: string;
  cliPath: string;
  yamlLoad(text: string, options: { filename: string }): unknown;
  validateConfiguration(config: unknown, debugLogger: DebugLogger): Promise<void>;
  getMainFileMatchers(
    appDir: string,
    destination: string,
    macroExpander: MacroExpander,
    platformOptions: PlatformSpecificBuildOptions,
    platformPackager: { info: PackagerInfo },
    outDir: string,
    isElectronCompile: boolean,
  ): FileMatcher[];
  getNodeModuleFileMatcher(
    appDir: string,
    destination: string,
    macroExpander: MacroExpander,
    platformOptions: PlatformSpecificBuildOptions,
    packager: PackagerInfo,
  ): FileMatcher;
  getFileMatchers(
    config: Configuration,
    name: 'extraResources',
    defaultDestination: string,
    options: {
      macroExpander: MacroExpander;
      customBuildOptions: PlatformSpecificBuildOptions;
      globalOutDir: string;
      defaultSrc: string;
    },
  ): FileMatcher[] | null;
  convertIcon(options: {
    sources: string[];
    fallbackSources: string[];
    roots: string[];
    format: 'set' | 'icns' | 'ico';
    outDir: string;
  }): Promise<{ icons: { file: string; size: number }[]; isFallback: boolean }>;
  asar: {
    listPackage(archive: string, options: { isPack: boolean }): string[];
    statFile(archive: string, file: string): object;
    extractFile(archive: string, file: string): Buffer;
  };
}

export function loadInternals(): Internals {
  const fromProject = createRequire(fromRoot('package.json'));
  const fromBuilder = createRequire(fromProject.resolve('electron-builder/package.json'));
  const fromLib = createRequire(fromBuilder.resolve('app-builder-lib/package.json'));
  const need = <T>(what: string, value: T | undefined): T => {
    if (typeof value !== 'function' && typeof value !== 'object') {
      throw new Error(`electron-builder internals moved: ${what} not found (this script was written for 26.x).`);
    }
    return value as T;
  };
  const config = fromLib('./out/util/config/config.js') as Partial<Internals>;
  const matcher = fromLib('./out/fileMatcher.js') as Partial<Internals>;
  const icons = fromLib('./out/util/iconConverter.js') as Partial<Internals>;
  const yaml = fromLib('js-yaml') as { load?: Internals['yamlLoad'] };
  const builderPkg = fromBuilder('./package.json') as { version: string; bin: Record<string, string> };
  return {
    version: builderPkg.version,
    cliPath: fromBuilder.resolve(`./${builderPkg.bin['electron-builder'] ?? 'cli.js'}`),
    yamlLoad: need('js-yaml load', yaml.load),
    validateConfiguration: need('validateConfiguration', config.validateConfiguration),
    getMainFileMatchers: need('getMainFileMatchers', matcher.getMainFileMatchers),
    getNodeModuleFileMatcher: need('getNodeModuleFileMatcher', matcher.getNodeModuleFileMatcher),
    getFileMatchers: need('getFileMatchers', matcher.getFileMatchers),
    convertIcon: need('convertIcon', icons.convertIcon),
    asar: need('@electron/asar', fromLib('@electron/asar') as Internals['asar']),
  };
}

/** electron-builder only writes its debug log (builder-debug.yml) when asked; the checks never ask. */
export const quietLogger: DebugLogger = { isEnabled: false, add: () => undefined };

/** Our config uses no ${...} macros (checked); leaving them unexpanded would make a match fail, not pass. */
export const noMacros: MacroExpander = (pattern) => pattern;

export function packagerInfo(config: Configuration): PackagerInfo {
  return {
    projectDir: ROOT,
    buildResourcesDir: fromRoot(config.directories?.buildResources ?? 'build'),
    isPrepackedAppAsar: false,
    config,
    debugLogger: quietLogger,
  };
}
