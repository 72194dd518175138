/** The product decisions build/electron-builder.yml must keep; changing one here is deliberate. */

/** The three platforms we ship, as electron-builder's config keys. */
export type PlatformKey = 'linux' | 'mac' | 'win';
export const PLATFORMS: readonly PlatformKey[] = ['linux', 'mac', 'win'];

export const EXPECTED = {
  productName: 'mosdesk',
  output: 'release',
  buildResources: 'build',
  targets: { linux: ['AppImage', 'deb'], mac: ['dmg'], win: ['nsis'] } satisfies Record<PlatformKey, string[]>,
  linuxCategory: 'System',
  macCategory: 'public.app-category.developer-tools',
  /**
   * Where the agent bundle must land, relative to Electron's resources dir: electron/main/index.ts
   * spawns join(process.resourcesPath, 'agent', 'mosdesk-agent.cjs') when app.isPackaged.
   */
  agentResource: 'agent/mosdesk-agent.cjs',
  /** The only things that belong in app.asar besides package.json (which electron-builder always adds). */
  appDirs: ['dist/electron/', 'dist/renderer/'],
};

/**
 * Each platform's icon must already be in the format electron-builder ends up with: electron-builder
 * 26 converts icons with a toolset it downloads at packaging time. Sizes are electron-builder's
 * documented minimums (mac 512, win 256); linux gets 512 too so desktops have a sharp large icon.
 */
export const ICON_RULES: Record<PlatformKey, { ext: string; format: 'set' | 'icns' | 'ico'; minSize: number }> = {
  linux: { ext: '.png', format: 'set', minSize: 512 },
  mac: { ext: '.icns', format: 'icns', minSize: 512 },
  win: { ext: '.ico', format: 'ico', minSize: 256 },
};

/** The fields of package.json the checks read. */
export interface PackageJson {
  name?: string;
  productName?: string;
  version?: string;
  description?: string;
  author?: unknown;
  main?: string;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

export const isNonEmptyString = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';
