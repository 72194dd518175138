import { existsSync, mkdirSync, readdirSync, readFileSync, rmdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { findCgroup2Mount, isCgroupFrozen } from '../../../parsers/cgroup2Mount';

/**
 * The cgroup v2 freezer for the jobs the agent starts: each run gets its own cgroup under
 * `<cgroup2 mount>/mosdesk`, so one write freezes every process of the run at once, and a frozen
 * run cannot escape by forking. Only processes the agent starts go there; moving other processes
 * between cgroups would upset whatever manages them (systemd), so those are stopped with SIGSTOP.
 */
export interface JobCgroups {
  /** The parent directory of the runs' cgroups. */
  readonly root: string;
  create(name: string): string;
  setFrozen(cgroup: string, frozen: boolean): Promise<void>;
  isFrozen(cgroup: string): boolean;
  pids(cgroup: string): number[];
  /** Removes an empty run cgroup; a busy one stays (the kernel refuses), which is harmless. */
  remove(cgroup: string): void;
}

/** Finds a usable cgroup v2 freezer; the reason it is unusable otherwise, for `hello`. */
export function detectJobCgroups(): JobCgroups | string {
  let mount: string | null;
  try {
    mount = findCgroup2Mount(readFileSync('/proc/self/mountinfo', 'utf8'));
  } catch (err) {
    return `cannot read /proc/self/mountinfo (${(err as Error).message})`;
  }
  if (!mount) return 'this node has no cgroup v2 hierarchy mounted';
  const root = join(mount, 'mosdesk');
  try {
    mkdirSync(root, { recursive: true });
    const probe = join(root, `probe-${process.pid}`);
    mkdirSync(probe, { recursive: true });
    const usable = existsSync(join(probe, 'cgroup.freeze'));
    rmdirSync(probe);
    if (!usable) return `the cgroup v2 hierarchy at ${mount} has no freezer (Linux 5.2 or newer is needed)`;
  } catch (err) {
    return `cannot create cgroups under ${root} (${(err as NodeJS.ErrnoException).code ?? 'error'}); the agent needs root or a delegated cgroup`;
  }
  sweepEmpty(root);
  return cgroupsAt(root);
}

/** Younger cgroups may belong to a run another agent is starting right now (not yet joined). */
const SWEEP_MIN_AGE_MS = 60_000;

/**
 * Removes run cgroups left empty by runs that ended while no agent watched (the kernel refuses
 * to remove one that still holds processes, so running jobs keep theirs).
 */
function sweepEmpty(root: string): void {
  for (const entry of readdirSync(root, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const path = join(root, entry.name);
    try {
      if (Date.now() - statSync(path).mtimeMs < SWEEP_MIN_AGE_MS) continue;
      rmdirSync(path);
    } catch {
      // populated: a job still runs in it
    }
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function cgroupsAt(root: string): JobCgroups {
  const isFrozen = (cgroup: string): boolean => isCgroupFrozen(readFileSync(join(cgroup, 'cgroup.events'), 'utf8'));
  return {
    root,
    create(name) {
      const path = join(root, name);
      mkdirSync(path, { recursive: true });
      return path;
    },
    async setFrozen(cgroup, frozen) {
      writeFileSync(join(cgroup, 'cgroup.freeze'), frozen ? '1' : '0');
      // The write only asks; cgroup.events says when every task has actually stopped.
      for (let i = 0; i < 200 && frozen && !isFrozen(cgroup); i++) await sleep(10);
    },
    isFrozen,
    pids(cgroup) {
      return readFileSync(join(cgroup, 'cgroup.procs'), 'utf8')
        .split('\n')
        .filter((l) => l.trim() !== '')
        .map(Number);
    },
    remove(cgroup) {
      try {
        rmdirSync(cgroup);
      } catch {
        // still populated, or already gone
      }
    },
  };
}
