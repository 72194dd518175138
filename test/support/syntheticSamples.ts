/**
 * Figures for synthetic nodes (benches, e2e screenshots): node `k` has its own size (CPUs,
 * memory, swap, disk, clock) and its own figures that drift over time, so 200 of them on screen
 * look like a real cluster and every chart and cell changes each second. Deterministic in
 * (k, t) within a run: the same node at the same second gives the same sample.
 */
import type { MetricsSample } from '../../electron/api';
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
