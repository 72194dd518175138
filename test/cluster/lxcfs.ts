/**
 * One LXCFS for all the test clusters on this machine. A read of its /proc/meminfo, /proc/stat,
 * ... is answered with the figures of the cgroups of the reader's PID namespace's pid 1, which
 * for a node is its sshd: each node bind-mounts these files over its own (nodeProcess.ts).
 *
 * Started when absent, and left running when the last cluster goes: stopping it then would need a
 * count of clusters kept across processes, and a cluster starting in another test process at that
 * moment may already have bind-mounted the views, which would all answer ENOTCONN from then on.
 * An idle LXCFS costs next to nothing, and it is found and reused by the next start.
 */
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { until } from './exec';
import { STATE_ROOT } from './layout';

/** Not `<STATE_ROOT>/lxcfs`: `lxcfs` is a valid cluster name, whose state dir that would be. */
export const LXCFS_DIR = join(STATE_ROOT, 'lxcfs-shared');
export const LXCFS_MOUNT = join(LXCFS_DIR, 'mnt');
const PIDFILE = join(LXCFS_DIR, 'lxcfs.pid');
const LOCK = join(LXCFS_DIR, 'lock');
export const LXCFS_LOG = join(LXCFS_DIR, 'lxcfs.log');

/** The files each node sees from LXCFS: its own path inside the node, and under LXCFS_MOUNT. */
export const LXCFS_VIEWS = [
  '/proc/cpuinfo',
  '/proc/meminfo',
  '/proc/stat',
  '/proc/loadavg',
  '/proc/uptime',
  '/proc/diskstats',
  '/proc/swaps',
  '/sys/devices/system/cpu/online',
] as const;

/** flock's status when another start holds the lock (that one is starting LXCFS; wait for it). */
const LOCKED = 75;

/**
 * Runs under the lock, which every LXCFS of ours holds for its whole life (flock waits for it):
 * so none is alive, and a mount left at $1 is a dead one's (its files answer "Transport endpoint
 * is not connected"); it goes first, so the new LXCFS does not stack on it. The rest are options.
 */
const START_SCRIPT = `set -eu
mnt=$1
shift
while grep -qF " $mnt fuse.lxcfs " /proc/self/mounts; do umount -l "$mnt"; done
mkdir -p "$mnt"
exec lxcfs "$@" "$mnt"
`;

/** True when an LXCFS is mounted at LXCFS_MOUNT and answers. */
async function answers(): Promise<boolean> {
  if (!readFileSync('/proc/self/mounts', 'utf8').includes(` ${LXCFS_MOUNT} fuse.lxcfs `)) return false;
  try {
    await readFile(join(LXCFS_MOUNT, 'proc/uptime'), 'utf8');
    return true;
  } catch {
    return false;
  }
}

function logTail(): string {
  return existsSync(LXCFS_LOG) ? readFileSync(LXCFS_LOG, 'utf8').trim().split('\n').slice(-5).join('\n') : '';
}

/** Starts the shared LXCFS (-l: load averages per cgroup) unless one answers; waits until one does. */
export async function ensureLxcfs(): Promise<void> {
  if (await answers()) return;
  mkdirSync(LXCFS_DIR, { recursive: true, mode: 0o755 });
  const log = openSync(LXCFS_LOG, 'a');
  // Detached and in its own session, so it outlives the test process or CLI that started it.
  const child = spawn(
    'flock',
    ['-n', '-E', String(LOCKED), '-o', LOCK, 'sh', '-c', START_SCRIPT, 'mdt-lxcfs', LXCFS_MOUNT, '-l', '-p', PIDFILE],
    { detached: true, stdio: ['ignore', log, log], cwd: '/' },
  );
  closeSync(log);
  child.unref();
  let failed: string | undefined;
  child.on('exit', (code, signal) => {
    if (code !== LOCKED) failed = `exited (${signal ?? code})`;
  });
  child.on('error', (err) => (failed = err.message));
  await until(`LXCFS to answer at ${LXCFS_MOUNT}`, 10_000, async () => {
    if (await answers()) return true;
    if (failed !== undefined) throw new Error(`LXCFS ${failed} before it answered: ${logTail() || '(no output)'}`);
    return undefined;
  });
}
