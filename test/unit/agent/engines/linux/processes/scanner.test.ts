import { describe, expect, it } from 'vitest';
import {
  ProcessScanner,
  type ScannerSources,
  type ScanPolicy,
} from '../../../../../../agent/src/engines/linux/processes/scanner';

/** A `sleep` line captured from /proc/<pid>/stat (Linux 6.18); `stat()` rewrites fields of it. */
const CAPTURED =
  '2537 (sleep) S 2532 2532 806 0 -1 4194304 130 0 0 0 0 0 0 0 20 0 1 0 230186 2990080 444 18446744073709551615 94449022738432 94449022756361 140734493825968 0 0 0 0 6 0 1 0 0 17 0 0 0 0 0 0 94449022770448 94449022771712 94449153110016 140734493833933 140734493833956 140734493833956 140734493835236 0\n';
const KWORKER =
  '4 (kworker/R-rcu_gp) I 2 0 0 0 -1 69238880 0 0 0 0 0 0 0 0 0 -20 1 0 22 0 0 18446744073709551615 0 0 0 0 0 0 0 2147483647 0 1 0 0 17 0 0 0 0 0 0 0 0 0 0 0 0 0 0\n';

interface Proc {
  comm?: string;
  state?: string;
  utime?: number;
  startTicks?: number;
  rssPages?: number;
  uid?: number;
  cmdline?: string;
}

/** The captured line with fields replaced (field N of proc(5) is index N - 3 after the comm). */
function stat(pid: number, p: Proc): string {
  const fields = CAPTURED.slice(CAPTURED.lastIndexOf(')') + 2).split(' ');
  const set = (n: number, v: number | string | undefined): void => {
    if (v !== undefined) fields[n - 3] = String(v);
  };
  set(3, p.state);
  set(14, p.utime);
  set(22, p.startTicks);
  set(24, p.rssPages);
  return `${pid} (${p.comm ?? 'sleep'}) ${fields.join(' ')}`;
}

/** A made-up /proc whose processes the test changes between scans, counting cmdline reads. */
function fakeProc(btime = 1_795_250_071, policy?: ScanPolicy) {
  const procs = new Map<number, Proc>();
  const cmdlineReads: number[] = [];
  const ownerReads: number[] = [];
  let now = (btime + 3000) * 1000;
  let mono = 0;
  const files: ScannerSources['files'] = {
    pids: () => [...procs.keys(), 4],
    read: (path: string) => {
      if (path === '/proc/stat') return `cpu  1 2 3 4\nbtime ${btime}\n`;
      const [, pidText, file] = /^\/proc\/(\d+)\/(\w+)$/.exec(path) ?? [];
      const pid = Number(pidText);
      if (pid === 4) return file === 'stat' ? KWORKER : '';
      const p = procs.get(pid);
      if (!p) return null;
      if (file === 'cmdline') {
        cmdlineReads.push(pid);
        return p.cmdline ?? 'sleep\x00600\x00';
      }
      return stat(pid, p);
    },
    ownerUid: (pid: number) => {
      ownerReads.push(pid);
      return pid === 4 ? 0 : (procs.get(pid)?.uid ?? null);
    },
  };
  const scanner = new ProcessScanner(
    { error: () => {} },
    {
      files,
      users: { beginScan: () => {}, name: (uid) => (uid === 0 ? 'root' : String(uid)) },
      units: { clockTicks: 100, pageSize: 4096 },
      clock: () => ({ now, mono }),
    },
    policy,
  );
  return {
    procs,
    cmdlineReads,
    ownerReads,
    scanner,
    /** Moves both clocks. */
    advance(ms: number) {
      now += ms;
      mono += ms;
    },
    row: (pid: number) => scanner.scan().find((s) => s.pid === pid),
  };
}

describe('ProcessScanner', () => {
  it('turns ticks and pages into times and bytes', () => {
    const proc = fakeProc();
    proc.procs.set(100, { uid: 1000, startTicks: 250_000, rssPages: 444 });
    expect(proc.row(100)).toMatchObject({
      pid: 100,
      ppid: 2532,
      sid: 806,
      uid: 1000,
      user: '1000',
      startedAt: (1_795_250_071 + 2500) * 1000,
      rssBytes: 444 * 4096,
      command: 'sleep 600',
    });
  });

  it('shows the lifetime average on first sight, then the share since the previous scan', () => {
    const proc = fakeProc();
    // Started 1000 s after boot (2000 s ago) with 500 s of CPU: 25 % over its life.
    proc.procs.set(100, { uid: 0, startTicks: 100_000, utime: 50_000 });
    expect(proc.row(100)?.cpuPercent).toBe(25);
    // TIME is the whole CPU time so far: 50,000 ticks at 100 Hz.
    expect(proc.row(100)?.cpuTimeMs).toBe(500_000);
    proc.advance(2000);
    proc.procs.set(100, { uid: 0, startTicks: 100_000, utime: 50_150 });
    expect(proc.row(100)?.cpuPercent).toBe(75);
    proc.advance(1000);
    expect(proc.row(100)?.cpuPercent).toBe(0);
  });

  it('shows a title the program wrote over its arguments, an exec and a recycled pid', () => {
    const proc = fakeProc();
    proc.procs.set(100, { uid: 0, startTicks: 100_000, cmdline: 'sshd-session\x00-D\x00-R\x00', comm: 'sshd-session' });
    expect(proc.row(100)?.command).toBe('sshd-session -D -R');
    // sshd sets its title over its arguments: comm, start time and argument address stay.
    proc.procs.set(100, {
      uid: 0,
      startTicks: 100_000,
      cmdline: 'sshd-session: root@notty\x00\x00\x00',
      comm: 'sshd-session',
    });
    expect(proc.row(100)?.command).toBe('sshd-session: root@notty');
    proc.procs.set(100, { uid: 0, startTicks: 100_000, cmdline: 'sleep\x00601\x00', comm: 'sleep' });
    expect(proc.row(100)?.command).toBe('sleep 601');
    proc.procs.set(100, { uid: 0, startTicks: 200_000, cmdline: 'sleep\x00602\x00', comm: 'sleep' });
    expect(proc.row(100)?.command).toBe('sleep 602');
    expect(proc.cmdlineReads).toEqual([100, 100, 100, 100]);
  });

  it('keeps the command line of a process in state D instead of reading it again', () => {
    const proc = fakeProc();
    proc.procs.set(100, { uid: 0, startTicks: 100_000, cmdline: 'cp\x00/nfs/a\x00' });
    expect(proc.row(100)?.command).toBe('cp /nfs/a');
    // Stuck on a hung mount: reading /proc/100/cmdline could block the agent.
    proc.procs.set(100, { uid: 0, startTicks: 100_000, cmdline: 'changed\x00', state: 'D' });
    expect(proc.row(100)?.command).toBe('cp /nfs/a');
    expect(proc.cmdlineReads).toEqual([100]);
    // A new process in D (first sight) has no other source: read it.
    proc.procs.set(100, { uid: 0, startTicks: 200_000, cmdline: 'dd\x00', state: 'D' });
    expect(proc.row(100)?.command).toBe('dd');
    expect(proc.cmdlineReads).toEqual([100, 100]);
  });

  it('does not read the command line of zombies and kernel threads', () => {
    const proc = fakeProc();
    proc.procs.set(100, { uid: 0, state: 'Z', comm: 'python3' });
    const rows = proc.scanner.scan();
    expect(rows.find((r) => r.pid === 100)?.command).toBe('[python3]');
    expect(rows.find((r) => r.pid === 4)?.command).toBe('[kworker/R-rcu_gp]');
    expect(proc.cmdlineReads).toEqual([]);
  });

  it('skips processes that end mid-scan and forgets them', () => {
    const proc = fakeProc();
    proc.procs.set(100, { uid: 0 });
    proc.procs.set(101, { uid: 0 });
    expect(proc.scanner.scan().map((r) => r.pid)).toEqual([100, 101, 4]);
    proc.procs.delete(101);
    expect(proc.scanner.scan().map((r) => r.pid)).toEqual([100, 4]);
    // Back with the same start time (cannot happen): first sight again, so the lifetime average
    // (0.5 s over ~700 s), not 0.5 s over the last second.
    proc.procs.set(101, { uid: 0, utime: 50 });
    proc.advance(1000);
    expect(proc.row(101)?.cpuPercent).toBeLessThan(1);
  });

  it('skips a process whose stat line it cannot parse, and keeps scanning', () => {
    const proc = fakeProc();
    proc.procs.set(100, { uid: 0, state: 'bad state' });
    proc.procs.set(101, { uid: 0 });
    expect(proc.scanner.scan().map((r) => r.pid)).toEqual([101, 4]);
  });

  it('with a stream policy, checks a known process every third scan, and at once after an exec', () => {
    const proc = fakeProc(undefined, { recheckEvery: 3, keepStatFiles: false });
    proc.procs.set(99, { uid: 0, startTicks: 100_000, cmdline: 'sshd-session\x00-D\x00', comm: 'sshd-session' });
    const reads = (): number => proc.cmdlineReads.length;
    const commands: string[] = [];
    for (let i = 0; i < 3; i++) commands.push(proc.row(99)?.command ?? '');
    // First sight, then nothing until its turn: (99 + scan) % 3 is 0 on the fourth scan.
    expect(reads()).toBe(1);
    proc.procs.set(99, { uid: 0, startTicks: 100_000, cmdline: 'sshd-session: root@notty\x00', comm: 'sshd-session' });
    commands.push(proc.row(99)?.command ?? '');
    expect(commands).toEqual(['sshd-session -D', 'sshd-session -D', 'sshd-session -D', 'sshd-session: root@notty']);
    // An exec (a new comm) is read at once, off turn.
    proc.procs.set(99, { uid: 0, startTicks: 100_000, cmdline: 'bash\x00', comm: 'bash' });
    expect(proc.row(99)?.command).toBe('bash');
    expect(reads()).toBe(3);
  });

  it('with a stream policy, checks the owner when the stat line changes or on its turn, and reuses an idle sample', () => {
    const proc = fakeProc(undefined, { recheckEvery: 3, keepStatFiles: false });
    proc.procs.set(99, { uid: 1000, startTicks: 100_000, utime: 50 });
    const first = proc.scanner.scan().find((s) => s.pid === 99);
    const second = proc.scanner.scan().find((s) => s.pid === 99);
    // The same line: the sample is the same but for CPU%, which is 0 since nothing was used.
    expect(second).toEqual({ ...first, cpuPercent: 0 });
    expect(proc.scanner.scan().find((s) => s.pid === 99)).toBe(second);
    expect(proc.ownerReads.filter((p) => p === 99)).toEqual([99]);
    proc.procs.set(99, { uid: 0, startTicks: 100_000, utime: 60 }); // a setuid while running
    expect(proc.row(99)?.uid).toBe(0);
    expect(proc.ownerReads.filter((p) => p === 99)).toEqual([99, 99]);
  });
});
