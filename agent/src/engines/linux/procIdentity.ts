import { readFileSync, statSync } from 'node:fs';
import { parsePidStat, PF_KTHREAD } from '../../parsers/procPidStat';

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

/** The identity fields of a /proc/<pid>/stat line; null when it is not one. */
export function parseStatIdentity(pid: number, stat: string, uid: number): ProcIdentity | null {
  try {
    const s = parsePidStat(stat);
    const { state, ppid, sid, startTicks } = s;
    return { pid, uid, state, ppid, sid, startTicks, kernelThread: (s.flags & PF_KTHREAD) !== 0 };
  } catch {
    return null;
  }
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
