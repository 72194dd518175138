/**
 * Figures for synthetic nodes (benches, e2e screenshots): node `k` has its own size (CPUs,
 * memory, swap, disk, clock) and its own figures that drift over time, so 200 of them on screen
 * look like a real cluster and every chart and cell changes each second. Deterministic in
 * (k, t) within a run: the same node at the same second gives the same sample.
 */
import type { MetricsSample } from '../../electron/api';
import type { ProcChanges, ProcRow } from '../../agent/src/protocol/procTypes';
import type { NodeIdentity } from '../../agent/src/protocol/types';

const GIB = 2 ** 30;
const CPU_COUNTS = [2, 4, 8, 12, 16, 24, 32, 48, 64];
/** Memory per CPU, so a big node has big memory, as bought. */
const GIB_PER_CPU = [2, 4, 8];
const SWAP_GIB = [0, 2, 4, 8, 16];
const DISK_GIB = [240, 480, 960, 1920, 3840, 7680];
const CLOCK_MHZ = [2100, 2400, 2600, 2900, 3200, 3500];
/** Boot times count back from the start of this hour, so uptimes look like today's. */
const EPOCH_MS = Math.floor(Date.now() / 3_600_000) * 3_600_000;

/** A stable pseudo-random number in [0, 1) for (k, salt). */
function hash(k: number, salt: number): number {
  const x = Math.sin(k * 12.9898 + salt * 78.233) * 43758.5453;
  return x - Math.floor(x);
}

const pick = <T>(list: readonly T[], k: number, salt: number): T => list[Math.floor(hash(k, salt) * list.length)] as T;

/** A slow wave in [0, 1] with the node's own period (1 to 5 minutes) and phase. */
function wave(k: number, salt: number, t: number): number {
  const periodMs = 60_000 + hash(k, salt) * 240_000;
  return 0.5 + 0.5 * Math.sin((2 * Math.PI * t) / periodMs + hash(k, salt + 1) * 2 * Math.PI);
}

/** Per-second jitter in [0, 1). */
const jitter = (k: number, salt: number, t: number): number => hash(k * 7919 + Math.floor(t / 1000), salt);

/** What does not change while the node runs: its size and when it booted. */
export function nodeTraits(k: number) {
  const cpuCount = pick(CPU_COUNTS, k, 1);
  return {
    cpuCount,
    memoryBytes: cpuCount * pick(GIB_PER_CPU, k, 2) * GIB,
    swapBytes: pick(SWAP_GIB, k, 3) * GIB,
    diskBytes: pick(DISK_GIB, k, 4) * GIB,
    clockMhz: pick(CLOCK_MHZ, k, 5),
    /** How busy the node is on average, relative to its CPUs (0.1 to 1.3). */
    busy: 0.1 + hash(k, 6) * 1.2,
    /** Booted 1 hour to 90 days before the hour the run started in. */
    bootedAtMs: EPOCH_MS - (3600 + hash(k, 7) * 90 * 86_400) * 1000,
  };
}

/** The node's `hello` identity, sized like its samples. */
export function syntheticIdentity(k: number, hostname: string): NodeIdentity {
  const traits = nodeTraits(k);
  return {
    hostname,
    addresses: [`10.${20 + Math.floor(k / 65_536)}.${Math.floor(k / 256) % 256}.${k % 256}`],
    kernel: '6.1.0-synthetic',
    cpuModel: `Synthetic CPU @ ${(traits.clockMhz / 1000).toFixed(2)} GHz`,
    cpuCount: traits.cpuCount,
  };
}

/** A rate in bytes/s: a base of the node's own, a wave and bursts. */
function rate(k: number, salt: number, t: number, maxBytes: number): number {
  const burst = jitter(k, salt, t) > 0.9 ? 4 : 1;
  return Math.round(maxBytes * hash(k, salt) * wave(k, salt + 2, t) * burst * (0.8 + 0.4 * jitter(k, salt + 3, t)));
}

/** Node `k`'s sample at time `t` (ms since the epoch). */
export function syntheticSample(k: number, t: number, hostname = `node${k}`): MetricsSample {
  const n = nodeTraits(k);
  const one = n.cpuCount * n.busy * (0.3 + 0.7 * wave(k, 10, t)) * (0.9 + 0.2 * jitter(k, 11, t));
  const usedBytes = Math.round(n.memoryBytes * (0.15 + 0.75 * wave(k, 12, t)));
  const freeBytes = Math.round((n.memoryBytes - usedBytes) * 0.4);
  const swapUsed = Math.round(n.swapBytes * 0.3 * wave(k, 13, t));
  const diskUsed = Math.min(n.diskBytes, Math.round(n.diskBytes * (0.2 + 0.6 * hash(k, 14)) + (t % 86_400_000) * 10));
  const diskFree = Math.max(0, n.diskBytes - diskUsed);
  return {
    at: t,
    hostname,
    kernel: '6.1.0-synthetic',
    agentVersion: '0.1.0',
    cpuCount: n.cpuCount,
    load: {
      one: Math.round(one * 100) / 100,
      five: Math.round(n.cpuCount * n.busy * (0.3 + 0.7 * wave(k, 10, t - 150_000)) * 100) / 100,
      fifteen: Math.round(n.cpuCount * n.busy * 0.65 * 100) / 100,
      running: Math.max(1, Math.round(one)),
      total: 300 + Math.round(n.cpuCount * 10 * wave(k, 15, t)),
    },
    loadPerCpu: one / n.cpuCount,
    memory: {
      totalBytes: n.memoryBytes,
      freeBytes,
      availableBytes: n.memoryBytes - usedBytes,
      usedBytes,
      swapTotalBytes: n.swapBytes,
      swapFreeBytes: n.swapBytes - swapUsed,
    },
    disks: [
      { mount: '/', totalBytes: n.diskBytes, freeBytes: diskFree, availableBytes: diskFree, usedBytes: diskUsed },
    ],
    speed: { perCpuMhz: n.clockMhz, totalMhz: n.clockMhz * n.cpuCount, source: 'cpufreq' },
    rates: {
      cpuUtilPercent: Math.min(100, Math.round((one / n.cpuCount) * 1000) / 10),
      readBytesPerSec: rate(k, 20, t, 200e6),
      writeBytesPerSec: rate(k, 24, t, 120e6),
      netInBytesPerSec: rate(k, 28, t, 110e6),
      netOutBytesPerSec: rate(k, 32, t, 90e6),
      nfsRpcPerSec: k % 4 === 0 ? Math.round(500 * wave(k, 36, t)) : null,
    },
    hasNfs: k % 4 === 0,
    processes: {
      total: 180 + Math.round(n.cpuCount * 4 * wave(k, 15, t)),
      frozen: k % 5 === 0 ? Math.round(4 * wave(k, 40, t)) : 0,
      mosixLocal: Math.round(n.cpuCount * n.busy * wave(k, 10, t)),
      guests: 0,
    },
    uptimeSec: Math.floor((t - n.bootedAtMs) / 1000),
  };
}

/** What a synthetic node runs: commands, and who runs them. */
const COMMANDS = [
  'sleep 600',
  'python3 train.py --epochs 40 --data /scratch/set-a',
  'bash',
  '/usr/sbin/sshd -D',
  'mosrun -J12 ./sim --steps 100000',
  'gzip -9 results.tar',
  '[kworker/3:1-events]',
  'make -j8',
  'java -Xmx4g -jar solver.jar input.dat',
  'R --no-save -f fit.R',
  '/usr/lib/systemd/systemd-journald',
  './a.out 42',
];
const USERS: [string, number][] = [
  ['root', 0],
  ['alice', 1001],
  ['bob', 1002],
  ['carol', 1003],
  ['mosdesk', 1000],
];
/** States a process is seen in, most of them asleep. */
const STATES = ['S', 'S', 'S', 'S', 'R', 'R', 'D', 'I'];
const MIB = 2 ** 20;

/**
 * The process table of synthetic node `k`: `count` processes, then each tick (`next`) about a
 * tenth of them change (%CPU, state, RSS, CPU time) and two percent come and go, as the agent's
 * `procs` stream reports a busy node. The first ProcChanges is the whole table, `full`.
 */
export class SyntheticProcTable {
  private readonly rows = new Map<number, ProcRow>();
  private nextPid: number;
  private tick = 0;
  private sentFull = false;

  constructor(
    private readonly k: number,
    count: number,
    private readonly now: () => number = Date.now,
  ) {
    this.nextPid = 1000 + Math.floor(hash(k, 50) * 5000);
    for (let i = 0; i < count; i++) this.spawn();
  }

  get size(): number {
    return this.rows.size;
  }

  /** The whole table now, as `procs.list` answers. */
  list(): ProcRow[] {
    return [...this.rows.values()];
  }

  /** The next notification's changes: the whole table the first time, then one tick of changes. */
  next(): ProcChanges {
    const at = this.now();
    if (!this.sentFull) {
      this.sentFull = true;
      return { at, full: true, upserted: this.list(), removed: [] };
    }
    this.tick++;
    const upserted: ProcRow[] = [];
    const removed: number[] = [];
    const pids = [...this.rows.keys()];
    const changing = Math.max(1, Math.round(pids.length / 10));
    const churn = Math.max(1, Math.round(pids.length / 50));
    // A different tenth each tick: a stride through the table from a moving start.
    for (let i = 0; i < changing; i++) {
      const pid = pids[(this.tick * 7 + i * 10) % pids.length] as number;
      const row = this.rows.get(pid) as ProcRow;
      // A frozen process stays stopped, at no CPU.
      if (row.frz === 'M') continue;
      const r = hash(pid, this.tick);
      const cpuPercent = row.state === 'R' || r > 0.7 ? Math.round(r * 1000) / 10 : 0;
      const changed: ProcRow = {
        ...row,
        cpuPercent,
        cpuTimeMs: row.cpuTimeMs + cpuPercent * 10,
        state: STATES[Math.floor(hash(pid, this.tick + 1) * STATES.length)] as string,
        rssBytes: Math.max(MIB, Math.round(row.rssBytes * (0.9 + 0.2 * hash(pid, this.tick + 2)))),
      };
      this.rows.set(pid, changed);
      upserted.push(changed);
    }
    for (let i = 0; i < churn && this.rows.size > 0; i++) {
      const pid = pids[(this.tick * 13 + i * 37) % pids.length] as number;
      if (!this.rows.delete(pid)) continue;
      removed.push(pid);
      // An upsert of a pid removed in the same tick would contradict itself: it is not sent.
      const at = upserted.findIndex((row) => row.pid === pid);
      if (at >= 0) upserted.splice(at, 1);
    }
    for (let i = 0; i < removed.length; i++) upserted.push(this.spawn());
    return { at, full: false, upserted, removed };
  }

  private spawn(): ProcRow {
    const pid = this.nextPid++;
    const { k } = this;
    const [user, uid] = pick(USERS, pid, 51);
    const command = pick(COMMANDS, pid, 52);
    const jobbed = command.startsWith('mosrun');
    const row: ProcRow = {
      pid,
      ppid: hash(pid, 53) < 0.3 ? 1 : Math.max(1, pid - 1 - Math.floor(hash(pid, 54) * 20)),
      user,
      uid,
      state: pick(STATES, pid, 55),
      cpuPercent: 0,
      cpuTimeMs: Math.floor(hash(pid, 56) * 3_600_000),
      rssBytes: Math.round((1 + hash(pid, 57) * 2000) * MIB),
      tty: hash(pid, 58) < 0.2 ? `pts/${Math.floor(hash(pid, 59) * 8)}` : null,
      startedAt: this.now() - Math.floor(hash(pid, 60) * 86_400_000),
      command,
      where: 'here',
      from: 'here',
      class: jobbed ? 'local' : 'native',
      frz: (k + pid) % 97 === 0 ? 'M' : '-',
      freeze: null,
      dueAt: null,
      nmigs: jobbed ? 0 : null,
      origPid: jobbed ? pid : null,
      jobId: jobbed ? 12 : null,
      runId: null,
    };
    if (row.frz === 'M') {
      row.state = 'T';
      row.freeze = { code: 'M', by: user, method: 'sigstop', at: row.startedAt };
    }
    this.rows.set(pid, row);
    return row;
  }
}
