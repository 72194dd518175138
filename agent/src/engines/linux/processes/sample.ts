/** One process as a scan saw it: /proc facts already decoded, before the agent's own records. */
export interface ProcSample {
  pid: number;
  ppid: number;
  /** Session id: the key (with pid and startTicks) for the agent's job records. */
  sid: number;
  comm: string;
  state: string;
  /** PF_* flags from /proc/<pid>/stat. */
  flags: number;
  /** Effective uid (the owner of /proc/<pid>). */
  uid: number;
  user: string;
  cpuPercent: number;
  /** utime + stime so far, in ms. */
  cpuTimeMs: number;
  /**
   * rss pages of /proc/<pid>/stat × page size. Since Linux 6.2 that is a per-CPU counter read
   * without summing, so it may trail VmRSS (which ps shows) by up to ~100 pages per CPU: noise
   * for a big process, ~10% for a tiny one. Reading statm too would be exact, at +45% I/O a scan.
   */
  rssBytes: number;
  /** tty_nr as the kernel encodes it; 0 for none. */
  ttyNr: number;
  /** ms since the epoch. */
  startedAt: number;
  /** Start time in clock ticks after boot, as /proc/<pid>/stat gives it. */
  startTicks: number;
  command: string;
}
