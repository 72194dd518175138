import { describe, expect, it } from 'vitest';
import type { Bar } from '../../../../../renderer/src/features/monitor/chartModel';
import { type DisplayId, INITIAL_KEY_STATE, SUB_VIEWS } from '../../../../../renderer/src/features/monitor/displayKeys';
import { chartModel } from '../../../../../renderer/src/features/monitor/displays';
import { cluster, firstLinuxSample, hello, NOW, nodeView } from './monitorFixtures';
import { rows, type Want } from './subViewRows';

const model = (display: DisplayId, sub: number, showDead = true, nodes = cluster()) =>
  chartModel({ ...INITIAL_KEY_STATE, display, sub, showDead }, nodes, NOW);

function expectBar(bar: Bar | undefined, want: Want): void {
  const { segments, ...rest } = want;
  expect(bar).toMatchObject(rest);
  if (segments) {
    expect(bar?.segments).toHaveLength(segments.length);
    segments.forEach((segment, index) => expect(bar?.segments[index]).toBeCloseTo(segment, 9));
  }
}

describe('chartModel: every sub-view of the small cluster', () => {
  it.each(rows)('$display $sub: $title', ({ display, sub, title, unit, max, segments, bars }) => {
    const m = model(display, sub);
    expect(m).toMatchObject({ title, unit, max, current: sub, cycle: [...SUB_VIEWS[display]] });
    expect(m.segments.map(({ label }) => label)).toEqual(segments);
    expect(m.segments.every(({ color }) => /^var\(--bar-([123]|free)\)$/.test(color))).toBe(true);
    expect(m.bars.map(({ nodeId, label, name }) => [nodeId, label, name])).toEqual([
      ['n1', '1', 'n1.lan'],
      ['n2', '2', 'n2.lan'],
      ['n3', '3', 'n3.lan'],
      ['n4', '4', 'n4.lan'],
      ['n5', '5', 'n5.lan'],
    ]);
    bars.forEach((want, index) => expectBar(m.bars[index], want));
    // Bars that are not figures never carry a height.
    for (const bar of m.bars) if (bar.kind !== 'value') expect(bar.segments).toEqual([]);
  });

  it('covers every sub-view of every display', () => {
    const covered = rows.map(({ display, sub }) => `${display}/${sub}`);
    const all = Object.entries(SUB_VIEWS).flatMap(([display, views]) => views.map((_, sub) => `${display}/${sub}`));
    expect(covered).toEqual(all);
  });
});

describe('chartModel: dead nodes', () => {
  it.each(rows.map(({ display, sub }) => ({ display, sub })))('$display $sub draws dead nodes as dead', (row) => {
    const [, , , n4, n5] = model(row.display, row.sub).bars;
    expect(n4).toMatchObject({
      kind: 'dead',
      segments: [],
      reason: 'The agent stopped answering.',
      since: NOW - 192_000,
      text: 'Dead for 3m 12s: The agent stopped answering.',
    });
    expect(n5).toMatchObject({
      kind: 'dead',
      reason: 'authentication failed',
      since: NOW - 10_000,
      text: 'Authentication failed for 10s.',
    });
  });

  it('gives dead bars their state word as caption in the status view only', () => {
    expect(
      model('status', 1)
        .bars.slice(3)
        .map((bar) => bar.caption),
    ).toEqual(['dead', 'authentication failed']);
    expect(model('load', 0).bars[3]?.caption).toBeUndefined();
  });

  it.each(rows.map(({ display, sub }) => ({ display, sub })))('$display $sub leaves them out with D', (row) => {
    expect(model(row.display, row.sub, false).bars.map(({ nodeId }) => nodeId)).toEqual(['n1', 'n2', 'n3']);
  });

  it('scales to the visible bars only: a dead node with a stale sample never stretches the axis', () => {
    expect(model('load', 0).max).toBe(1);
  });
});

describe('chartModel: edge cases', () => {
  const only = (sample = firstLinuxSample()) => [
    { node: nodeView('a', { hello: hello('linux') }), label: '1', sample },
  ];

  it('says "needs a second sample" for NFS when the node has a client but the rate is still null', () => {
    const bar = model('network', 3, true, only({ ...firstLinuxSample(), hasNfs: true })).bars[0];
    expect(bar).toMatchObject({ kind: 'na', reason: 'needs a second sample' });
  });

  it('keeps the axis above 0 when no bar has figures', () => {
    const m = model('io', 0, true, only());
    expect(m).toMatchObject({ unit: 'B/s', max: 1 });
    expect(model('memory', 1, true, only()).max).toBe(1);
    expect(model('status', 0, true, only()).max).toBe(1000);
  });

  it('gives an empty cluster an empty chart with a valid axis', () => {
    expect(model('load', 1, true, [])).toMatchObject({ bars: [], max: 1, title: 'Load + frozen' });
  });

  it('picks the byte unit that fits the tallest bar', () => {
    const big = { ...firstLinuxSample(), rates: { ...firstLinuxSample().rates, readBytesPerSec: 3 * 1024 ** 3 } };
    expect(model('io', 0, true, only(big))).toMatchObject({ unit: 'GiB/s', max: 3 });
  });

  it('formats ticks with the decimals the axis needs', () => {
    expect(model('load', 0).tick(0.25)).toBe('0.25');
    expect(model('memory', 2).tick(125)).toBe('125');
    expect(model('memory', 0).tick(12.5)).toBe('12.5');
  });

  it('treats a node without a hello as plain Linux: guests n/a', () => {
    const nodes = [{ node: nodeView('a'), label: '1', sample: firstLinuxSample() }];
    expect(model('grid', 0, true, nodes).bars[0]).toMatchObject({ kind: 'na' });
  });

  it('clamps a sub-view index out of range to the last sub-view', () => {
    expect(model('util', 3).current).toBe(0);
  });
});
