import { describe, expect, it } from 'vitest';
import { HISTORY_FIELDS, type HistoryField, type NodeHistory } from '../../../../../electron/api';
import { binaryTop, CHARTS } from '../../../../../renderer/src/features/nodePage/chartSpecs';
import { readColours, FALLBACK_COLOURS } from '../../../../../renderer/src/features/nodePage/chartTheme';
import { capabilityRows } from '../../../../../renderer/src/features/nodePage/capabilities';
import { SeriesWindow } from '../../../../../renderer/src/features/nodePage/nodeSeries';

const GiB = 1024 ** 3;

/** A window with one point holding these figures (the rest none). */
function windowWith(values: Partial<Record<HistoryField, number | null>>): SeriesWindow {
  const series = Object.fromEntries(HISTORY_FIELDS.map((f) => [f, [values[f] ?? null]])) as NodeHistory['series'];
  const w = new SeriesWindow();
  w.seed({ intervalMs: 1000, spanMs: 900_000, at: [1_700_000_000_000], series });
  return w;
}

const legend = (id: string, w: SeriesWindow): string[] =>
  CHARTS.find((c) => c.id === id)?.lines.map((l) => l.now(w)) ?? [];

describe('the node charts', () => {
  it('are the four the design asks for, two lines each', () => {
    expect(CHARTS.map((c) => [c.id, c.lines.map((l) => l.field)])).toEqual([
      ['load', ['load', 'util']],
      ['memory', ['memUsed', 'swapUsed']],
      ['disk', ['readBps', 'writeBps']],
      ['network', ['netInBps', 'netOutBps']],
    ]);
  });

  it.each([
    {
      id: 'load',
      values: { load: 1.5, util: 42.4 },
      want: ['load (1 min) 1.50', 'CPU use 42 %'],
    },
    { id: 'load', values: { load: 0.2, util: null }, want: ['load (1 min) 0.20', 'CPU use: no figure'] },
    {
      id: 'memory',
      values: { memUsed: 3 * GiB, memTotal: 16 * GiB, swapUsed: 0, swapTotal: 2 * GiB },
      want: ['memory used 3.0 GiB of 16.0 GiB', 'swap used 0 B of 2.0 GiB'],
    },
    {
      id: 'memory',
      values: { memUsed: 3 * GiB, memTotal: 16 * GiB, swapUsed: 0, swapTotal: 0 },
      want: ['memory used 3.0 GiB of 16.0 GiB', 'swap used: none configured'],
    },
    { id: 'disk', values: { readBps: 1536, writeBps: null }, want: ['read 1.5 KiB/s', 'write: no figure'] },
    { id: 'network', values: { netInBps: 0, netOutBps: 2 * 1024 ** 2 }, want: ['in 0 B/s', 'out 2.0 MiB/s'] },
  ])('$id says $want', ({ id, values, want }) => {
    expect(legend(id, windowWith(values))).toEqual(want);
  });

  it('scale the load to the CPU count and memory to its total', () => {
    const w = windowWith({ memTotal: 16 * GiB });
    const [load, memory] = CHARTS;
    expect(load?.axes.y.suggestedMax?.({ series: w, cpuCount: 8 })).toBe(8);
    expect(load?.axes.y.suggestedMax?.({ series: w, cpuCount: 0 })).toBe(1);
    expect(load?.axes.y1?.max).toBe(100);
    expect(memory?.axes.y.suggestedMax?.({ series: w, cpuCount: 8 })).toBe(16 * GiB);
  });
});

describe('readColours', () => {
  it.each([
    { name: 'takes the theme colours', vars: { '--text': ' #111 ', '--bar-1': 'red' }, text: '#111', bar1: 'red' },
    {
      name: 'falls back where the theme has none',
      vars: {},
      text: FALLBACK_COLOURS.text,
      bar1: FALLBACK_COLOURS['bar-1'],
    },
  ])('$name', ({ vars, text, bar1 }) => {
    const colours = readColours((name) => (vars as Record<string, string>)[name] ?? '');
    expect(colours.text).toBe(text);
    expect(colours['bar-1']).toBe(bar1);
    expect(colours.border).toBe(FALLBACK_COLOURS.border);
  });
});

describe('capabilityRows', () => {
  it('names a capability the agent did not report, and keeps one this app does not know yet', () => {
    const rows = capabilityRows({ monitor: true, extra: 'new' } as never);
    expect(rows[0]).toEqual({ name: 'monitor', label: 'Monitor figures', available: true, text: 'available' });
    expect(rows[1]).toMatchObject({ name: 'processes', available: false, text: 'not reported by the agent' });
    expect(rows.at(-1)).toEqual({ name: 'extra', label: 'extra', available: false, text: 'new' });
  });
});

describe('binaryTop', () => {
  const GiB = 1024 ** 3;
  it.each([
    [23.5 * GiB, 32 * GiB],
    [768 * 1024 ** 2, GiB],
    [GiB, GiB],
    [391 * 1024, 512 * 1024],
    [1500, 2048],
    [0, 1024],
    [Number.NaN, 1024],
  ])('%d bytes: %d', (value, top) => {
    expect(binaryTop(value)).toBe(top);
  });
});
