/**
 * Each node's own cgroups, with cgroup v1 (the hierarchies this machine and CI mount under
 * /sys/fs/cgroup): `mdt-<cluster>-<k>` at the top of the cpuset, memory, cpu and cpuacct
 * hierarchies. Its cpuset and memory limit are what LXCFS shows the node as its CPUs and
 * MemTotal; cpuacct and cpu give it CPU time (/proc/stat) and a load average of its own.
 */
import { mkdirSync, readdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { killUntilGone, until } from './exec';
import { cgroupV1Mounts, cpuList, pidList } from './kernelText';
import { isClusterObject, type NodeLayout } from './layout';

/** The controllers every node has a cgroup of its own in. */
export const CONTROLLERS = ['cpuset', 'memory', 'cpu', 'cpuacct'] as const;

function v1Mounts(): Map<string, string> {
  return cgroupV1Mounts(readFileSync('/proc/self/mountinfo', 'utf8'));
}

/** Mountpoints of the hierarchies of CONTROLLERS that this machine has (co-mounted ones once). */
function mountpoints(): string[] {
  const mounts = v1Mounts();
  return [...new Set(CONTROLLERS.flatMap((c) => mounts.get(c) ?? []))];
}

/** The cpuset and memory hierarchies and all of them; throws a sentence when one is missing. */
function hierarchies(): { cpuset: string; memory: string; all: string[] } {
  const mounts = v1Mounts();
  const missing = CONTROLLERS.filter((c) => !mounts.has(c));
  if (missing.length > 0) {
    throw new Error(
      `The test cluster gives each node cgroups of its own (cgroup v1: ${CONTROLLERS.join(', ')}); ` +
        `this machine mounts no ${missing.join(', ')} hierarchy (see mount | grep cgroup).`,
    );
  }
  return { cpuset: mounts.get('cpuset') as string, memory: mounts.get('memory') as string, all: mountpoints() };
}

/** Throws when this machine lacks one of the cgroup hierarchies the nodes need. */
export function requireCgroups(): void {
  hierarchies();
}

/** The CPUs a node can be given: those of the top cpuset, i.e. the host's online CPUs. */
export function hostCpus(): number[] {
  return cpuList(readFileSync(join(hierarchies().cpuset, 'cpuset.effective_cpus'), 'utf8'));
}

/** The node's cgroup.procs file in every hierarchy: writing a pid there moves that process in. */
export function nodeCgroupProcs(node: Pick<NodeLayout, 'cgroup'>): string[] {
  return hierarchies().all.map((mountpoint) => join(mountpoint, node.cgroup, 'cgroup.procs'));
}

/**
 * Creates the node's cgroups, or sets them again (a restart), and returns their cgroup.procs
 * files. The cpuset gets the first `node.cpus` host CPUs (all without), memory its limit (-1: none).
 */
export function createNodeCgroups(node: NodeLayout): string[] {
  const h = hierarchies();
  for (const mountpoint of h.all) mkdirSync(join(mountpoint, node.cgroup), { recursive: true });
  const cpuset = join(h.cpuset, node.cgroup);
  const cpus = hostCpus();
  // A v1 cpuset takes no process until both its CPUs and its memory nodes are set.
  writeFileSync(join(cpuset, 'cpuset.cpus'), cpus.slice(0, node.cpus ?? cpus.length).join(','));
  writeFileSync(join(cpuset, 'cpuset.mems'), readFileSync(join(h.cpuset, 'cpuset.effective_mems'), 'utf8').trim());
  writeFileSync(join(h.memory, node.cgroup, 'memory.limit_in_bytes'), String(node.memBytes ?? -1));
  return nodeCgroupProcs(node);
}

/**
 * Moves itself into the cgroups whose cgroup.procs files come before `--`, then execs the rest:
 * the program, and everything it starts, is inside them from its first instruction on.
 */
const JOIN_SCRIPT = `set -eu
while [ "$1" != -- ]; do
  echo $$ > "$1"
  shift
done
shift
exec "$@"
`;

/** argv that runs `argv` inside the cgroups of `procsFiles` (see JOIN_SCRIPT). */
export function inCgroups(procsFiles: string[], argv: string[]): [string, ...string[]] {
  return ['sh', '-c', JOIN_SCRIPT, 'mdt-join', ...procsFiles, '--', ...argv];
}

/** Pids in cgroup `name` of any of the node hierarchies (none when it does not exist). */
export function cgroupPids(name: string): number[] {
  const pids = new Set<number>();
  for (const mountpoint of mountpoints()) {
    try {
      for (const pid of pidList(readFileSync(join(mountpoint, name, 'cgroup.procs'), 'utf8'))) pids.add(pid);
    } catch {
      // No such cgroup in this hierarchy.
    }
  }
  return [...pids];
}

/** The cgroup directories of cluster `name` that exist now, in every node hierarchy. */
export function clusterCgroups(name: string): string[] {
  return mountpoints().flatMap((mountpoint) =>
    readdirSync(mountpoint, { withFileTypes: true })
      .filter((e) => e.isDirectory() && isClusterObject(name, e.name))
      .map((e) => join(mountpoint, e.name)),
  );
}

/** rmdir, true once it is gone; EBUSY (a killed task not yet reaped) is tried again. */
function rmdirGone(path: string): boolean | undefined {
  try {
    rmdirSync(path);
    return true;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return true;
    if (code === 'EBUSY') return undefined;
    throw err;
  }
}

/** Kills what is left in cgroup `name`, then removes it from every hierarchy. */
export async function removeCgroup(name: string): Promise<void> {
  await killUntilGone(`the processes in cgroup ${name} to end`, () => cgroupPids(name));
  for (const mountpoint of mountpoints()) {
    const path = join(mountpoint, name);
    await until(`cgroup ${path} to be removed`, 5_000, async () => rmdirGone(path), 20);
  }
}

/** Removes every cgroup of cluster `name` (also those of a start that was killed halfway). */
export async function removeClusterCgroups(name: string): Promise<void> {
  const names = new Set(clusterCgroups(name).map((path) => path.slice(path.lastIndexOf('/') + 1)));
  await Promise.all([...names].map(removeCgroup));
}
