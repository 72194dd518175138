import { describe, expect, it } from 'vitest';
import {
  AXIS_WIDTH,
  barAt,
  barLeft,
  labelIndices,
  MAX_SLOT,
  niceStep,
  plotBox,
  slotCentre,
  slotLayout,
  stack,
  yOf,
  yTicks,
} from '../../../../../renderer/src/features/monitor/barLayout';

/** About what 11px system-ui measures per digit. */
const measure = (text: string): number => text.length * 7;
const numbers = (n: number): string[] => Array.from({ length: n }, (_, i) => String(i + 1));

describe('plotBox', () => {
  it('leaves room for the axis on the left and the labels below', () => {
    expect(plotBox(950, 260)).toEqual({ left: AXIS_WIDTH, top: 12, width: 900, height: 230 });
  });

  it('never goes negative in a container that has no size yet', () => {
    expect(plotBox(0, 0)).toMatchObject({ width: 0, height: 0 });
  });
});

describe('slotLayout at 950 px', () => {
  const plot = plotBox(950, 260);

  it.each([
    // count, slot, bar width, used width
    [4, MAX_SLOT, 36, 4 * MAX_SLOT],
    [20, 45, 34, 900],
    [50, 18, 13, 900],
    [100, 9, 8, 900],
    // 4.5 px slots would make bars alternate 3 and 4 px wide; whole pixels keep them equal.
    [200, 4, 3, 800],
  ])('%i bars: slot %f, bar %f', (count, slot, bar, used) => {
    const s = slotLayout(count, plot);
    expect(s.slot).toBe(slot);
    expect(s.barWidth).toBe(bar);
    expect(s.count * s.slot).toBe(used);
    expect(s.count * s.slot).toBeLessThanOrEqual(plot.width);
  });

  it('centres each bar in its slot', () => {
    const s = slotLayout(4, plot);
    expect(barLeft(s, 0)).toBe(AXIS_WIDTH + 6);
    expect(barLeft(s, 3)).toBe(AXIS_WIDTH + 3 * 48 + 6);
    expect(slotCentre(s, 1)).toBe(AXIS_WIDTH + 72);
  });

  it('has no slots without bars', () => {
    expect(slotLayout(0, plot)).toMatchObject({ slot: 0, count: 0 });
  });
});

describe('barAt', () => {
  const plot = plotBox(950, 260);
  const four = slotLayout(4, plot);
  const many = slotLayout(200, plot);

  it.each([
    ['left of the plot', four, AXIS_WIDTH - 0.5, -1],
    ['first pixel of the first slot', four, AXIS_WIDTH, 0],
    ['in the gap before bar 0', four, AXIS_WIDTH + 2, 0],
    ['last pixel of slot 0', four, AXIS_WIDTH + 47.9, 0],
    ['first pixel of slot 1', four, AXIS_WIDTH + 48, 1],
    ['last pixel of the last slot', four, AXIS_WIDTH + 191.9, 3],
    ['just right of the last slot', four, AXIS_WIDTH + 192, -1],
    ['far right, past the bars', four, 940, -1],
    ['200 bars: first', many, AXIS_WIDTH + 0.5, 0],
    ['200 bars: 100th', many, AXIS_WIDTH + 99 * 4 + 3.9, 99],
    ['200 bars: last', many, AXIS_WIDTH + 799.9, 199],
    ['200 bars: the unused strip', many, AXIS_WIDTH + 800, -1],
  ])('%s', (_name, slots, x, index) => {
    expect(barAt(slots, x)).toBe(index);
  });

  it('finds nothing on an empty chart', () => {
    expect(barAt(slotLayout(0, plot), AXIS_WIDTH + 10)).toBe(-1);
  });
});

describe('labelIndices', () => {
  it.each([
    ['4 bars: all', numbers(4), 48, [0, 1, 2, 3]],
    ['20 bars at 45 px: all', numbers(20), 45, numbers(20).map((_, i) => i)],
    // "200" is 21 px + 4 px gap: 5 slots of 4 px are too few, 10 are enough.
    ['200 bars at 4 px: 1, 10, 20, … 200', numbers(200), 4, [0, ...Array.from({ length: 20 }, (_, k) => 10 * k + 9)]],
    // 2-digit labels (14 + 4 px) at 9 px slots: every 2nd, on the even numbers; "2" would
    // touch "1" and "98" would touch the last, "99".
    ['99 bars at 9 px', numbers(99), 9, [0, ...Array.from({ length: 47 }, (_, k) => 2 * k + 3), 98]],
    ['one bar', ['7'], 1, [0]],
    ['no bars', [], 4, []],
  ])('%s', (_name, labels, slot, expected) => {
    expect(labelIndices(labels, slot, measure)).toEqual(expected);
  });

  it('leaves out a regular label that would overlap the first or the last', () => {
    // 23 labels, every 10th: indices 0, 10, 20 and 22; 20 is 2 slots from 22, so it goes.
    const labels = numbers(23).map((l) => `n${l}`);
    expect(labelIndices(labels, 4, measure)).toEqual([0, 10, 22]);
  });

  it('keeps labels that are not numbers at their own bars', () => {
    const labels = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k'];
    // 11 px each with the gap: 2 slots of 5 px are too few, so every 5th.
    expect(labelIndices(labels, 5, measure)).toEqual([0, 5, 10]);
  });

  it('never draws two labels closer than the widest one', () => {
    for (const count of [7, 33, 64, 128, 199, 200, 257]) {
      const labels = numbers(count);
      const slot = 900 / count;
      const shown = labelIndices(labels, slot, measure);
      const widest = Math.max(...labels.map(measure));
      shown.slice(1).forEach((i, k) => expect((i - shown[k]!) * slot).toBeGreaterThanOrEqual(widest));
      expect(shown[0]).toBe(0);
      expect(shown.at(-1)).toBe(count - 1);
    }
  });
});

describe('the y scale', () => {
  it.each([
    [0.3, 0.5],
    [1, 1],
    [1.7, 2],
    [2.2, 2.5],
    [3, 5],
    [7, 10],
    [25, 25],
    [0.06, 0.1],
  ])('niceStep(%f) = %f', (raw, step) => {
    expect(niceStep(raw)).toBe(step);
  });

  it.each([
    [100, [0, 25, 50, 75, 100]],
    [8, [0, 2, 4, 6, 8]],
    [3, [0, 1, 2, 3]],
    [1.7, [0, 0.5, 1, 1.5]],
    [1.2, [0, 0.5, 1]],
    [0.3, [0, 0.1, 0.2, 0.3]],
    [1024, [0, 500, 1000]],
    [1000, [0, 250, 500, 750, 1000]],
  ])('ticks up to %f: %j', (max, ticks) => {
    expect(yTicks(max)).toEqual(ticks);
  });

  it('always has 3 to 5 ticks', () => {
    for (let max = 0.01; max < 5000; max *= 1.37) {
      const n = yTicks(max).length;
      expect(n).toBeGreaterThanOrEqual(3);
      expect(n).toBeLessThanOrEqual(5);
    }
  });

  it('has a single tick when the maximum is not usable', () => {
    expect(yTicks(0)).toEqual([0]);
    expect(yTicks(Number.NaN)).toEqual([0]);
  });

  const plot = { left: 44, top: 8, width: 900, height: 200 };
  it.each([
    [0, 208],
    [5, 108],
    [10, 8],
    [15, 8],
    [-1, 208],
    [Number.NaN, 208],
  ])('yOf(%f) of 10 is %f', (value, y) => {
    expect(yOf(value, 10, plot)).toBe(y);
  });

  it('stacks segments bottom up and leaves out empty ones', () => {
    expect(stack([2, 0, 3], 10, plot)).toEqual({
      parts: [
        { index: 0, top: 168, bottom: 208 },
        { index: 2, top: 108, bottom: 168 },
      ],
      clipped: false,
    });
  });

  it('says when a bar goes above the scale', () => {
    const { parts, clipped } = stack([8, 4], 10, plot);
    expect(clipped).toBe(true);
    expect(parts.at(-1)).toMatchObject({ index: 1, top: 8 });
    expect(parts.at(-1)?.bottom).toBeCloseTo(48);
  });
});
