import { describe, expect, it } from 'vitest';
import { HISTORY_FIELDS, type HistoryField, type MetricsSample, type NodeHistory } from '../../../../../electron/api';
import { type ChartPoint, SeriesWindow } from '../../../../../renderer/src/features/nodePage/nodeSeries';

const T0 = 1_700_000_000_000;

/** A history with `load` as given (null = no figure) and every other field 0. */
function history(at: number[], load: (number | null)[] = at.map((_, i) => i)): NodeHistory {
  const series = Object.fromEntries(HISTORY_FIELDS.map((f) => [f, at.map(() => 0)])) as Record<
    HistoryField,
    (number | null)[]
  >;
  series.load = load;
  return { intervalMs: 1000, spanMs: 900_000, at, series };
}

function sample(load: number, over: Partial<MetricsSample['rates']> = {}): MetricsSample {
  return {
    at: 0,
    hostname: 'n1',
    kernel: '6.1',
    agentVersion: '1',
    cpuCount: 4,
    load: { one: load, five: 0, fifteen: 0, running: 1, total: 100 },
    loadPerCpu: load / 4,
    memory: {
      totalBytes: 8e9,
      freeBytes: 4e9,
      availableBytes: 5e9,
      usedBytes: 3e9,
      swapTotalBytes: 2e9,
      swapFreeBytes: 1.5e9,
    },
    disks: [],
    speed: { perCpuMhz: 3000, totalMhz: 12000, source: 'cpuinfo' },
    rates: {
      cpuUtilPercent: 50,
      readBytesPerSec: 10,
      writeBytesPerSec: 20,
      netInBytesPerSec: 30,
      netOutBytesPerSec: 40,
      nfsRpcPerSec: null,
      ...over,
    },
    hasNfs: false,
    processes: { total: 10, frozen: 0, mosixLocal: 0, guests: 0 },
    uptimeSec: 100,
  };
}

const loads = (w: SeriesWindow): (number | null)[] => w.points('load').map((p) => p.y);

describe('SeriesWindow.seed', () => {
  it.each([
    { name: 'takes the history as it is', at: [T0, T0 + 1000, T0 + 2000], load: [1, null, 3], want: [1, null, 3] },
    { name: 'takes an empty history', at: [], load: [], want: [] },
    { name: 'drops times that are not after the one before', at: [T0, T0, T0 + 1000], load: [1, 2, 3], want: [1, 3] },
    {
      name: 'reads a missing or non-finite figure as none',
      at: [T0, T0 + 1000],
      load: [Number.NaN, 2],
      want: [null, 2],
    },
  ])('$name', ({ at, load, want }) => {
    const w = new SeriesWindow();
    w.seed(history(at, load));
    expect(loads(w)).toEqual(want);
  });

  it('puts the past before live samples that came first, leaving out what overlaps them', () => {
    const w = new SeriesWindow();
    w.append(T0 + 3000, sample(30));
    w.append(T0 + 4000, sample(40));
    // The hub recorded T0+2600 before the page asked: the same sample as the live one at T0+3000.
    w.seed(history([T0 + 1000, T0 + 2000, T0 + 2600], [1, 2, 29]));
    expect(w.points('load')).toEqual([
      { x: -3, y: 1 },
      { x: -2, y: 2 },
      { x: -1, y: 30 },
      { x: 0, y: 40 },
    ]);
  });

  it('keeps only the newest capacity points of a longer history', () => {
    const w = new SeriesWindow(10_000, 1000);
    const at = Array.from({ length: 25 }, (_, i) => T0 + i * 1000);
    w.seed(history(at));
    expect(w.size).toBe(10);
    expect(w.newest('load')).toBe(24);
    expect(loads(w)[0]).toBe(15);
  });
});

describe('SeriesWindow.append', () => {
  it.each([
    { name: 'a second later', at: T0 + 1000, added: true },
    { name: 'late by most of a second', at: T0 + 1900, added: true },
    { name: 'half a second later (the same sample twice)', at: T0 + 499, added: false },
    { name: 'at the same time', at: T0, added: false },
    { name: 'before the newest', at: T0 - 1000, added: false },
    { name: 'at a time that is not a number', at: Number.NaN, added: false },
  ])('a sample $name: added $added', ({ at, added }) => {
    const w = new SeriesWindow();
    w.append(T0, sample(1));
    expect(w.append(at, sample(2))).toBe(added);
    expect(w.size).toBe(added ? 2 : 1);
  });

  it.each<{ field: HistoryField; want: number | null }>([
    { field: 'load', want: 2.5 },
    { field: 'util', want: null },
    { field: 'memUsed', want: 3e9 },
    { field: 'memTotal', want: 8e9 },
    { field: 'swapUsed', want: 0.5e9 },
    { field: 'swapTotal', want: 2e9 },
    { field: 'readBps', want: 10 },
    { field: 'writeBps', want: 20 },
    { field: 'netInBps', want: 30 },
    { field: 'netOutBps', want: 40 },
    { field: 'nfsRpc', want: null },
  ])('reads $field from a sample as $want', ({ field, want }) => {
    const w = new SeriesWindow();
    w.append(T0, sample(2.5, { cpuUtilPercent: null }));
    expect(w.newest(field)).toBe(want);
  });

  it('never holds more than its capacity, however long it runs', () => {
    const w = new SeriesWindow();
    for (let i = 0; i < 5000; i++) w.append(T0 + i * 1000, sample(i));
    expect(w.capacity).toBe(900);
    expect(w.size).toBe(900);
    expect(w.newest('load')).toBe(4999);
    expect(w.points('load')).toHaveLength(900);
  });
});

describe('SeriesWindow.cut', () => {
  it.each([
    { name: 'keeps what is inside the span', now: T0 + 900_000, size: 3 },
    { name: 'drops what fell out of it', now: T0 + 901_500, size: 1 },
    { name: 'drops everything after a long silence', now: T0 + 2_000_000, size: 0 },
  ])('$name', ({ now, size }) => {
    const w = new SeriesWindow();
    w.seed(history([T0, T0 + 1000, T0 + 2000]));
    w.cut(now);
    expect(w.size).toBe(size);
  });

  it('is applied by each append, so the span stays 15 minutes when samples skip', () => {
    const w = new SeriesWindow();
    w.append(T0, sample(1));
    w.append(T0 + 600_000, sample(2));
    w.append(T0 + 960_000, sample(3));
    expect(loads(w)).toEqual([2, null, 3]);
  });
});

describe('SeriesWindow.points', () => {
  it.each<{ name: string; at: number[]; want: ChartPoint[] }>([
    { name: 'nothing while empty', at: [], want: [] },
    {
      name: 'x in seconds before the newest point',
      at: [T0, T0 + 1000, T0 + 2000],
      want: [
        { x: -2, y: 0 },
        { x: -1, y: 1 },
        { x: 0, y: 2 },
      ],
    },
    {
      name: 'a null point where the node was away, so the line breaks',
      at: [T0, T0 + 10_000],
      want: [
        { x: -10, y: 0 },
        { x: -9, y: null },
        { x: 0, y: 1 },
      ],
    },
    {
      name: 'no break for a sample a little late',
      at: [T0, T0 + 2400],
      want: [
        { x: -2.4, y: 0 },
        { x: 0, y: 1 },
      ],
    },
  ])('$name', ({ at, want }) => {
    const w = new SeriesWindow();
    w.seed(history(at));
    expect(w.points('load')).toEqual(want);
  });
});

describe('SeriesWindow.spanCovered', () => {
  it.each([
    { name: 'is 0 while empty', at: [], want: 0 },
    { name: 'is 0 for one point', at: [T0], want: 0 },
    { name: 'runs from the oldest point to the newest', at: [T0, T0 + 1000, T0 + 61_000], want: 61_000 },
  ])('$name', ({ at, want }) => {
    const w = new SeriesWindow();
    w.seed(history(at));
    expect(w.spanCovered).toBe(want);
  });
});
