import { closeSync, constants, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { wholeCharacterPrefix } from '../../../parsers/utf8Prefix';

/**
 * Synchronous reads of /proc into one reused buffer. /proc files are tiny and generated on
 * read, so the cost is the system calls: measured with 2,000 processes on Node 20, a sync scan
 * of every /proc/<pid>/stat took 17 ms and the same with fs/promises 200 ms (libuv's 4-thread
 * pool and a promise per file dominate). A scan blocks the event loop for that long at most.
 */
export class ProcFiles {
  private buffer = Buffer.allocUnsafe(4096);

  /** Numeric entries of /proc: one per process (threads live under /proc/<pid>/task). */
  pids(): number[] {
    const pids: number[] = [];
    for (const name of readdirSync('/proc')) {
      const first = name.charCodeAt(0);
      if (first >= 48 && first <= 57) pids.push(Number(name));
    }
    return pids;
  }

  /**
   * The whole file as UTF-8, up to `maxBytes` (cut before a character the limit would split);
   * null when the process has gone (ENOENT on open, ESRCH on read) or is hidden from us (EACCES
   * under hidepid=1, as ps skips it too). Other errors are real and are thrown.
   */
  read(path: string, maxBytes = 65_536): string | null {
    let fd: number;
    try {
      fd = openSync(path, constants.O_RDONLY); // a number: Node parses 'r' on every call
    } catch (err) {
      if (isGone(err)) return null;
      throw err;
    }
    try {
      return this.readOpen(fd, maxBytes);
    } finally {
      closeSync(fd);
    }
  }

  /**
   * The whole of an open /proc file from offset 0, as `read` does; a file kept open is read
   * afresh this way (seq_file builds the text again for a read from 0). Null when its process
   * has gone (ESRCH), even if a new one has the pid since.
   */
  readOpen(fd: number, maxBytes = 65_536): string | null {
    try {
      return this.readAll(fd, maxBytes);
    } catch (err) {
      if (isGone(err)) return null;
      throw err;
    }
  }

  /** The owner (effective uid) of /proc/<pid>, as procps reads it; null when it has gone. */
  ownerUid(pid: number): number | null {
    try {
      return statSync(`/proc/${pid}`, { throwIfNoEntry: false })?.uid ?? null;
    } catch (err) {
      if (isGone(err)) return null;
      throw err;
    }
  }

  /**
   * A short read is taken as the end: /proc/<pid>/stat (single_open seq_file) and cmdline
   * return everything that fits in one read, and skipping the read that returns 0 saves a
   * system call per file. Reads are positional (pread), so a file kept open starts at 0 again.
   */
  private readAll(fd: number, maxBytes: number): string {
    let length = 0;
    for (;;) {
      const room = Math.min(this.buffer.length, maxBytes) - length;
      const n = readSync(fd, this.buffer, length, room, length);
      length += n;
      if (n < room) break;
      if (length >= maxBytes) return this.buffer.toString('utf8', 0, wholeCharacterPrefix(this.buffer, length));
      this.grow();
    }
    return this.buffer.toString('utf8', 0, length);
  }

  private grow(): void {
    const bigger = Buffer.allocUnsafe(this.buffer.length * 2);
    this.buffer.copy(bigger);
    this.buffer = bigger;
  }
}

/** A process that exits mid-scan, or one we may not see, shows up as one of these: skipped, not an error. */
export function isGone(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  return code === 'ENOENT' || code === 'ESRCH' || code === 'EACCES' || code === 'EPERM';
}
