import { describe, expect, it } from 'vitest';
import type { MetricsSample } from '../../../../../electron/api';
import { HISTORY_SPAN_MS, HistoryRing } from '../../../../../electron/hub/metrics/historyRing';

function sample(load: number, util: number | null = 10): MetricsSample {
  return {
    load: { one: load },
    rates: {
      cpuUtilPercent: util,
      readBytesPerSec: 1,
      writeBytesPerSec: 2,
      netInBytesPerSec: 3,
      netOutBytesPerSec: 4,
      nfsRpcPerSec: null,
    },
    memory: { usedBytes: 100, totalBytes: 1000, swapTotalBytes: 50, swapFreeBytes: 20 },
    hasNfs: false,
    processes: { frozen: 2 },
  } as MetricsSample;
}

describe('HistoryRing', () => {
  it('holds 15 minutes at 1 s in arrays allocated once', () => {
    const ring = new HistoryRing();
    const before = ring.bytes;
    for (let i = 0; i < 2000; i++) ring.push(i * 1000, sample(i));
    expect(ring.capacity).toBe(900);
    expect(ring.size).toBe(900);
    expect(ring.bytes).toBe(before);
    // 900 float64 times + 12 float32 figures each.
    expect(ring.bytes).toBe(900 * 8 + 900 * 12 * 4);
  });

  it('reads oldest first, newest last, after wrapping', () => {
    const ring = new HistoryRing(4);
    for (let i = 1; i <= 6; i++) ring.push(i, sample(i));
    const h = ring.read(6);
    expect(h.at).toEqual([3, 4, 5, 6]);
    expect(h.series.load).toEqual([3, 4, 5, 6]);
  });

  it('gives each figure its meaning, and null for what the node did not have', () => {
    const ring = new HistoryRing(2);
    ring.push(1, sample(0.5, null));
    const { series } = ring.read(1);
    expect(series).toMatchObject({
      load: [0.5],
      util: [null],
      memUsed: [100],
      memTotal: [1000],
      swapUsed: [30],
      swapTotal: [50],
      readBps: [1],
      writeBps: [2],
      netInBps: [3],
      netOutBps: [4],
      nfsRpc: [null],
      frozen: [2],
    });
  });

  it('leaves out what is older than 15 minutes (a node that was away)', () => {
    const ring = new HistoryRing(10);
    ring.push(0, sample(1));
    ring.push(HISTORY_SPAN_MS + 5000, sample(2));
    expect(ring.read(HISTORY_SPAN_MS + 5000).series.load).toEqual([2]);
  });

  it('is empty before the first sample', () => {
    expect(new HistoryRing().read(Date.now())).toMatchObject({ at: [], series: { load: [] } });
  });
});
