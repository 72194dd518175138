import * as fsp from 'node:fs/promises';
import type { DiskUsage } from '../../../protocol/metricsTypes';

/** The subset of fs.StatsFs the figures need; sizes are in blocks of `bsize` bytes. */
export interface FsStats {
  bsize: number;
  blocks: number;
  bfree: number;
  bavail: number;
}

export type StatFs = (path: string) => Promise<FsStats>;

/** fs.promises.statfs appeared in Node 18.15; on older Node it is simply absent. */
const nodeStatfs: StatFs | null = typeof fsp.statfs === 'function' ? (path) => fsp.statfs(path) : null;

/**
 * A statfs on a hung network mount blocks one of libuv's four pool threads until the server
 * answers. So a mount waits at most this long, and is not asked again while its previous call
 * is still stuck: a dead NFS server can cost the agent one thread per mount, never all of them.
 */
const STATFS_TIMEOUT_MS = 2000;
const stuck = new Map<string, Promise<FsStats>>();

const REASONS: Record<string, string> = {
  ENOENT: 'no such file or directory',
  ENOTDIR: 'a part of the path is not a directory',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ELOOP: 'too many symbolic links',
  EIO: 'input/output error',
  ESTALE: 'stale network file handle',
  ENOTCONN: 'the file system is not connected',
};

function reasonOf(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  return (code && REASONS[code]) ?? code ?? 'unexpected error';
}

async function usageOf(mount: string, statfs: StatFs, timeoutMs: number): Promise<DiskUsage> {
  if (stuck.has(mount)) return { mount, error: `Cannot read ${mount}: an earlier statfs has not returned yet.` };
  const call = statfs(mount);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
  try {
    const s = await Promise.race([call, timeout]);
    if (s === 'timeout') {
      stuck.set(mount, call);
      call.then(
        () => stuck.delete(mount),
        () => stuck.delete(mount),
      );
      return { mount, error: `Cannot read ${mount}: statfs did not answer within ${timeoutMs / 1000} s.` };
    }
    const totalBytes = s.blocks * s.bsize;
    const freeBytes = s.bfree * s.bsize;
    // As df: "used" is what is not free; "available" excludes the blocks reserved for root.
    return { mount, totalBytes, freeBytes, availableBytes: s.bavail * s.bsize, usedBytes: totalBytes - freeBytes };
  } catch (err) {
    return { mount, error: `Cannot read ${mount}: ${reasonOf(err)}.` };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Used and free space of the file system holding each path, one entry per path in order.
 * Never throws: a path that cannot be read, or a Node without statfs, gives `{ mount, error }`.
 */
export async function readDiskUsage(
  mounts: readonly string[],
  statfs: StatFs | null = nodeStatfs,
  timeoutMs = STATFS_TIMEOUT_MS,
): Promise<DiskUsage[]> {
  if (!statfs) {
    const error = `Disk usage needs Node.js 18.15 or newer; this node runs ${process.version}.`;
    return mounts.map((mount) => ({ mount, error }));
  }
  return Promise.all(mounts.map((mount) => usageOf(mount, statfs, timeoutMs)));
}
