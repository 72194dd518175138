import { closeSync, constants, openSync, readFileSync } from 'node:fs';
import { parseOpenFilesLimit } from '../../../parsers/procLimits';
import { isGone, type ProcFiles } from './procFiles';

/** How a scanner reads /proc/<pid>/stat: one open per read, or files kept open between scans. */
export interface StatFiles {
  beginScan(): void;
  /** The stat line; null when the process has gone or is hidden from us. */
  read(pid: number): string | null;
  /** Lets go of what the processes not read since beginScan held. */
  endScan(): void;
  /** Lets go of everything (the consumer has stopped). */
  close(): void;
}

/** Opens each file again on every read: for one-shot lists, which would hold files for nothing. */
export function openEachTime(files: Pick<ProcFiles, 'read'>): StatFiles {
  return {
    beginScan: () => undefined,
    read: (pid) => files.read(`/proc/${pid}/stat`),
    endScan: () => undefined,
    close: () => undefined,
  };
}

/**
 * At most this many stat files are kept open by the whole agent, and at most a quarter of its
 * open-files limit. Each costs the kernel ~5 KB (measured: 10 MB for 2,000, a seq_file buffer
 * each), held only while a stream runs; past the cap, stat files are opened per read.
 */
const MAX_KEPT = 4096;

/** Open files left to keep, shared by every stream's scanner; read once per agent. */
let budget: number | undefined;

function take(): boolean {
  budget ??= keptLimit();
  if (budget <= 0) return false;
  budget--;
  return true;
}

function giveBack(): void {
  budget = (budget ?? 0) + 1;
}

function keptLimit(): number {
  try {
    return Math.min(MAX_KEPT, Math.floor(parseOpenFilesLimit(readFileSync('/proc/self/limits', 'utf8')) / 4));
  } catch {
    return 0; // no limit to go by: open each time, as before
  }
}

/**
 * Keeps /proc/<pid>/stat open between a stream's scans and reads it again from offset 0. Open
 * and close were half a stat read's system-call time (2,000 processes on Linux 6.18: 31-35 ms a
 * scan opening each time, 15 ms kept open). A kept file stays bound to its process: once that
 * has gone, reading it fails with ESRCH even if a new process has its pid, so a recycled pid
 * cannot show the old process's line; the new one is opened afresh.
 */
export class KeptStatFiles implements StatFiles {
  /** Files of the previous scan not read yet in this one. */
  private previous = new Map<number, number>();
  /** Files read in this scan. */
  private current = new Map<number, number>();

  constructor(private readonly files: Pick<ProcFiles, 'read' | 'readOpen'>) {}

  beginScan(): void {
    // Only after a scan that failed half-way: what it read is still to keep.
    for (const [pid, fd] of this.current) this.previous.set(pid, fd);
    this.current.clear();
  }

  read(pid: number): string | null {
    const kept = this.previous.get(pid);
    if (kept !== undefined) {
      this.previous.delete(pid);
      const text = this.readKept(pid, kept);
      if (text !== null) return text;
      // Gone: its pid may be a new process's now.
    }
    if (!take()) return this.files.read(`/proc/${pid}/stat`);
    let fd: number;
    try {
      fd = openSync(`/proc/${pid}/stat`, constants.O_RDONLY);
    } catch (err) {
      giveBack();
      if (isGone(err)) return null;
      throw err;
    }
    return this.readKept(pid, fd);
  }

  endScan(): void {
    this.release(this.previous);
    [this.previous, this.current] = [this.current, this.previous];
  }

  close(): void {
    this.release(this.previous);
    this.release(this.current);
  }

  /** Reads `fd` and keeps it, or closes it when its process has gone (or on any error). */
  private readKept(pid: number, fd: number): string | null {
    let text: string | null = null;
    try {
      text = this.files.readOpen(fd);
    } finally {
      if (text === null) {
        closeSync(fd);
        giveBack();
      } else {
        this.current.set(pid, fd);
      }
    }
    return text;
  }

  private release(files: Map<number, number>): void {
    for (const fd of files.values()) {
      closeSync(fd);
      giveBack();
    }
    files.clear();
  }
}
