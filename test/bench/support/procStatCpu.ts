/**
 * CPU time and memory of a process, read from /proc the way `ps`/`top` do, so both sides of a
 * bench are measured by the same ruler (not by their own reports).
 */
import { execFileSync } from 'node:child_process';
import { readProcStat, statusKb } from '../../support/procState';

/** Clock ticks per second for /proc/<pid>/stat times; 100 on every Linux we meet. */
export const CLK_TCK = ((): number => {
  try {
    const n = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }));
    return Number.isInteger(n) && n > 0 ? n : 100;
  } catch {
    return 100;
  }
})();

/** CPU seconds the process has used so far (user + system). */
export function cpuSeconds(pid: number): number {
  const stat = readProcStat(pid);
  if (!stat) throw new Error(`process ${pid} has gone`);
  return stat.cpuTicks / CLK_TCK;
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
  return {
    peakBytes: statusKb(pid, 'VmHWM') * 1024,
    rssBytes: statusKb(pid, 'VmRSS') * 1024,
    anonBytes: statusKb(pid, 'RssAnon') * 1024,
  };
}
