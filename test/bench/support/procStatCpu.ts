/**
 * CPU time and memory of a process, read from /proc the way `ps`/`top` do, so both sides of a
 * bench are measured by the same ruler (not by their own reports).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** Clock ticks per second for /proc/<pid>/stat times; 100 on every Linux we meet. */
export const CLK_TCK = ((): number => {
  try {
    const n = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }));
    return Number.isInteger(n) && n > 0 ? n : 100;
  } catch {
    return 100;
  }
})();

/**
 * utime + stime (fields 14 and 15) from /proc/<pid>/stat text, in ticks. The command name
 * (field 2) may hold spaces and parentheses, so fields are counted from the last ")".
 */
export function parseStatTicks(stat: string): number {
  const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // rest[0] is field 3 (state), so field N is rest[N - 3].
  const utime = Number(rest[11]);
  const stime = Number(rest[12]);
  if (!Number.isFinite(utime) || !Number.isFinite(stime)) throw new Error(`not a /proc/<pid>/stat line: ${stat}`);
  return utime + stime;
}

/** A "Name:   123 kB" field of /proc/<pid>/status, in kB. */
export function parseStatusKb(status: string, field: 'VmHWM' | 'VmRSS' | 'RssAnon' | 'RssFile'): number {
  const m = new RegExp(`^${field}:\\s+(\\d+) kB$`, 'm').exec(status);
  if (!m) throw new Error(`no ${field} in /proc/<pid>/status`);
  return Number(m[1]);
}

/** CPU seconds the process has used so far (user + system). */
export function cpuSeconds(pid: number): number {
  return parseStatTicks(readFileSync(`/proc/${pid}/stat`, 'utf8')) / CLK_TCK;
}

export interface Memory {
  /** Peak resident set size (VmHWM), bytes. */
  peakBytes: number;
  /** Resident set size now (VmRSS), bytes. */
  rssBytes: number;
  /**
   * Of that, private memory (RssAnon): heap, stacks, buffers. The rest (RssFile) is mostly the
   * program's own binary mapped from disk, shared with every process running it.
   */
  anonBytes: number;
}

export function memoryOf(pid: number): Memory {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return {
    peakBytes: parseStatusKb(status, 'VmHWM') * 1024,
    rssBytes: parseStatusKb(status, 'VmRSS') * 1024,
    anonBytes: parseStatusKb(status, 'RssAnon') * 1024,
  };
}
