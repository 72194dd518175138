import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPoller } from '../../../../../renderer/src/features/nodePage/statusPoller';
import { throttle } from '../../../../../renderer/src/features/nodePage/throttle';

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(1_000_000);
});
afterEach(() => vi.useRealTimers());

describe('throttle', () => {
  it.each([
    { name: 'one request runs at once', requests: [0], runsAt: [0] },
    {
      name: 'requests within a second run once more, a second after the first',
      requests: [0, 100, 900],
      runsAt: [0, 1000],
    },
    { name: 'requests a second apart each run at once', requests: [0, 1000, 2000], runsAt: [0, 1000, 2000] },
    { name: 'a request late in the second waits for its end', requests: [0, 1500, 1600], runsAt: [0, 1500, 2500] },
  ])('$name', async ({ requests, runsAt }) => {
    const runs: number[] = [];
    const t = throttle(() => runs.push(Date.now() - 1_000_000), 1000);
    for (const at of requests) {
      await vi.advanceTimersByTimeAsync(at - (Date.now() - 1_000_000));
      t.request();
    }
    await vi.advanceTimersByTimeAsync(5000);
    expect(runs).toEqual(runsAt);
  });

  it('runs nothing after cancel', async () => {
    const fn = vi.fn();
    const t = throttle(fn, 1000);
    t.request();
    t.request();
    t.cancel();
    await vi.advanceTimersByTimeAsync(5000);
    expect(fn).toHaveBeenCalledTimes(1);
  });
});

describe('createPoller', () => {
  function poller(read: () => Promise<number>) {
    const results: number[] = [];
    const errors: string[] = [];
    const p = createPoller({
      read,
      intervalMs: 5000,
      onResult: (v) => results.push(v),
      onError: (e) => errors.push(String(e)),
    });
    return { p, results, errors };
  }

  it('reads at once, then every interval after each answer', async () => {
    let n = 0;
    const { p, results } = poller(async () => ++n);
    p.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(results).toEqual([1]);
    await vi.advanceTimersByTimeAsync(12_000);
    expect(results).toEqual([1, 2, 3]);
    p.stop();
  });

  it('keeps reading after a failure, and says what failed', async () => {
    let n = 0;
    const { p, results, errors } = poller(async () => {
      if (++n === 1) throw new Error('node is dead');
      return n;
    });
    p.start();
    await vi.advanceTimersByTimeAsync(5000);
    expect(errors).toEqual(['Error: node is dead']);
    expect(results).toEqual([2]);
    p.stop();
  });

  it('never has two reads at once, and starting twice is one poll', async () => {
    let inFlight = 0;
    let most = 0;
    const read = vi.fn(async () => {
      most = Math.max(most, ++inFlight);
      await new Promise((r) => setTimeout(r, 7000));
      inFlight--;
      return 1;
    });
    const { p } = poller(read);
    p.start();
    p.start();
    await vi.advanceTimersByTimeAsync(30_000);
    expect(most).toBe(1);
    expect(read).toHaveBeenCalledTimes(3);
    p.stop();
  });

  it('drops an answer that comes after stop, and reads no more', async () => {
    const read = vi.fn(() => new Promise<number>((r) => setTimeout(() => r(1), 1000)));
    const { p, results } = poller(read);
    p.start();
    p.stop();
    await vi.advanceTimersByTimeAsync(20_000);
    expect(results).toEqual([]);
    expect(read).toHaveBeenCalledTimes(1);
  });

  it('starts again after stop', async () => {
    const read = vi.fn(async () => 1);
    const { p } = poller(read);
    p.start();
    await vi.advanceTimersByTimeAsync(0);
    p.stop();
    p.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(read).toHaveBeenCalledTimes(2);
    p.stop();
  });
});
