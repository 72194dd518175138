import { readFileSync, statSync } from 'node:fs';

/** The few facts job control needs about one live process. */
export interface ProcIdentity {
  pid: number;
  uid: number;
  state: string;
  ppid: number;
  sid: number;
  /** Field 22 of /proc/<pid>/stat: with the pid, it names one process for the life of the boot. */
  startTicks: number;
  /** PF_KTHREAD: kernel threads cannot be frozen or signalled usefully. */
  kernelThread: boolean;
}

const PF_KTHREAD = 0x00200000;

/** Parses the fields after "pid (comm)"; comm may hold spaces and parentheses, so split at the last ")". */
export function parseStatIdentity(pid: number, stat: string, uid: number): ProcIdentity | null {
  const close = stat.lastIndexOf(')');
  if (close < 0) return null;
  const f = stat.slice(close + 2).split(' ');
  // f[0] is field 3 (state); field N is f[N - 3].
  const num = (field: number): number => Number(f[field - 3]);
  const startTicks = num(22);
  if (!f[0] || !Number.isFinite(startTicks)) return null;
  return {
    pid,
    uid,
    state: f[0],
    ppid: num(4),
    sid: num(6),
    startTicks,
    kernelThread: (num(9) & PF_KTHREAD) !== 0,
  };
}

/** Reads a process's identity now; null when there is no such process (or it just ended). */
export function readProcIdentity(pid: number): ProcIdentity | null {
  try {
    const uid = statSync(`/proc/${pid}`).uid;
    return parseStatIdentity(pid, readFileSync(`/proc/${pid}/stat`, 'utf8'), uid);
  } catch {
    return null;
  }
}

/** True when `pid` is still the process that had `startTicks` (not a recycled pid). */
export function isSameProcess(pid: number, startTicks: number): boolean {
  return readProcIdentity(pid)?.startTicks === startTicks;
}
