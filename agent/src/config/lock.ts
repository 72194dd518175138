/**
 * One change to /etc/mosix at a time, across every agent on the node (and the sudo side of each):
 * a lock file made with O_EXCL holding its owner's pid; a lock whose owner is gone is taken over.
 */
import { readFile, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { makeDirs, writeNewFile } from './files';
import type { ConfigPaths } from './paths';

const WAIT_MS = 15_000;

let queue: Promise<unknown> = Promise.resolve();

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function acquire(paths: ConfigPaths): Promise<void> {
  await makeDirs(paths.state);
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    try {
      await writeNewFile(paths.lock, `${process.pid}\n`, { mode: 0o644, uid: 0, gid: 0 });
      return;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const owner = Number((await readFile(paths.lock, 'utf8').catch(() => '')).trim());
    if (!Number.isInteger(owner) || owner <= 0 || !alive(owner)) await unlink(paths.lock).catch(() => undefined);
    else if (Date.now() > deadline)
      throw new Error(
        `another mosdesk agent (pid ${owner}) has been changing ${paths.dir} on ${hostname()} for over ${WAIT_MS / 1000} s`,
      );
    else await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Runs `fn` holding the node's lock, after any earlier call of this process has finished. */
export function withLock<T>(paths: ConfigPaths, fn: () => Promise<T>): Promise<T> {
  const run = queue.then(async () => {
    await acquire(paths);
    try {
      return await fn();
    } finally {
      await unlink(paths.lock).catch(() => undefined);
    }
  });
  queue = run.catch(() => undefined);
  return run;
}
