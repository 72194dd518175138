import { describe, expect, it } from 'vitest';
import { Fanout } from '../../../../../electron/hub/nodes/fanout';

/** A task the test ends by hand, which records when it ran. */
interface Gate {
  promise: Promise<string>;
  resolve(value: string): void;
  reject(err: Error): void;
}

function gate(): Gate {
  let resolve!: (value: string) => void;
  let reject!: (err: Error) => void;
  const promise = new Promise<string>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Lets every pending promise callback run. */
const settleAll = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** How many tasks run at once, shared by every batch on one Fanout. */
interface Meter {
  running: number;
  peak: number;
}

/** `count` tasks on `fanout`, each waiting on its own gate; records starts and the peak. */
function startTasks(fanout: Fanout, count: number, meter: Meter = { running: 0, peak: 0 }) {
  const gates = Array.from({ length: count }, () => gate());
  const started: number[] = [];
  const results = gates.map((g, i) =>
    fanout
      .run(async () => {
        started.push(i);
        meter.running++;
        meter.peak = Math.max(meter.peak, meter.running);
        try {
          return await g.promise;
        } finally {
          meter.running--;
        }
      })
      .then(
        (value) => ({ ok: true as const, value }),
        (error: unknown) => ({ ok: false as const, error }),
      ),
  );
  return { gates, started, results, peak: () => meter.peak };
}

describe('Fanout', () => {
  it.each([
    { limit: 1, count: 5 },
    { limit: 3, count: 10 },
    { limit: 8, count: 4 },
  ])('runs at most $limit of $count at once, in the order given', async ({ limit, count }) => {
    const fanout = new Fanout(limit);
    const t = startTasks(fanout, count);
    await settleAll();
    expect(t.started).toEqual([...Array(Math.min(limit, count)).keys()]);
    // End them out of order, one at a time: each ending lets exactly the next waiter in.
    for (let done = 0; done < count; done++) {
      const runningNow = t.started.filter((i) => i >= done);
      expect(runningNow.length).toBeLessThanOrEqual(limit);
      t.gates[done]?.resolve(`r${done}`);
      await settleAll();
      expect(t.started).toEqual([...Array(Math.min(limit + done + 1, count)).keys()]);
    }
    expect(t.peak()).toBe(Math.min(limit, count));
    expect(await Promise.all(t.results)).toEqual(t.gates.map((_, i) => ({ ok: true, value: `r${i}` })));
  });

  it('gives each caller its own result even when tasks end in reverse order', async () => {
    const fanout = new Fanout(4);
    const t = startTasks(fanout, 4);
    await settleAll();
    for (const i of [3, 2, 1, 0]) t.gates[i]?.resolve(`r${i}`);
    expect((await Promise.all(t.results)).map((r) => (r.ok ? r.value : 'failed'))).toEqual(['r0', 'r1', 'r2', 'r3']);
  });

  it('frees the slot of a task that failed, and passes its error to its caller only', async () => {
    const fanout = new Fanout(2);
    const t = startTasks(fanout, 4);
    await settleAll();
    expect(t.started).toEqual([0, 1]);
    const boom = new Error('connect failed');
    t.gates[0]?.reject(boom);
    await settleAll();
    expect(t.started).toEqual([0, 1, 2]);
    t.gates[1]?.reject(new Error('also failed'));
    await settleAll();
    expect(t.started).toEqual([0, 1, 2, 3]);
    t.gates[2]?.resolve('r2');
    t.gates[3]?.resolve('r3');
    const results = await Promise.all(t.results);
    expect(results[0]).toEqual({ ok: false, error: boom });
    expect(results[1]).toMatchObject({ ok: false });
    expect(results.slice(2)).toEqual([
      { ok: true, value: 'r2' },
      { ok: true, value: 'r3' },
    ]);
    expect(t.peak()).toBe(2);
  });

  it('frees the slot of a task that throws before its first await', async () => {
    const fanout = new Fanout(1);
    const first = fanout.run(() => {
      throw new Error('bad target');
    });
    await expect(first).rejects.toThrow('bad target');
    await expect(fanout.run(async () => 'next')).resolves.toBe('next');
  });

  it('keeps the limit for work queued while others end', async () => {
    const fanout = new Fanout(2);
    const meter: Meter = { running: 0, peak: 0 };
    const first = startTasks(fanout, 3, meter);
    await settleAll();
    first.gates[0]?.resolve('a');
    const second = startTasks(fanout, 2, meter); // queued behind task 2 of the first batch
    await settleAll();
    expect(first.started).toEqual([0, 1, 2]);
    expect(second.started).toEqual([]);
    first.gates[1]?.resolve('b');
    await settleAll();
    expect(second.started).toEqual([0]);
    first.gates[2]?.resolve('c');
    second.gates[0]?.resolve('d');
    await settleAll();
    expect(second.started).toEqual([0, 1]);
    second.gates[1]?.resolve('e');
    await Promise.all([...first.results, ...second.results]);
    expect(meter.peak).toBe(2);
  });

  it('hands a freed slot to the first waiter, not to a caller that comes in the same tick', async () => {
    const fanout = new Fanout(1);
    const meter: Meter = { running: 0, peak: 0 };
    const a = gate();
    const first = fanout.run(() => a.promise);
    const b = startTasks(fanout, 1, meter);
    await settleAll();
    expect(b.started).toEqual([]);
    // A ends, and before B has woken up another caller asks (say, a node whose host key
    // was just accepted, from a promise callback): it must queue behind B, not run beside it.
    a.resolve('a');
    let c: ReturnType<typeof startTasks> | undefined;
    queueMicrotask(() => {
      c = startTasks(fanout, 1, meter);
    });
    await settleAll();
    expect(b.started).toEqual([0]);
    expect(c?.started).toEqual([]);
    expect(meter.running).toBe(1);
    b.gates[0]?.resolve('b');
    await settleAll();
    expect(c?.started).toEqual([0]);
    c?.gates[0]?.resolve('c');
    await Promise.all([first, ...b.results, ...(c?.results ?? [])]);
    expect(meter.peak).toBe(1);
  });
});
