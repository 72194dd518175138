/**
 * Puts the MOSIX stand-in on a cluster's `mosix` nodes: the bundle (built with esbuild, cached
 * by the sources' mtimes), the wrappers with MOSIX's names, the node-to-node key and ssh_config,
 * and the shared dir the stand-in nodes keep their state in. The nodes see the state dir at the
 * same path as the host (their mount namespaces are copies of the host's), so nothing is mounted.
 */
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { BUNDLE_FILE, TOOLS } from '../mosixStandIn/names';
import { type ClusterLayout, STATE_ROOT } from './layout';
import { standInSshConfig, wrapperScript } from './mosixLayout';

const SOURCES = fileURLToPath(new URL('../mosixStandIn/', import.meta.url));
/** Shared by every cluster (not a valid cluster name, so no cluster's removal touches it). */
const BUILD_DIR = join(STATE_ROOT, 'mosix-standin-build');

interface Stamp {
  /** The newest mtime of the sources when the bundle was built. */
  newestMs: number;
  /** Every file esbuild read, to look at next time. */
  inputs: string[];
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

function newestMtime(paths: readonly string[]): number {
  return Math.max(0, ...paths.map((p) => (existsSync(p) ? statSync(p).mtimeMs : Infinity)));
}

function readStamp(path: string): Stamp | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Stamp;
  } catch {
    return undefined;
  }
}

/** The stand-in's bundle, rebuilt only when a source (or a file it bundled) is newer than the last build. */
export async function standInBundle(): Promise<string> {
  const out = join(BUILD_DIR, BUNDLE_FILE);
  const stampPath = join(BUILD_DIR, 'stamp.json');
  const stamp = readStamp(stampPath);
  const newest = newestMtime([...filesUnder(SOURCES), ...(stamp?.inputs ?? [])]);
  if (stamp && existsSync(out) && newest <= stamp.newestMs) return out;
  mkdirSync(BUILD_DIR, { recursive: true, mode: 0o755 });
  // Two clusters starting at once may both build: each renames a whole file into place.
  const temp = `${out}.${process.pid}.tmp`;
  const result = await build({
    entryPoints: [join(SOURCES, 'main.ts')],
    outfile: temp,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'warning',
    legalComments: 'none',
    metafile: true,
  });
  renameSync(temp, out);
  const inputs = Object.keys(result.metafile.inputs).map((p) => resolve(p));
  writeFileSync(stampPath, `${JSON.stringify({ newestMs: newest, inputs } satisfies Stamp)}\n`);
  return out;
}

/** Writes the stand-in's files into the cluster's state dir; before the nodes start (their PATH overlay needs bin/). */
export async function prepareMosixStandIn(cluster: ClusterLayout): Promise<void> {
  const m = cluster.mosix;
  if (!m) return;
  mkdirSync(m.binDir, { recursive: true, mode: 0o755 });
  // Every user of the nodes may run the tools, which write the shared state.
  mkdirSync(m.sharedDir, { recursive: true });
  chmodSync(m.sharedDir, 0o777);
  copyFileSync(await standInBundle(), m.bundlePath);
  copyFileSync(cluster.keyPath, m.keyPath);
  chmodSync(m.keyPath, 0o600);
  writeFileSync(m.sshConfigPath, standInSshConfig(m, cluster.knownHostsPath), { mode: 0o644 });
  for (const tool of TOOLS) writeFileSync(join(m.binDir, tool), wrapperScript(tool, m.bundlePath), { mode: 0o755 });
}

/** The decline switch: while on, the stand-in's migrate takes move requests and nothing moves. */
export function setMosixDecline(cluster: ClusterLayout, on: boolean): void {
  const m = cluster.mosix;
  if (!m) throw new Error(`Cluster ${cluster.name} has no mosix nodes (the mosix option).`);
  if (on) writeFileSync(m.declinePath, '', { mode: 0o644 });
  else rmSync(m.declinePath, { force: true });
}
