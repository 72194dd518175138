import { describe, expect, it } from 'vitest';
import { noAnnotations } from '../../../../../../agent/src/engines/linux/annotations';
import type { Counters } from '../../../../../../agent/src/engines/linux/metrics/rates';
import { createMetricsSampler, type SamplerSources } from '../../../../../../agent/src/engines/linux/metrics/sampler';
import type { Snapshot } from '../../../../../../agent/src/engines/linux/metrics/snapshot';
import { AGENT_VERSION } from '../../../../../../agent/src/protocol/version';

function snapshot(counters: Partial<Counters> & { monoMs: number }): Snapshot {
  return {
    counters: {
      cpu: { busy: 0, total: 0 },
      disks: [],
      nets: [],
      nfsCalls: null,
      ...counters,
    },
    hostname: 'node7',
    kernel: '6.1.0-18-amd64',
    cpuCount: 4,
    load: { one: 3, five: 2, fifteen: 1, running: 2, total: 300 },
    memory: {
      totalBytes: 8e9,
      freeBytes: 1e9,
      availableBytes: 6e9,
      usedBytes: 2e9,
      swapTotalBytes: 2e9,
      swapFreeBytes: 2e9,
    },
    uptimeSec: 1234.5,
    speed: { perCpuMhz: 2000, totalMhz: 8000, source: 'cpufreq' },
    processTotal: 187,
  };
}

/** Sources that hand out the given snapshots in turn, each after `delayMs[i]`. */
function fakeSources(snaps: (Snapshot | Error)[], delayMs: number[] = []): SamplerSources & { disksAsked: string[][] } {
  let i = 0;
  const disksAsked: string[][] = [];
  return {
    disksAsked,
    async readSnapshot() {
      const n = i++;
      await new Promise((r) => setTimeout(r, delayMs[n] ?? 0));
      const s = snaps[n];
      if (s === undefined) throw new Error('no more snapshots');
      if (s instanceof Error) throw s;
      return s;
    },
    async readDiskUsage(mounts) {
      disksAsked.push([...mounts]);
      return mounts.map((mount) => ({ mount, error: 'fake' }));
    },
    now: () => 1_700_000_000_000,
  };
}

describe('createMetricsSampler', () => {
  it('gives null rates first, then rates against its previous sample', async () => {
    const sources = fakeSources([
      snapshot({ monoMs: 1000, cpu: { busy: 100, total: 1000 }, nfsCalls: 10 }),
      snapshot({ monoMs: 2000, cpu: { busy: 150, total: 1100 }, nfsCalls: 25 }),
    ]);
    const sampler = createMetricsSampler(noAnnotations, sources);
    const first = await sampler.sample(['/']);
    expect(first.rates.cpuUtilPercent).toBeNull();
    expect(first.rates.nfsRpcPerSec).toBeNull();
    expect(first.hasNfs).toBe(true);
    const second = await sampler.sample(['/', '/home']);
    expect(second.rates.cpuUtilPercent).toBe(50);
    expect(second.rates.nfsRpcPerSec).toBe(15);
    expect(sources.disksAsked).toEqual([['/'], ['/', '/home']]);
  });

  it('fills every figure of the contract from one snapshot', async () => {
    const counts = { frozen: 2, mosixLocal: 5 };
    const sampler = createMetricsSampler(
      { ...noAnnotations, counts: () => counts },
      fakeSources([snapshot({ monoMs: 1 })]),
    );
    expect(await sampler.sample(['/'])).toEqual({
      at: 1_700_000_000_000,
      hostname: 'node7',
      kernel: '6.1.0-18-amd64',
      agentVersion: AGENT_VERSION,
      cpuCount: 4,
      load: { one: 3, five: 2, fifteen: 1, running: 2, total: 300 },
      loadPerCpu: 0.75,
      memory: expect.objectContaining({ totalBytes: 8e9 }),
      disks: [{ mount: '/', error: 'fake' }],
      speed: { perCpuMhz: 2000, totalMhz: 8000, source: 'cpufreq' },
      rates: expect.objectContaining({ cpuUtilPercent: null }),
      hasNfs: false,
      processes: { total: 187, frozen: 2, mosixLocal: 5, guests: 0 },
      uptimeSec: 1234.5,
    });
  });

  it('serves overlapping calls one after the other', async () => {
    // The first read is the slow one: were the calls not queued, the second would finish
    // first and the first would then compare with a later sample (a negative interval).
    const sources = fakeSources(
      [
        snapshot({ monoMs: 1000, cpu: { busy: 0, total: 1000 } }),
        snapshot({ monoMs: 2000, cpu: { busy: 100, total: 1400 } }),
      ],
      [50, 0],
    );
    const sampler = createMetricsSampler(noAnnotations, sources);
    const [a, b] = await Promise.all([sampler.sample([]), sampler.sample([])]);
    expect(a.rates.cpuUtilPercent).toBeNull();
    expect(b.rates.cpuUtilPercent).toBe(25);
  });

  it('keeps its previous counters when a read fails, and goes on', async () => {
    const sources = fakeSources([
      snapshot({ monoMs: 1000, cpu: { busy: 0, total: 1000 } }),
      new Error('EIO'),
      snapshot({ monoMs: 3000, cpu: { busy: 300, total: 1600 } }),
    ]);
    const sampler = createMetricsSampler(noAnnotations, sources);
    await sampler.sample([]);
    await expect(sampler.sample([])).rejects.toThrow('EIO');
    expect((await sampler.sample([])).rates.cpuUtilPercent).toBe(50);
  });

  it('keeps samplers apart: each has its own previous sample', async () => {
    const one = createMetricsSampler(noAnnotations, fakeSources([snapshot({ monoMs: 1 }), snapshot({ monoMs: 2 })]));
    const two = createMetricsSampler(noAnnotations, fakeSources([snapshot({ monoMs: 1 })]));
    await one.sample([]);
    expect((await two.sample([])).rates.readBytesPerSec).toBeNull();
    expect((await one.sample([])).rates.readBytesPerSec).toBe(0);
  });
});
