import { describe, expect, it } from 'vitest';
import { RpcError, RpcErrorCode } from '../../../../agent/src/protocol/errors';
import type { Ctx } from '../../../../agent/src/server/context';
import { dispatchLine } from '../../../../agent/src/server/dispatch';
import { fakeEngine } from '../../../support/fakeEngine';
import {
  Admission,
  classOf,
  decide,
  fits,
  LIMITS,
  type Limits,
  type Load,
  type Release,
} from '../../../../agent/src/server/admission';

const LIMITS_2_4_3: Limits = { heavy: 2, total: 4, queue: 3, queueBytes: 1000, retryAfterMs: 250 };
const idle: Load = { heavy: 0, total: 0, queued: 0, queuedBytes: 0, queuedHeavy: 0 };
const load = (over: Partial<Load>): Load => ({ ...idle, ...over });

/** Lets setImmediate callbacks (the queue's pump) and the promises they settle run. */
const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('classOf', () => {
  it.each([
    ['hello', 'exempt'],
    ['ping', 'exempt'],
    ['unsubscribe', 'exempt'],
    ['procs.list', 'heavy'],
    ['metrics.read', 'heavy'],
    ['status.read', 'heavy'],
    ['cluster.map', 'heavy'],
    ['proc.signal', 'light'],
    ['job.run', 'light'],
    ['jobs.list', 'light'],
    ['subscribe', 'light'],
    ['no.such.method', 'light'],
  ] as const)('%s is %s', (method, cls) => {
    expect(classOf(method)).toBe(cls);
  });
});

describe('the agent figures', () => {
  it('keep heavy reads fewer than all requests, and a queue that holds some', () => {
    expect(LIMITS.heavy).toBeGreaterThanOrEqual(1);
    expect(LIMITS.heavy).toBeLessThan(LIMITS.total);
    expect(LIMITS.queue).toBeGreaterThan(0);
    expect(LIMITS.queueBytes).toBeGreaterThanOrEqual(1024 * 1024); // one largest request line
  });
});

describe('fits', () => {
  it.each([
    { name: 'exempt, even when full', l: load({ heavy: 2, total: 4 }), cls: 'exempt', expected: true },
    { name: 'heavy when idle', l: idle, cls: 'heavy', expected: true },
    { name: 'heavy at the heavy bound', l: load({ heavy: 2, total: 2 }), cls: 'heavy', expected: false },
    { name: 'light at the heavy bound', l: load({ heavy: 2, total: 2 }), cls: 'light', expected: true },
    { name: 'light at the total bound', l: load({ heavy: 0, total: 4 }), cls: 'light', expected: false },
    { name: 'heavy at the total bound', l: load({ heavy: 1, total: 4 }), cls: 'heavy', expected: false },
  ] as const)('$name: $expected', ({ l, cls, expected }) => {
    expect(fits(l, cls, LIMITS_2_4_3)).toBe(expected);
  });
});

describe('decide', () => {
  it.each([
    { name: 'an idle agent runs a heavy read', l: idle, cls: 'heavy', expected: 'run' },
    {
      name: 'a full agent still runs ping',
      l: load({ heavy: 2, total: 4, queued: 3 }),
      cls: 'exempt',
      expected: 'run',
    },
    {
      name: 'heavy bound reached: a heavy read waits',
      l: load({ heavy: 2, total: 2 }),
      cls: 'heavy',
      expected: 'wait',
    },
    { name: 'heavy bound reached: an action runs', l: load({ heavy: 2, total: 2 }), cls: 'light', expected: 'run' },
    {
      name: 'an action does not wait behind heavy reads',
      l: load({ heavy: 2, total: 2, queued: 3, queuedHeavy: 3 }),
      cls: 'light',
      expected: 'run',
    },
    {
      name: 'a heavy read does not jump the heavy reads waiting',
      l: load({ heavy: 1, total: 1, queued: 1, queuedHeavy: 1, queuedBytes: 60 }),
      cls: 'heavy',
      expected: 'wait',
    },
    {
      name: 'an action does not jump the actions waiting',
      l: load({ heavy: 0, total: 3, queued: 1, queuedHeavy: 0, queuedBytes: 60 }),
      cls: 'light',
      expected: 'wait',
    },
    { name: 'total bound reached: an action waits', l: load({ total: 4 }), cls: 'light', expected: 'wait' },
    {
      name: 'queue full: refused',
      l: load({ heavy: 2, total: 2, queued: 3, queuedHeavy: 3 }),
      cls: 'heavy',
      expected: 'refuse',
    },
    {
      name: 'queue bytes full: refused',
      l: load({ heavy: 2, total: 2, queued: 1, queuedHeavy: 1, queuedBytes: 950 }),
      cls: 'heavy',
      expected: 'refuse',
    },
  ] as const)('$name', ({ l, cls, expected }) => {
    expect(decide(l, cls, 60, LIMITS_2_4_3)).toBe(expected);
  });

  it('lets one request wait whatever its size, when none waits', () => {
    expect(decide(load({ heavy: 2, total: 2 }), 'heavy', 5000, LIMITS_2_4_3)).toBe('wait');
  });

  it('starts nothing new while the output waits to drain, but still answers ping', () => {
    expect(decide(idle, 'heavy', 60, LIMITS_2_4_3, false)).toBe('wait');
    expect(decide(idle, 'light', 60, LIMITS_2_4_3, false)).toBe('wait');
    expect(decide(idle, 'exempt', 60, LIMITS_2_4_3, false)).toBe('run');
  });
});

/** Enters `method` and records whether and when it started or was refused. */
function track(admission: Admission, method: string, size = 60) {
  const state: { started: boolean; release?: Release; error?: unknown } = { started: false };
  new Promise<Release>((resolve) => resolve(admission.enter(method, size))).then(
    (release) => {
      state.started = true;
      state.release = release;
    },
    (error: unknown) => {
      state.error = error;
    },
  );
  return state;
}

describe('Admission', () => {
  it('runs up to the bounds, queues the rest in order, refuses beyond the queue, never refuses ping', async () => {
    const admission = new Admission(LIMITS_2_4_3);
    const heavy = Array.from({ length: 6 }, () => track(admission, 'procs.list'));
    const ping = track(admission, 'ping');
    const action = track(admission, 'proc.signal');
    await turn();

    expect(heavy.map((h) => h.started)).toEqual([true, true, false, false, false, false]);
    expect(ping.started).toBe(true);
    expect(action.started).toBe(true); // beside the heavy reads, not behind them
    expect(heavy[5]?.error).toBeInstanceOf(RpcError);
    const busy = heavy[5]?.error as RpcError;
    expect(busy.code).toBe(RpcErrorCode.Busy);
    expect(busy.toJSON()).toEqual({
      code: 1009,
      message: expect.stringContaining('"procs.list" was not run') as unknown,
      data: { retryAfterMs: 250 },
    });
    expect(admission.load).toMatchObject({ heavy: 2, total: 3, queued: 3, queuedHeavy: 3 });

    // A place is handed on in a later turn, to the first that waits.
    heavy[0]?.release?.();
    heavy[0]?.release?.(); // a second release frees nothing more
    expect(heavy[2]?.started).toBe(false);
    await turn();
    await turn();
    expect(heavy.map((h) => h.started)).toEqual([true, true, true, false, false, false]);
    expect(admission.load).toMatchObject({ heavy: 2, total: 3, queued: 2 });
  });

  it('keeps the total bound across classes', async () => {
    const admission = new Admission(LIMITS_2_4_3);
    const actions = Array.from({ length: 5 }, () => track(admission, 'job.run'));
    const heavy = track(admission, 'metrics.read');
    await turn();
    expect(actions.map((a) => a.started)).toEqual([true, true, true, true, false]);
    expect(heavy.started).toBe(false);
    actions[0]?.release?.();
    await turn();
    await turn();
    // The first in the queue fits and goes first.
    expect(actions[4]?.started).toBe(true);
    expect(heavy.started).toBe(false);
  });

  it('holds new work while the output waits to drain, and starts it on kick', async () => {
    let ready = false;
    const admission = new Admission(LIMITS_2_4_3, () => ready);
    const read = track(admission, 'status.read');
    const ping = track(admission, 'ping');
    await turn();
    expect(read.started).toBe(false);
    expect(ping.started).toBe(true);
    ready = true;
    admission.kick();
    await turn();
    await turn();
    expect(read.started).toBe(true);
  });

  it('refuses what waits, and all later requests but ping, once the session ends', async () => {
    const admission = new Admission(LIMITS_2_4_3);
    const heavy = Array.from({ length: 3 }, () => track(admission, 'procs.list'));
    await turn();
    admission.close();
    const later = track(admission, 'jobs.list');
    const ping = track(admission, 'ping');
    await turn();
    expect((heavy[2]?.error as RpcError).code).toBe(RpcErrorCode.Busy);
    expect((later.error as RpcError).code).toBe(RpcErrorCode.Busy);
    expect(ping.started).toBe(true);
    expect(admission.load.queued).toBe(0);
  });
});

describe('dispatchLine with an Admission', () => {
  const full = new Admission({ heavy: 0, total: 0, queue: 0, queueBytes: 0, retryAfterMs: 300 });
  const logged: string[] = [];
  const ctx: Ctx = {
    greeted: true,
    log: { info: () => undefined, error: (message) => logged.push(message) },
    engine: fakeEngine(),
    subscriptions: new Map(),
    session: new Map(),
    notify: () => undefined,
    canWrite: () => true,
  };
  const line = (message: object): string => JSON.stringify({ jsonrpc: '2.0', ...message });

  it('answers Busy to the request id, with the hint, and never runs the handler', async () => {
    const response = await dispatchLine(line({ id: 7, method: 'procs.list', params: {} }), ctx, full);
    expect(response).toEqual({
      jsonrpc: '2.0',
      id: 7,
      error: {
        code: RpcErrorCode.Busy,
        message: expect.stringMatching(/busy/) as unknown,
        data: { retryAfterMs: 300 },
      },
    });
  });

  it('still answers ping and hello', async () => {
    expect(await dispatchLine(line({ id: 8, method: 'ping' }), ctx, full)).toMatchObject({
      id: 8,
      result: { pong: true },
    });
    expect(
      await dispatchLine(line({ id: 9, method: 'hello', params: { protocolVersion: 1 } }), ctx, full),
    ).toMatchObject({
      id: 9,
      result: { engine: 'linux' },
    });
  });

  it('logs a refused notification instead of answering it', async () => {
    expect(await dispatchLine(line({ method: 'jobs.list', params: {} }), ctx, full)).toBeNull();
    expect(logged.at(-1)).toMatch(/^notification failed: The agent is busy/);
  });

  it('runs what may run now in the same turn: a hello and a request right after it stay in order', async () => {
    const fresh: Ctx = { ...ctx, greeted: false };
    const admission = new Admission();
    const hello = dispatchLine(line({ id: 11, method: 'hello', params: { protocolVersion: 1 } }), fresh, admission);
    const status = dispatchLine(line({ id: 12, method: 'jobs.list', params: {} }), fresh, admission);
    expect(await hello).toMatchObject({ id: 11, result: { engine: 'linux' } });
    expect(await status).not.toMatchObject({ error: { code: RpcErrorCode.NotInitialized } });
  });

  it('checks the envelope before it counts anything: an unknown method is not Busy', async () => {
    const response = await dispatchLine(line({ id: 10, method: 'nope' }), ctx, full);
    expect(response).toMatchObject({ id: 10, error: { code: RpcErrorCode.MethodNotFound } });
  });
});
