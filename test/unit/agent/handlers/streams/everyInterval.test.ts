import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { everyInterval, nextSlot } from '../../../../../agent/src/handlers/streams/stream';
import type { Ctx } from '../../../../../agent/src/server/context';

const ctx = { canWrite: () => true, log: { error: () => undefined } } as unknown as Ctx;

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('a stream ticking every interval', () => {
  it('ticks right after the start, then every interval, each time not prompt', async () => {
    const ticks: boolean[] = [];
    const s = everyInterval(ctx, 1000, async (prompt) => void ticks.push(prompt));
    await vi.advanceTimersByTimeAsync(0);
    await vi.advanceTimersByTimeAsync(2000);
    expect(ticks).toEqual([false, false, false]);
    s.stop();
  });

  it('keeps a fixed rate however long a tick takes, skipping the slots a tick overran', async () => {
    const starts: number[] = [];
    const durations = [300, 300, 1500, 300];
    const t0 = Date.now();
    const s = everyInterval(ctx, 1000, async () => {
      starts.push(Date.now() - t0);
      await new Promise((r) => setTimeout(r, durations[starts.length - 1] ?? 0));
    });
    await vi.advanceTimersByTimeAsync(5000);
    s.stop();
    // The third tick took 1.5 s, so the slot at 3000 was lost; the next one is at 4000.
    expect(starts).toEqual([0, 1000, 2000, 4000, 5000]);
  });

  it('finds the next slot on the grid', () => {
    expect(nextSlot(1000, 1000, 1300)).toBe(2000);
    expect(nextSlot(1000, 1000, 3500)).toBe(4000);
    expect(nextSlot(1000, 1000, 3000)).toBe(3000);
  });

  it('ticks at once, marked prompt, when nudged, and then keeps its interval from there', async () => {
    const ticks: [number, boolean][] = [];
    const s = everyInterval(ctx, 1000, async (prompt) => void ticks.push([Date.now(), prompt]));
    await vi.advanceTimersByTimeAsync(0);
    const t0 = Date.now();
    await vi.advanceTimersByTimeAsync(300);
    s.nudge();
    await vi.advanceTimersByTimeAsync(0);
    expect(ticks.map(([at, p]) => [at - t0, p])).toEqual([
      [0, false],
      [300, true],
    ]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(ticks.map(([at, p]) => [at - t0, p]).slice(2)).toEqual([[1300, false]]);
    s.stop();
  });

  it('runs the nudged tick right after one in progress, and never after stop', async () => {
    let release: () => void = () => undefined;
    const ticks: boolean[] = [];
    const s = everyInterval(ctx, 1000, (prompt) => {
      ticks.push(prompt);
      return new Promise<void>((r) => (release = r));
    });
    await vi.advanceTimersByTimeAsync(0); // first tick running
    s.nudge();
    release();
    await vi.advanceTimersByTimeAsync(0);
    expect(ticks).toEqual([false, true]);
    release();
    s.stop();
    s.nudge();
    await vi.advanceTimersByTimeAsync(5000);
    expect(ticks).toEqual([false, true]);
  });
});
