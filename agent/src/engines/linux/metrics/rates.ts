import type { DiskCounters } from '../../../parsers/diskstats';
import type { NetCounters } from '../../../parsers/netDev';
import type { CpuTicks } from '../../../parsers/procStat';
import type { Rates } from '../../../protocol/metricsTypes';

/** The cumulative counters of one tick, kept by a sampler to compare with the next tick. */
export interface Counters {
  /** Monotonic clock in ms (performance.now()), so a wall-clock jump cannot distort a rate. */
  monoMs: number;
  cpu: CpuTicks;
  /** Whole disks only (see wholeDisks), so no byte is counted twice. */
  disks: DiskCounters[];
  /** Every interface except loopback. */
  nets: NetCounters[];
  /** NFS client RPC calls; null when the node has no NFS client. */
  nfsCalls: number | null;
}

export const NO_RATES: Rates = {
  cpuUtilPercent: null,
  readBytesPerSec: null,
  writeBytesPerSec: null,
  netInBytesPerSec: null,
  netOutBytesPerSec: null,
  nfsRpcPerSec: null,
};

const round = (n: number, digits: number): number => Math.round(n * 10 ** digits) / 10 ** digits;

/**
 * Sum over devices of how much `field` grew. A device counts only when it is in both samples
 * and its counter did not go backwards: a counter that shrank was reset (interface re-created,
 * disk re-attached, or a 32-bit counter wrapped), so its growth over this interval is unknown
 * and it adds 0 rather than a negative or wild figure. New devices start counting next tick.
 */
export function summedGrowth<T extends { name: string }>(prev: T[], cur: T[], field: (d: T) => number): number {
  const before = new Map(prev.map((d) => [d.name, field(d)]));
  let sum = 0;
  for (const d of cur) {
    const was = before.get(d.name);
    const delta = was === undefined ? 0 : field(d) - was;
    if (delta > 0) sum += delta;
  }
  return sum;
}

/**
 * Busy share of all CPUs over the interval, 0..100. Null when the ticks did not advance (two
 * samples within one clock tick) or went backwards (CPU hot-unplug can shrink the sums): there
 * is no honest figure then.
 */
export function cpuUtil(prev: CpuTicks, cur: CpuTicks): number | null {
  const busy = cur.busy - prev.busy;
  const total = cur.total - prev.total;
  if (total <= 0 || busy < 0 || busy > total) return null;
  return round((100 * busy) / total, 2);
}

/** NFS calls per second; null without an NFS client in either sample, or after a reset (module reloaded). */
function nfsRate(prev: number | null, cur: number | null, seconds: number): number | null {
  if (prev === null || cur === null || cur < prev) return null;
  return round((cur - prev) / seconds, 2);
}

/**
 * Per-second rates between two ticks of the same sampler. The first tick (no `prev`) and a
 * clock that did not advance give all nulls. Byte rates are whole bytes per second.
 */
export function computeRates(prev: Counters | undefined, cur: Counters): Rates {
  if (!prev) return NO_RATES;
  const seconds = (cur.monoMs - prev.monoMs) / 1000;
  if (!(seconds > 0)) return NO_RATES;
  const perSec = (n: number): number => Math.round(n / seconds);
  return {
    cpuUtilPercent: cpuUtil(prev.cpu, cur.cpu),
    readBytesPerSec: perSec(summedGrowth(prev.disks, cur.disks, (d) => d.readBytes)),
    writeBytesPerSec: perSec(summedGrowth(prev.disks, cur.disks, (d) => d.writeBytes)),
    netInBytesPerSec: perSec(summedGrowth(prev.nets, cur.nets, (n) => n.rxBytes)),
    netOutBytesPerSec: perSec(summedGrowth(prev.nets, cur.nets, (n) => n.txBytes)),
    nfsRpcPerSec: nfsRate(prev.nfsCalls, cur.nfsCalls, seconds),
  };
}
