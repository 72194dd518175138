import { excerpt, ParseError } from './parseError';

/** The fields of /proc/<pid>/stat the process view uses (proc(5) numbers them from 1). */
export interface PidStat {
  pid: number;
  /** The executable's name, at most 15 bytes (64 for kernel threads on newer kernels). */
  comm: string;
  /** One letter: R, S, D, T, t, Z, X, I, ... */
  state: string;
  ppid: number;
  /** Session id (field 6): the processes of one job share it. */
  sid: number;
  /** Controlling terminal as the kernel encodes it (field 7); 0 for none. */
  ttyNr: number;
  /** The kernel's PF_* flags (field 9). */
  flags: number;
  /** utime + stime (fields 14 and 15), in clock ticks. */
  cpuTicks: number;
  /** Start time after boot (field 22), in clock ticks: with the pid, it names one process. */
  startTicks: number;
  /** Resident set size (field 24), in pages. */
  rssPages: number;
  /**
   * Where the arguments are in the process's memory (fields 48 and 49, Linux 3.5 on): an exec
   * moves them, a program rewriting its title does not. 0 where the kernel shows none (kernel
   * threads, zombies, processes we may not trace) or has no such fields.
   */
  argStart: number;
  argEnd: number;
}

/** PF_KTHREAD in `flags`: the process is a kernel thread. */
export const PF_KTHREAD = 0x00200000;

/**
 * Field N (1-based, as proc(5) counts) of the numbers after the comm; the state is field 3.
 * NaN for a missing or non-numeric field ("" would otherwise read as 0).
 */
function field(fields: string[], n: number): number {
  const text = fields[n - 3];
  return text ? Number(text) : NaN;
}

/** Field N where only newer kernels have it: 0 when absent. */
function laterField(fields: string[], n: number): number {
  const text = fields[n - 3];
  return text ? Number(text) : 0;
}

function fail(text: string, why: string): never {
  throw new ParseError('/proc/<pid>/stat', `${why} in ${excerpt(text)}`);
}

/**
 * Parses one /proc/<pid>/stat line. The comm may hold spaces and ')' (a program is free to
 * name itself "a) b"), so it runs from the first '(' to the LAST ')'; everything after that is
 * space-separated numbers. Linux 2.6.32 has 44 fields; we need 24.
 */
export function parsePidStat(text: string): PidStat {
  const open = text.indexOf(' (');
  const close = text.lastIndexOf(')');
  if (open <= 0 || close < open) fail(text, 'no "pid (comm)"');
  // Written for speed at 2,000 lines a scan: no regular expression, no loop over keys (both
  // were several times slower before the JIT warmed up). Number() ignores the final newline.
  const fields = text.slice(close + 2).split(' ');
  const stat: PidStat = {
    pid: Number(text.slice(0, open)),
    comm: text.slice(open + 2, close),
    state: fields[0] as string,
    ppid: field(fields, 4),
    sid: field(fields, 6),
    ttyNr: field(fields, 7),
    flags: field(fields, 9),
    cpuTicks: field(fields, 14) + field(fields, 15),
    startTicks: field(fields, 22),
    rssPages: field(fields, 24),
    argStart: laterField(fields, 48),
    argEnd: laterField(fields, 49),
  };
  if (stat.state.length !== 1) fail(text, 'no one-letter state after the comm');
  const { pid, ppid, sid, ttyNr, flags, cpuTicks, startTicks, rssPages } = stat;
  const sum = pid + ppid + sid + ttyNr + flags + cpuTicks + startTicks + rssPages;
  // One check for all: a missing or non-numeric field is NaN, and NaN makes the sum NaN.
  if (!Number.isSafeInteger(sum)) fail(text, 'a field is missing or not a whole number');
  return stat;
}
