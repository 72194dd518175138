import { hostname } from 'node:os';
import { describe, expect, it, vi } from 'vitest';
import { RpcErrorCode, type RpcErrorObject } from '../../../../agent/src/protocol/errors';
import type { RpcResponse } from '../../../../agent/src/protocol/messages';
import { AGENT_VERSION, PROTOCOL_VERSION } from '../../../../agent/src/protocol/version';
import { fakeEngine } from '../../../support/fakeEngine';
import type { Ctx } from '../../../../agent/src/server/context';
import { dispatchLine } from '../../../../agent/src/server/dispatch';

// metrics.read is the one handler made to fail here, to see how an unexpected error is reported:
// its sampler fails as a read of an unreadable /proc file would.
vi.mock('../../../../agent/src/engines/linux/metrics', async (importOriginal) => ({
  ...(await importOriginal<Record<string, unknown>>()),
  createMetricsSampler: () => ({
    sample: async (): Promise<never> => {
      throw new Error("EACCES: permission denied, open '/proc/secret'");
    },
  }),
}));

interface FakeCtx extends Ctx {
  logged: { message: string; err: unknown }[];
  notified: unknown[];
}

function fakeCtx(greeted = false): FakeCtx {
  const logged: FakeCtx['logged'] = [];
  const notified: unknown[] = [];
  return {
    greeted,
    logged,
    notified,
    log: { info: () => undefined, error: (message, err) => logged.push({ message, err }) },
    engine: fakeEngine(),
    subscriptions: new Map(),
    session: new Map(),
    notify: (method, params) => notified.push({ method, params }),
    canWrite: () => true,
  };
}

const line = (message: Record<string, unknown>): string => JSON.stringify({ jsonrpc: '2.0', ...message });

/** The error of a response, failing the test when the response is a result or nothing. */
function errorOf(response: RpcResponse | null): RpcErrorObject & { id: RpcResponse['id'] } {
  if (response === null || !('error' in response))
    throw new Error(`expected an error, got ${JSON.stringify(response)}`);
  return { ...response.error, id: response.id };
}

function resultOf(response: RpcResponse | null): unknown {
  if (response === null || !('result' in response))
    throw new Error(`expected a result, got ${JSON.stringify(response)}`);
  return response.result;
}

const refused = [
  { name: 'bad JSON', input: '{"jsonrpc":"2.0","id":1,', greeted: true, code: RpcErrorCode.ParseError, id: null },
  { name: 'a bare word', input: 'ping', greeted: true, code: RpcErrorCode.ParseError, id: null },
  { name: 'a JSON array', input: '[]', greeted: true, code: RpcErrorCode.InvalidRequest, id: null },
  {
    name: 'wrong jsonrpc, id still salvaged',
    input: line({ jsonrpc: '1.0', id: 5, method: 'ping' }),
    greeted: true,
    code: RpcErrorCode.InvalidRequest,
    id: 5,
  },
  {
    name: 'an unsafe id, answered to null',
    input: line({ id: 2 ** 60, method: 'ping' }),
    greeted: true,
    code: RpcErrorCode.InvalidRequest,
    id: null,
  },
  {
    name: 'params not an object',
    input: line({ id: 'p', method: 'ping', params: [] }),
    greeted: true,
    code: RpcErrorCode.InvalidParams,
    id: 'p',
  },
  {
    name: 'a call before hello',
    input: line({ id: 2, method: 'ping' }),
    greeted: false,
    code: RpcErrorCode.NotInitialized,
    id: 2,
  },
  {
    name: 'metrics.read before hello',
    input: line({ id: 3, method: 'metrics.read' }),
    greeted: false,
    code: RpcErrorCode.NotInitialized,
    id: 3,
  },
  {
    name: 'an unknown method',
    input: line({ id: 4, method: 'migrate' }),
    greeted: true,
    code: RpcErrorCode.MethodNotFound,
    id: 4,
  },
  {
    name: 'an inherited name (toString)',
    input: line({ id: 5, method: 'toString' }),
    greeted: true,
    code: RpcErrorCode.MethodNotFound,
    id: 5,
  },
  {
    name: 'an inherited name (__proto__)',
    input: line({ id: 6, method: '__proto__' }),
    greeted: true,
    code: RpcErrorCode.MethodNotFound,
    id: 6,
  },
  {
    name: 'an inherited name (constructor)',
    input: line({ id: 7, method: 'constructor' }),
    greeted: true,
    code: RpcErrorCode.MethodNotFound,
    id: 7,
  },
  {
    name: 'a string id echoed back',
    input: line({ id: 'abc', method: 'nope' }),
    greeted: true,
    code: RpcErrorCode.MethodNotFound,
    id: 'abc',
  },
];

describe('dispatchLine refuses', () => {
  it.each(refused)('$name', async ({ input, greeted, code, id }) => {
    const response = await dispatchLine(input, fakeCtx(greeted));
    expect(response?.jsonrpc).toBe('2.0');
    const error = errorOf(response);
    expect(error.code).toBe(code);
    expect(error.id).toBe(id);
    expect(error.message.length).toBeGreaterThan(0);
  });

  it('names the unknown method in the message', async () => {
    const error = errorOf(await dispatchLine(line({ id: 1, method: 'migrate' }), fakeCtx(true)));
    expect(error.message).toContain('"migrate"');
  });
});

const invalidParams = [
  {
    name: 'hello with a string version',
    method: 'hello',
    params: { protocolVersion: '1' },
    greeted: false,
    mentions: 'protocolVersion',
  },
  { name: 'hello without a version', method: 'hello', params: {}, greeted: false, mentions: 'protocolVersion' },
  {
    name: 'hello with a fractional version',
    method: 'hello',
    params: { protocolVersion: 1.5 },
    greeted: false,
    mentions: 'protocolVersion',
  },
  { name: 'ping with an unknown key', method: 'ping', params: { verbose: true }, greeted: true, mentions: 'verbose' },
  {
    name: 'subscribe with too short an interval',
    method: 'subscribe',
    params: { topic: 'metrics', intervalMs: 10 },
    greeted: true,
    mentions: 'intervalMs',
  },
  {
    name: 'subscribe to an unknown topic',
    method: 'subscribe',
    params: { topic: 'disks', intervalMs: 1000 },
    greeted: true,
    mentions: 'topic',
  },
  {
    name: 'unsubscribe with an empty id',
    method: 'unsubscribe',
    params: { subscriptionId: '' },
    greeted: true,
    mentions: 'subscriptionId',
  },
];

describe('dispatchLine checks params', () => {
  it.each(invalidParams)('rejects $name with a readable -32602', async ({ method, params, greeted, mentions }) => {
    const ctx = fakeCtx(greeted);
    const error = errorOf(await dispatchLine(line({ id: 9, method, params }), ctx));
    expect(error.code).toBe(RpcErrorCode.InvalidParams);
    expect(error.id).toBe(9);
    expect(error.message).toMatch(/^Invalid params: .+\.$/);
    expect(error.message).toContain(mentions);
    expect(ctx.subscriptions.size).toBe(0);
  });
});

describe('dispatchLine handshake', () => {
  it('refuses hello with another protocol version and stays ungreeted', async () => {
    const ctx = fakeCtx();
    const error = errorOf(
      await dispatchLine(line({ id: 1, method: 'hello', params: { protocolVersion: PROTOCOL_VERSION + 1 } }), ctx),
    );
    expect(error.code).toBe(RpcErrorCode.VersionMismatch);
    expect(error.id).toBe(1);
    expect(error.data).toEqual({ agentProtocolVersion: PROTOCOL_VERSION, agentVersion: AGENT_VERSION });
    expect(ctx.greeted).toBe(false);
    expect(errorOf(await dispatchLine(line({ id: 2, method: 'ping' }), ctx)).code).toBe(RpcErrorCode.NotInitialized);
  });

  it('answers hello with this node, then ping', async () => {
    const ctx = fakeCtx();
    const response = await dispatchLine(
      line({ id: 1, method: 'hello', params: { protocolVersion: PROTOCOL_VERSION } }),
      ctx,
    );
    expect(response?.id).toBe(1);
    expect(resultOf(response)).toMatchObject({
      protocolVersion: PROTOCOL_VERSION,
      agentVersion: AGENT_VERSION,
      engine: 'linux',
      node: { hostname: hostname(), cpuModel: expect.any(String), cpuCount: expect.any(Number) },
      capabilities: { monitor: true, migrate: expect.stringContaining('MOSIX') },
    });
    expect(ctx.greeted).toBe(true);

    const before = Date.now();
    const pong = await dispatchLine(line({ id: 'p1', method: 'ping', params: {} }), ctx);
    expect(pong?.id).toBe('p1');
    const result = resultOf(pong) as { pong: boolean; at: number };
    expect(result.pong).toBe(true);
    expect(result.at).toBeGreaterThanOrEqual(before);
    expect(result.at).toBeLessThanOrEqual(Date.now());
  });

  it('accepts ping without params (they default to {})', async () => {
    expect(resultOf(await dispatchLine(line({ id: 1, method: 'ping' }), fakeCtx(true)))).toMatchObject({ pong: true });
  });
});

describe('dispatchLine notifications', () => {
  it('returns nothing for a successful notification', async () => {
    expect(await dispatchLine(line({ method: 'ping' }), fakeCtx(true))).toBeNull();
  });

  it('still runs a hello sent as a notification', async () => {
    const ctx = fakeCtx();
    expect(
      await dispatchLine(line({ method: 'hello', params: { protocolVersion: PROTOCOL_VERSION } }), ctx),
    ).toBeNull();
    expect(ctx.greeted).toBe(true);
  });

  it('never answers a failing notification, but logs why', async () => {
    const greeted = fakeCtx(true);
    expect(await dispatchLine(line({ method: 'no.such.method' }), greeted)).toBeNull();
    const fresh = fakeCtx();
    expect(await dispatchLine(line({ method: 'ping' }), fresh)).toBeNull();
    expect([...greeted.logged, ...fresh.logged].map((l) => l.message)).toEqual([
      'notification failed: No method "no.such.method".',
      'notification failed: Call hello first.',
    ]);
  });
});

describe('dispatchLine internal errors', () => {
  it('hides an unexpected error behind -32603 and logs it', async () => {
    const ctx = fakeCtx(true);
    const error = errorOf(await dispatchLine(line({ id: 8, method: 'metrics.read' }), ctx));
    expect(error.code).toBe(RpcErrorCode.InternalError);
    expect(error.id).toBe(8);
    expect(error.message).not.toContain('/proc/secret');
    expect(ctx.logged).toHaveLength(1);
    expect(String(ctx.logged[0]?.err)).toContain('/proc/secret');
  });
});
