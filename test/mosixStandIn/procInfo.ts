/** What /proc and /etc/passwd say of a local process; the text readers are pure and exported for tests. */
import { readFileSync } from 'node:fs';
import type { LocalProc } from './mospsText';

export interface ProcStat {
  state: string;
  ppid: number;
  ttyNr: number;
  /** utime + stime, clock ticks. */
  cpuTicks: number;
  /** Start time after boot, clock ticks: with the PID, names one process for good. */
  start: number;
}

/** /proc/<pid>/stat: the command (field 2) may hold spaces and parentheses, so fields count from its last ')'. */
export function parseProcStat(text: string): ProcStat | undefined {
  const close = text.lastIndexOf(')');
  if (close < 0) return undefined;
  const f = text
    .slice(close + 2)
    .trim()
    .split(' ');
  // f[0] is field 3 (state): field n is f[n - 3].
  const at = (n: number) => Number(f[n - 3]);
  if (f.length < 20 || !Number.isFinite(at(22))) return undefined;
  return { state: f[0] as string, ppid: at(4), ttyNr: at(7), cpuTicks: at(14) + at(15), start: at(22) };
}

/** A tty number as ps names it: pts/N, ttyN, or ? for none. */
export function ttyName(ttyNr: number): string {
  const major = (ttyNr >> 8) & 0xfff;
  const minor = (ttyNr & 0xff) | ((ttyNr >> 12) & 0xfff00);
  if (ttyNr === 0) return '?';
  if (major >= 136 && major <= 143) return `pts/${(major - 136) * 256 + minor}`;
  return major === 4 && minor < 64 ? `tty${minor}` : '?';
}

/** The real uid from /proc/<pid>/status. */
export function uidOf(status: string): number | undefined {
  const m = /^Uid:\s+(\d+)/m.exec(status);
  return m ? Number(m[1]) : undefined;
}

/** The user name of a uid in /etc/passwd text, or the uid itself. */
export function userName(passwd: string, uid: number): string {
  const line = passwd.split('\n').find((l) => l.split(':')[2] === String(uid));
  return line?.split(':')[0] || String(uid);
}

/** Clock ticks a second (USER_HZ): 100 on every Linux the stand-in runs on. */
export const TICKS = 100;

function read(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

export function procStat(pid: number): ProcStat | undefined {
  const text = read(`/proc/${pid}/stat`);
  return text === undefined ? undefined : parseProcStat(text);
}

/** Whether that process (PID and start time) still runs here. */
export function isAlive(pid: number, start: number | null): boolean {
  const s = procStat(pid);
  return s !== undefined && s.start === start && s.state !== 'Z';
}

export function localProc(pid: number): LocalProc | undefined {
  const s = procStat(pid);
  const uid = uidOf(read(`/proc/${pid}/status`) ?? '');
  if (!s || uid === undefined || s.state === 'Z') return undefined;
  const user = userName(read('/etc/passwd') ?? '', uid);
  return { start: s.start, uid, user, stat: s.state, tty: ttyName(s.ttyNr), timeMs: (s.cpuTicks * 1000) / TICKS };
}
