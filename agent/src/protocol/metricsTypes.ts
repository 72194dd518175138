/** The figures `mon`/`mmon` and `mosctl status` show, as the linux engine reads them. */

export interface LoadAvg {
  one: number;
  five: number;
  fifteen: number;
  /** Runnable scheduling entities right now. */
  running: number;
  /** All scheduling entities (threads) on the node. */
  total: number;
}

export interface MemoryInfo {
  totalBytes: number;
  freeBytes: number;
  /** What the kernel estimates can be given to new work without swapping (MemAvailable). */
  availableBytes: number;
  /** totalBytes - availableBytes: what `free` calls used, caches excluded. */
  usedBytes: number;
  swapTotalBytes: number;
  swapFreeBytes: number;
}

/** One configured mount point; `error` instead of figures when it cannot be read. */
export type DiskUsage =
  | { mount: string; totalBytes: number; freeBytes: number; availableBytes: number; usedBytes: number }
  | { mount: string; error: string };

/**
 * CPU speed. MOSIX measures speed in units where 10000 is a "standard" processor, by benchmark;
 * the linux engine reports the clock instead: `perCpuMhz` is the fastest online CPU's current
 * frequency, `totalMhz` the sum over online CPUs (MHz x cores when all run at one clock).
 */
export interface CpuSpeed {
  perCpuMhz: number;
  totalMhz: number;
  /** Where the figure came from: cpufreq in /sys, or "cpu MHz" in /proc/cpuinfo. */
  source: 'cpufreq' | 'cpuinfo' | 'unknown';
}

/**
 * Rates are per second over the time since the previous sample of the same stream; they are
 * null in a stream's first sample, which has nothing to compare with.
 */
export interface Rates {
  /** Busy share of all online CPUs, 0..100 (user+nice+system+irq+softirq+steal over all). */
  cpuUtilPercent: number | null;
  /** Disk reads and writes of whole devices (partitions are not counted twice). */
  readBytesPerSec: number | null;
  writeBytesPerSec: number | null;
  /** All interfaces except loopback. */
  netInBytesPerSec: number | null;
  netOutBytesPerSec: number | null;
  /** NFS client RPC calls per second; null on a stream's first sample or when the node has no NFS client. */
  nfsRpcPerSec: number | null;
}

/** MOSIX-style process counts. On the linux engine "local" means jobs started through the agent. */
export interface ProcessCounts {
  /** Processes (not threads) on the node. */
  total: number;
  /** Processes frozen through the agent (jobs and others). */
  frozen: number;
  /** Running jobs that the agent started (MOSIX processes whose home is here). */
  mosixLocal: number;
  /** Guest processes from other nodes; always 0 on the linux engine, which has no guests. */
  guests: number;
}

export interface MetricsSample {
  /** When the sample was read, ms since the epoch (the node's clock). */
  at: number;
  hostname: string;
  kernel: string;
  agentVersion: string;
  cpuCount: number;
  load: LoadAvg;
  /** load.one / cpuCount: the load as `mon` shows it, relative to the node's size. */
  loadPerCpu: number;
  memory: MemoryInfo;
  disks: DiskUsage[];
  speed: CpuSpeed;
  rates: Rates;
  /** True when the node has an NFS client (/proc/net/rpc/nfs), so a null NFS rate means "first sample". */
  hasNfs: boolean;
  processes: ProcessCounts;
  uptimeSec: number;
}

/** A daemon line of `mosctl localstatus`. */
export interface DaemonState {
  name: string;
  state: 'up' | 'down' | 'not-applicable';
  /** Why, when it is not up. */
  reason?: string;
}

/**
 * The fields of `mosctl status` and `mosctl localstatus`, with honest values for the engine:
 * a linux node never accepts migrated processes, so `accept` says so.
 */
export interface NodeStatus {
  status: string;
  load: number;
  loadPerCpu: number;
  speed: CpuSpeed;
  cpus: number;
  frozen: number;
  utilPercent: number | null;
  avail: boolean;
  /** MOSIX processes running here (jobs the agent started). */
  procs: number;
  accept: { yes: boolean; reason: string };
  memory: { availableBytes: number; totalBytes: number };
  swap: { freeBytes: number; totalBytes: number };
  daemons: DaemonState[];
  guests: { current: number; max: number };
  /** On a MOSIX node: what mosctl says beyond the fields above. */
  mosix?: {
    /** Speed in MOSIX units (10000 is a standard processor); `speed` stays the clock from /proc. */
    speedUnits: number | null;
    /** Lines with labels mosdesk does not know, as printed. */
    other: { label: string; value: string }[];
    /** Lines of mosctl's output that could not be read. */
    problems: string[];
  };
}
