/** The `mosps` view: ps columns plus MOSIX's own. */

/** FRZ: A auto-frozen, E expelled, M manually frozen, - not frozen, N/A cannot be frozen (by this agent). */
export type FrzCode = 'A' | 'E' | 'M' | '-' | 'N/A';

/** CLASS: `local` for class 0, a number for -G classes, `batch`, or `native` for plain processes. */
export type ProcClass = 'native' | 'local' | 'batch' | number;

/** Who froze a process, and how, as the agent recorded it. */
export interface FreezeInfo {
  code: Exclude<FrzCode, '-' | 'N/A'>;
  /** The user the agent ran as when it froze the process. */
  by: string;
  method: 'cgroup' | 'sigstop';
  at: number;
}

export interface ProcRow {
  pid: number;
  ppid: number;
  user: string;
  uid: number;
  /** The kernel's one-letter state: R, S, D, T, t, Z, I, ... */
  state: string;
  /** Share of one CPU since the previous scan, or over the process's life on first sight (as `ps`). */
  cpuPercent: number;
  /** CPU time used so far, user + system (ps's TIME), in ms. */
  cpuTimeMs: number;
  rssBytes: number;
  /** "pts/3", "tty1", or null for no terminal (ps prints "?"). */
  tty: string | null;
  startedAt: number;
  /** The command line; a kernel thread or a zombie with no command line shows "[comm]". */
  command: string;
  /** "here" for every process of a linux node: nothing migrates. */
  where: string;
  /** The home node: "here" unless the process is a guest. */
  from: string;
  class: ProcClass;
  frz: FrzCode;
  /** Who froze it, when frz is A, E or M. */
  freeze: FreezeInfo | null;
  /** Expected completion time (mosrun -D), ms since the epoch. */
  dueAt: number | null;
  /** Migrations so far; null for processes MOSIX does not manage. */
  nmigs: number | null;
  /** PID on the home node; null for processes MOSIX does not manage. */
  origPid: number | null;
  /** Job ID (mosrun -J), null for native processes. */
  jobId: number | null;
  /** The agent's record of the run this process belongs to, when it started it. */
  runId: string | null;
}

/**
 * mosps filters. `local` (-L): processes whose home is here; `away` (-O): local ones running
 * elsewhere; `guests` (-V): processes from other nodes; `jobs`: only processes of jobs the agent started.
 */
export type ProcScope = 'all' | 'local' | 'away' | 'guests' | 'jobs';

export interface ProcList {
  at: number;
  rows: ProcRow[];
  /** True when more rows matched than `limit`. */
  truncated: boolean;
}

/** A process-table change since the previous notification of the same stream. */
export interface ProcChanges {
  at: number;
  /** True on a stream's first notification: `upserted` is then the whole table. */
  full: boolean;
  upserted: ProcRow[];
  removed: number[];
  /**
   * Sent early, right after an action of this agent (freeze, continue, a signal) changed the
   * table: the hub passes it on at once rather than at its next tick, so the admin sees it.
   */
  prompt?: boolean;
}
