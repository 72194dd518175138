/**
 * ssh_config as every connection attempt reads it: loaded once, and again only when one of the
 * files or Include directories it was read from changes, appears or goes (fileStamp.ts).
 * A cluster of 100 nodes then reads ~/.ssh/config and its includes once, not once per attempt.
 */
import { stampsUnchanged } from './fileStamp';
import type { SshConfig } from './sshConfig';
import { loadSshConfigStamped, type LoadSshConfigOptions, type StampedSshConfig } from './sshConfigLoader';

const cache = new Map<string, StampedSshConfig>();
const loading = new Map<string, Promise<StampedSshConfig>>();

function keyOf(options: LoadSshConfigOptions): string {
  // undefined (the default file) and null (no system file) must stay apart.
  const system = options.systemPath === undefined ? { default: true } : options.systemPath;
  return JSON.stringify([options.home, options.userPath ?? { default: true }, system]);
}

/**
 * loadSshConfig with a cache: the same SshConfig object while nothing it was read from has
 * changed. `onLoad` hears of each config actually read (to log configWarnings once per change).
 */
export async function loadSshConfigCached(
  options: LoadSshConfigOptions,
  onLoad?: (config: SshConfig) => void,
): Promise<SshConfig> {
  const key = keyOf(options);
  const pending = loading.get(key);
  if (pending) return (await pending).config;
  const cached = cache.get(key);
  if (cached && (await stampsUnchanged(cached.stamps))) return cached.config;
  // Another caller may have started a load while this one checked the stamps.
  const started = loading.get(key);
  if (started) return (await started).config;
  const load = loadSshConfigStamped(options);
  loading.set(key, load);
  try {
    const loaded = await load;
    cache.set(key, loaded);
    onLoad?.(loaded.config);
    return loaded.config;
  } finally {
    loading.delete(key);
  }
}
