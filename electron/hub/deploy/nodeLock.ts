import type { Sftp } from './sftpOps';

export interface LockTiming {
  /** How long to wait for another holder before giving up. */
  lockWaitMs: number;
  /** A lock whose mtime has not moved for this long (by our clock) was left by a dead holder. */
  staleLockMs: number;
  /** How often a holder moves its lock's mtime on. */
  heartbeatMs: number;
}

const DEFAULTS: LockTiming = { lockWaitMs: 15_000, staleLockMs: 10_000, heartbeatMs: 2000 };
const POLL_MS = 200;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A lock on the node: a directory made with mkdir, which only one caller can make. The holder
 * touches it every `heartbeatMs`; a waiter calls it stale once its mtime has stayed the same for
 * `staleLockMs` of the waiter's own time. The node's clock is never compared with ours, so a
 * workstation minutes off neither breaks a live lock nor waits on a dead one. Returns `release`.
 */
export async function takeLock(
  sftp: Sftp,
  path: string,
  timing: Partial<LockTiming> = {},
): Promise<() => Promise<void>> {
  const { lockWaitMs, staleLockMs, heartbeatMs } = { ...DEFAULTS, ...timing };
  const deadline = Date.now() + lockWaitMs;
  let seen: { mtime: number; since: number } | undefined;
  while (!(await sftp.mkdir(path))) {
    const held = await sftp.stat(path);
    const now = Date.now();
    if (held && held.mtime !== seen?.mtime) seen = { mtime: held.mtime, since: now };
    if (held && seen && now - seen.since >= staleLockMs) {
      // Only if it is still that same lock: another waiter may have replaced it just now.
      if ((await sftp.stat(path))?.mtime === seen.mtime) await sftp.rmdir(path).catch(() => undefined);
      seen = undefined;
      continue;
    }
    if (now > deadline) throw new Error(`another upload has held ${path} for over ${lockWaitMs / 1000} s`);
    await sleep(POLL_MS);
  }
  const beat = setInterval(() => void sftp.touch(path).catch(() => undefined), heartbeatMs);
  beat.unref();
  return async () => {
    clearInterval(beat);
    await sftp.rmdir(path).catch(() => undefined);
  };
}
