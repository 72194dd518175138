import { describe, expect, it } from 'vitest';
import { backoffDelay } from '../../../../../electron/hub/nodes/backoff';

const lowest = (): number => 0;
const middle = (): number => 0.5;
/** The largest value Math.random can return. */
const highest = (): number => 1 - Number.EPSILON / 2;

const rows = [
  { name: 'first retry, lowest jitter', attempt: 0, random: lowest, want: 250 },
  { name: 'first retry, middle jitter', attempt: 0, random: middle, want: 375 },
  { name: 'first retry, highest jitter', attempt: 0, random: highest, want: 500 },
  { name: 'second retry doubles', attempt: 1, random: lowest, want: 500 },
  { name: 'second retry, highest jitter', attempt: 1, random: highest, want: 1000 },
  { name: 'sixth retry, last one under the cap', attempt: 5, random: highest, want: 16_000 },
  { name: 'seventh retry capped at 30 s', attempt: 6, random: highest, want: 30_000 },
  { name: 'seventh retry, lowest jitter is half the cap', attempt: 6, random: lowest, want: 15_000 },
  { name: 'hundredth retry still capped', attempt: 100, random: highest, want: 30_000 },
  { name: 'absurd attempt count stays finite', attempt: Number.MAX_SAFE_INTEGER, random: middle, want: 22_500 },
];

describe('backoffDelay', () => {
  it.each(rows)('gives $want ms for $name', ({ attempt, random, want }) => {
    expect(backoffDelay(attempt, random)).toBe(want);
  });

  it('honours a custom base and cap', () => {
    expect(backoffDelay(0, lowest, 100, 1000)).toBe(50);
    expect(backoffDelay(3, highest, 100, 1000)).toBe(800);
    expect(backoffDelay(4, highest, 100, 1000)).toBe(1000);
    expect(backoffDelay(4, lowest, 100, 1000)).toBe(500);
  });

  it('doubles the lower bound on each attempt until the cap', () => {
    const floors = Array.from({ length: 10 }, (_, attempt) => backoffDelay(attempt, lowest));
    expect(floors).toEqual([250, 500, 1000, 2000, 4000, 8000, 15_000, 15_000, 15_000, 15_000]);
  });

  it('stays within half the ceiling and the ceiling, as whole ms, for any random value', () => {
    for (let attempt = 0; attempt < 40; attempt++) {
      const ceiling = Math.min(30_000, 500 * 2 ** attempt);
      for (const r of [0, 0.001, 0.25, 0.5, 0.75, 0.999, highest()]) {
        const delay = backoffDelay(attempt, () => r);
        expect(Number.isInteger(delay), `attempt ${attempt}, random ${r}`).toBe(true);
        expect(delay).toBeGreaterThanOrEqual(ceiling / 2);
        expect(delay).toBeLessThanOrEqual(ceiling);
      }
    }
  });

  it('spreads nodes that failed together (different random values, different delays)', () => {
    const delays = new Set([0, 0.2, 0.4, 0.6, 0.8].map((r) => backoffDelay(4, () => r)));
    expect(delays.size).toBe(5);
  });

  it('uses Math.random by default and stays within bounds', () => {
    for (let i = 0; i < 200; i++) {
      const delay = backoffDelay(i % 12);
      expect(delay).toBeGreaterThanOrEqual(250);
      expect(delay).toBeLessThanOrEqual(30_000);
    }
  });
});
