import type { DiskUsage, MetricsSample, Rates } from '../../../protocol/metricsTypes';
import { AGENT_VERSION } from '../../../protocol/version';
import type { ProcAnnotations } from '../annotations';
import { readDiskUsage } from './diskUsage';
import { computeRates, type Counters } from './rates';
import { readSnapshot, type Snapshot } from './snapshot';
import { createSpeedReader } from './speed';

/** Where a sampler's figures come from; the real /proc and /sys unless a test says otherwise. */
export interface SamplerSources {
  readSnapshot(): Promise<Snapshot>;
  readDiskUsage(mounts: readonly string[]): Promise<DiskUsage[]>;
  /** Wall clock for `at`, ms since the epoch. Rates use the snapshot's monotonic clock instead. */
  now(): number;
}

/** Mount points measured when the caller names none (`disks` in metrics.read and subscribe). */
export const DEFAULT_DISKS: readonly string[] = ['/'];

export function linuxSources(): SamplerSources {
  const readSpeed = createSpeedReader();
  return {
    readSnapshot: () => readSnapshot(readSpeed),
    readDiskUsage: (mounts) => readDiskUsage(mounts),
    now: Date.now,
  };
}

/**
 * Remembers the previous tick's counters, so each sample's rates cover the time since the
 * previous sample of the same sampler. Every stream has its own, and each session keeps one
 * for `metrics.read` (see handlers/metrics.ts), so one caller never skews another's rates.
 */
export interface MetricsSampler {
  /** One sample with `disks` (mount points) measured; the first sample's rates are null. */
  sample(disks: readonly string[]): Promise<MetricsSample>;
}

/** The contract's sample, from one tick's readings. Pure. */
export function assembleSample(
  snap: Snapshot,
  rates: Rates,
  disks: DiskUsage[],
  counts: { frozen: number; mosixLocal: number },
  at: number,
): MetricsSample {
  return {
    at,
    hostname: snap.hostname,
    kernel: snap.kernel,
    agentVersion: AGENT_VERSION,
    cpuCount: snap.cpuCount,
    load: snap.load,
    // As `mon` shows load: relative to the node's size, so 1 means "every CPU busy".
    loadPerCpu: snap.load.one / snap.cpuCount,
    memory: snap.memory,
    disks,
    speed: snap.speed,
    rates,
    hasNfs: snap.counters.nfsCalls !== null,
    // A plain Linux node never hosts migrated processes, so there are no guests to count.
    processes: { total: snap.processTotal, frozen: counts.frozen, mosixLocal: counts.mosixLocal, guests: 0 },
    uptimeSec: snap.uptimeSec,
  };
}

export function createMetricsSampler(
  annotations: ProcAnnotations,
  sources: SamplerSources = linuxSources(),
): MetricsSampler {
  let previous: Counters | undefined;
  // Overlapping calls (two quick metrics.read) run one after the other, so each compares
  // with the one before it and `previous` never moves backwards in time.
  let queue: Promise<unknown> = Promise.resolve();
  const tick = async (disks: readonly string[]): Promise<MetricsSample> => {
    const [snap, usage] = await Promise.all([sources.readSnapshot(), sources.readDiskUsage(disks)]);
    const rates = computeRates(previous, snap.counters);
    previous = snap.counters;
    return assembleSample(snap, rates, usage, annotations.counts(), sources.now());
  };
  return {
    sample(disks) {
      const result = queue.then(() => tick(disks));
      queue = result.catch(() => undefined);
      return result;
    },
  };
}
