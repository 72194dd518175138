import { describe, expect, it } from 'vitest';
import { appendBounded } from '../../../../../renderer/src/features/metrics/history';

const rows = [
  { name: 'a first point', series: [], point: 1, capacity: 3, want: [1] },
  { name: 'a point under capacity', series: [1, 2], point: 3, capacity: 3, want: [1, 2, 3] },
  { name: 'a point at capacity, dropping the oldest', series: [1, 2, 3], point: 4, capacity: 3, want: [2, 3, 4] },
  {
    name: 'a point into a series longer than a reduced capacity',
    series: [1, 2, 3, 4, 5],
    point: 6,
    capacity: 3,
    want: [4, 5, 6],
  },
  { name: 'a point with capacity one', series: [1, 2], point: 3, capacity: 1, want: [3] },
];

describe('appendBounded', () => {
  it.each(rows)('appends $name', ({ series, point, capacity, want }) => {
    expect(appendBounded<number>(series, point, capacity)).toEqual(want);
  });

  it('leaves the input series untouched and returns a new array', () => {
    const series = Object.freeze([
      { x: 1, y: 0.5 },
      { x: 2, y: 0.6 },
    ]);
    const under = appendBounded(series, { x: 3, y: 0.7 }, 10);
    const at = appendBounded(series, { x: 3, y: 0.7 }, 2);
    expect(series).toEqual([
      { x: 1, y: 0.5 },
      { x: 2, y: 0.6 },
    ]);
    expect(under).not.toBe(series);
    expect(at).not.toBe(series);
    expect(at).toEqual([
      { x: 2, y: 0.6 },
      { x: 3, y: 0.7 },
    ]);
  });

  it('keeps the newest points over a long run', () => {
    let series: number[] = [];
    for (let i = 1; i <= 1000; i++) {
      series = appendBounded(series, i, 120);
      expect(series.length).toBe(Math.min(i, 120));
      expect(series.at(-1)).toBe(i);
    }
    expect(series[0]).toBe(881);
  });
});
