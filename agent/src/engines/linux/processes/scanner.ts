import { parseBootTime } from '../../../parsers/bootTime';
import { parseCmdline } from '../../../parsers/cmdline';
import { PF_KTHREAD, type PidStat, parsePidStat } from '../../../parsers/procPidStat';
import { type KernelUnits, kernelUnits } from './kernelUnits';
import { ProcFiles } from './procFiles';
import type { ProcSample } from './sample';
import { UserNames } from './userNames';

/** What a scanner remembers of a process between scans. */
interface Known {
  startTicks: number;
  cpuTicks: number;
  command: string;
}

/** Longer command lines are cut here: a row is for reading, and 2 MB of arguments is not. */
export const MAX_CMDLINE_BYTES = 65_536;

export interface ScannerLog {
  error(message: string, err?: unknown): void;
}

/** What a scanner reads from; tests give it a made-up /proc and clock. */
export interface ScannerSources {
  files: Pick<ProcFiles, 'pids' | 'read' | 'ownerUid'>;
  users: Pick<UserNames, 'beginScan' | 'name'>;
  units: KernelUnits;
  /** Wall-clock ms (Date.now) and monotonic ms (performance.now). */
  clock: () => { now: number; mono: number };
}

/**
 * Reads the process table when asked, never in the background. Each consumer (a session's
 * procs.list, each procs stream) has its own scanner, because CPU% is the CPU time used since
 * that consumer's previous scan.
 *
 * Per process and scan: /proc/<pid>/stat, a stat() of /proc/<pid> for the owner and the command
 * line. The command line is read every time, as ps does: a program that sets its title by
 * writing over its arguments (sshd, postgres, nginx) changes nothing else the kernel shows.
 * Except in state D: reading it takes the process's memory lock, which a process stuck on a
 * hung NFS or FUSE mount may hold, and the read would stall the whole agent.
 */
export class ProcessScanner {
  private known = new Map<number, Known>();
  /** performance.now() of the previous scan. */
  private lastScanAt: number | null = null;
  private readonly from: ScannerSources;
  private complainedOfParse = false;

  constructor(
    private readonly log: ScannerLog,
    sources: Partial<ScannerSources> = {},
  ) {
    this.from = {
      files: sources.files ?? new ProcFiles(),
      users: sources.users ?? new UserNames((err) => log.error('cannot read user names from /etc/passwd', err)),
      units:
        sources.units ??
        kernelUnits((err) => log.error('cannot read /proc/self/auxv; assuming CLK_TCK 100, 4 KiB pages', err)),
      clock: sources.clock ?? (() => ({ now: Date.now(), mono: performance.now() })),
    };
  }

  /** Every process now, in /proc order (ascending pid). Processes that exit meanwhile are left out. */
  scan(): ProcSample[] {
    const { now, mono } = this.from.clock();
    const clock: ScanClock = {
      nowSec: now / 1000,
      // Read each scan, as ps does: setting the clock moves the boot time as /proc/stat reports it.
      bootSec: parseBootTime(this.from.files.read('/proc/stat', 1 << 20) ?? ''),
      elapsedSec: this.lastScanAt === null ? 0 : (mono - this.lastScanAt) / 1000,
    };
    this.from.users.beginScan();
    const next = new Map<number, Known>();
    const samples: ProcSample[] = [];
    for (const pid of this.from.files.pids()) {
      const sample = this.sample(pid, clock, next);
      if (sample) samples.push(sample);
    }
    this.known = next;
    this.lastScanAt = mono;
    return samples;
  }

  private sample(pid: number, clock: ScanClock, next: Map<number, Known>): ProcSample | null {
    const stat = this.readStat(pid);
    const uid = stat && this.from.files.ownerUid(pid);
    if (!stat || uid === null) return null;
    const before = this.known.get(pid);
    const firstSight = before?.startTicks !== stat.startTicks;
    const command = stat.state === 'D' && !firstSight && before ? before.command : this.command(stat);
    if (command === null) return null;
    next.set(pid, { startTicks: stat.startTicks, cpuTicks: stat.cpuTicks, command });
    const { clockTicks, pageSize } = this.from.units;
    const startedSec = clock.bootSec + stat.startTicks / clockTicks;
    // First sight: the average over the process's life, as ps shows. Later: the share of one CPU
    // since this scanner's last scan (above 100 for a busy multi-threaded process). Ticks are
    // 10 ms, so scans a few ms apart give coarse figures.
    const cpuSec = firstSight ? stat.cpuTicks / clockTicks : (stat.cpuTicks - (before?.cpuTicks ?? 0)) / clockTicks;
    const overSec = firstSight ? clock.nowSec - startedSec : clock.elapsedSec;
    return {
      pid,
      ppid: stat.ppid,
      sid: stat.sid,
      comm: stat.comm,
      state: stat.state,
      flags: stat.flags,
      uid,
      user: this.from.users.name(uid),
      cpuPercent: overSec > 0 ? Math.round((cpuSec / overSec) * 1000) / 10 : 0,
      cpuTimeMs: Math.round((stat.cpuTicks / clockTicks) * 1000),
      rssBytes: stat.rssPages * pageSize,
      ttyNr: stat.ttyNr,
      startedAt: Math.round(startedSec * 1000),
      startTicks: stat.startTicks,
      command,
    };
  }

  private readStat(pid: number): PidStat | null {
    const text = this.from.files.read(`/proc/${pid}/stat`);
    if (text === null) return null;
    try {
      return parsePidStat(text);
    } catch (err) {
      // One odd process must not hide the others; say so once per scanner, not once a second.
      if (!this.complainedOfParse) this.log.error(`skipping process ${pid}`, err);
      this.complainedOfParse = true;
      return null;
    }
  }

  /** The command line; null when the process has gone. */
  private command(stat: PidStat): string | null {
    // Zombies and kernel threads have no command line; reading it would cost a system call.
    if (stat.state === 'Z' || stat.state === 'X' || (stat.flags & PF_KTHREAD) !== 0) return `[${stat.comm}]`;
    const raw = this.from.files.read(`/proc/${stat.pid}/cmdline`, MAX_CMDLINE_BYTES);
    return raw === null ? null : parseCmdline(raw, stat.comm);
  }
}

interface ScanClock {
  nowSec: number;
  bootSec: number;
  /** Seconds since the previous scan (0 on the first). */
  elapsedSec: number;
}
