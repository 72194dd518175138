import { parseBootTime } from '../../../parsers/bootTime';
import { parseCmdline } from '../../../parsers/cmdline';
import { PF_KTHREAD, type PidStat, parsePidStat } from '../../../parsers/procPidStat';
import { type KernelUnits, kernelUnits } from './kernelUnits';
import { ProcFiles } from './procFiles';
import type { ProcSample } from './sample';
import { KeptStatFiles, openEachTime, type StatFiles } from './statFiles';
import { UserNames } from './userNames';

/** What a scanner remembers of a process between scans. */
interface Known {
  /** The raw stat line: when it has not changed, neither has anything parsed from it. */
  statText: string;
  stat: PidStat;
  sample: ProcSample;
}

/** How often a scanner reads what rarely changes. */
export interface ScanPolicy {
  /**
   * Check a process seen before on every Nth scan only (staggered by pid): its command line
   * (read at once too after an exec: see `execed`) and its owner (checked at once too when
   * its stat line changes). 1, as ps does, for one-shot lists; a stream at 1 Hz takes up to N
   * seconds to show a new title, or the owner of an idle process that changed uid, and saves
   * most of those reads.
   */
  recheckEvery: number;
  /** Keep /proc/<pid>/stat open between scans (a stream), rather than open it for each read. */
  keepStatFiles: boolean;
}

export const EVERY_SCAN: ScanPolicy = { recheckEvery: 1, keepStatFiles: false };

/** Longer command lines are cut here: a row is for reading, and 2 MB of arguments is not. */
export const MAX_CMDLINE_BYTES = 65_536;

export interface ScannerLog {
  error(message: string, err?: unknown): void;
}

/** What a scanner reads from; tests give it a made-up /proc and clock. */
export interface ScannerSources {
  files: Pick<ProcFiles, 'pids' | 'read' | 'ownerUid'>;
  stats: StatFiles;
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
 * Per process and scan: /proc/<pid>/stat, a stat() of /proc/<pid> for the owner and, as the
 * policy says, the command line: a program that sets its title by writing over its arguments
 * (sshd, postgres, nginx) changes nothing else the kernel shows, so only reading it again tells.
 * Never in state D: reading it takes the process's memory lock, which a process stuck on a hung
 * NFS or FUSE mount may hold, and the read would stall the whole agent.
 */
export class ProcessScanner {
  private known = new Map<number, Known>();
  /** performance.now() and boot time of the previous scan. */
  private lastScanAt: number | null = null;
  private lastBootSec = Number.NaN;
  private scans = 0;
  private readonly from: ScannerSources;
  private complainedOfParse = false;

  constructor(
    private readonly log: ScannerLog,
    sources: Partial<ScannerSources> = {},
    private readonly policy: ScanPolicy = EVERY_SCAN,
  ) {
    const files = sources.files ?? new ProcFiles();
    this.from = {
      files,
      stats: sources.stats ?? (policy.keepStatFiles ? new KeptStatFiles(new ProcFiles()) : openEachTime(files)),
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
    this.from.stats.beginScan();
    const next = new Map<number, Known>();
    const samples: ProcSample[] = [];
    for (const pid of this.from.files.pids()) {
      const sample = this.sample(pid, clock, next);
      if (sample) samples.push(sample);
    }
    this.from.stats.endScan();
    this.known = next;
    this.lastScanAt = mono;
    this.lastBootSec = clock.bootSec;
    this.scans++;
    return samples;
  }

  /** Lets go of files kept open; call when the consumer stops. */
  close(): void {
    this.from.stats.close();
  }

  private sample(pid: number, clock: ScanClock, next: Map<number, Known>): ProcSample | null {
    const statText = this.from.stats.read(pid);
    if (statText === null) return null;
    const before = this.known.get(pid);
    const stat = before?.statText === statText ? before.stat : this.parseStat(pid, statText);
    if (!stat) return null;
    const seen = before?.stat.startTicks === stat.startTicks ? before : undefined;
    const recheck = (pid + this.scans) % this.policy.recheckEvery === 0;
    const uid = this.owner(stat, seen, recheck);
    if (uid === null) return null;
    const command = this.command(stat, seen, recheck);
    if (command === null) return null;
    const user = this.from.users.name(uid);
    const sample =
      seen && seen.stat === stat && unchanged(seen.sample, uid, user, command) && clock.bootSec === this.lastBootSec
        ? idle(seen.sample)
        : this.build(stat, { uid, user, command }, clock, seen);
    next.set(pid, { statText, stat, sample });
    return sample;
  }

  /** The owner's uid: the one seen last while the stat line stays the same, off turn; null when gone. */
  private owner(stat: PidStat, seen: Known | undefined, recheck: boolean): number | null {
    return seen && !recheck && seen.stat === stat ? seen.sample.uid : this.from.files.ownerUid(stat.pid);
  }

  private build(stat: PidStat, owner: Owner, clock: ScanClock, seen: Known | undefined): ProcSample {
    const { clockTicks, pageSize } = this.from.units;
    const startedSec = clock.bootSec + stat.startTicks / clockTicks;
    // First sight: the average over the process's life, as ps shows. Later: the share of one CPU
    // since this scanner's last scan (above 100 for a busy multi-threaded process). Ticks are
    // 10 ms, so scans a few ms apart give coarse figures.
    const cpuSec = (seen ? stat.cpuTicks - seen.stat.cpuTicks : stat.cpuTicks) / clockTicks;
    const overSec = seen ? clock.elapsedSec : clock.nowSec - startedSec;
    return {
      pid: stat.pid,
      ppid: stat.ppid,
      sid: stat.sid,
      comm: stat.comm,
      state: stat.state,
      flags: stat.flags,
      ...owner,
      cpuPercent: overSec > 0 ? Math.round((cpuSec / overSec) * 1000) / 10 : 0,
      cpuTimeMs: Math.round((stat.cpuTicks / clockTicks) * 1000),
      rssBytes: stat.rssPages * pageSize,
      ttyNr: stat.ttyNr,
      startedAt: Math.round(startedSec * 1000),
      startTicks: stat.startTicks,
    };
  }

  private parseStat(pid: number, text: string): PidStat | null {
    try {
      return parsePidStat(text);
    } catch (err) {
      // One odd process must not hide the others; say so once per scanner, not once a second.
      if (!this.complainedOfParse) this.log.error(`skipping process ${pid}`, err);
      this.complainedOfParse = true;
      return null;
    }
  }

  /** The command line (`seen`: the same process at the previous scan); null when it has gone. */
  private command(stat: PidStat, seen: Known | undefined, recheck: boolean): string | null {
    // Zombies and kernel threads have no command line; reading it would cost a system call.
    if (stat.state === 'Z' || stat.state === 'X' || (stat.flags & PF_KTHREAD) !== 0) return `[${stat.comm}]`;
    if (seen && (stat.state === 'D' || (!recheck && !execed(seen.stat, stat)))) {
      return seen.sample.command;
    }
    const raw = this.from.files.read(`/proc/${stat.pid}/cmdline`, MAX_CMDLINE_BYTES);
    return raw === null ? null : parseCmdline(raw, stat.comm);
  }
}

type Owner = Pick<ProcSample, 'uid' | 'user' | 'command'>;

/** Signs of an exec since `before`: a new comm, or the arguments moved (a new address space). */
function execed(before: PidStat, now: PidStat): boolean {
  return before.comm !== now.comm || before.argStart !== now.argStart || before.argEnd !== now.argEnd;
}

function unchanged(s: ProcSample, uid: number, user: string, command: string): boolean {
  return s.uid === uid && s.user === user && s.command === command;
}

/** A process whose stat line has not changed used no CPU since: the sample as it was, at 0 %. */
function idle(s: ProcSample): ProcSample {
  return s.cpuPercent === 0 ? s : { ...s, cpuPercent: 0 };
}

interface ScanClock {
  nowSec: number;
  bootSec: number;
  /** Seconds since the previous scan (0 on the first). */
  elapsedSec: number;
}
