import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RpcErrorCode } from '../../../../../agent/src/protocol/errors';
import {
  BUSY_RETRIES,
  busyRetryDelay,
  MAX_IN_FLIGHT,
  METHOD_KINDS,
} from '../../../../../electron/hub/agents/agentClient';
import { AgentCallError, HubError } from '../../../../../electron/hub/errors';
import { flush, lastSent, readyClient, settle, type SentRequest } from './fakeAgent';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  vi.spyOn(Math, 'random').mockReturnValue(0.5); // no jitter: the delay is the hint
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

const busy = (id: number, retryAfterMs = 100) => ({
  jsonrpc: '2.0',
  id,
  error: { code: RpcErrorCode.Busy, message: 'The agent is busy', data: { retryAfterMs } },
});

describe('busyRetryDelay', () => {
  it.each([
    { tries: 1, hint: 250, random: 0.5, expected: 250 },
    { tries: 2, hint: 250, random: 0.5, expected: 500 },
    { tries: 3, hint: 250, random: 0.5, expected: 1000 },
    { tries: 4, hint: 250, random: 0.5, expected: null },
    { tries: 0, hint: 250, random: 0.5, expected: null },
    { tries: 1, hint: 10, random: 0.5, expected: 50 },
    { tries: 1, hint: 1e9, random: 0.5, expected: 2000 },
    { tries: 3, hint: 1500, random: 0.5, expected: 2000 },
    { tries: 1, hint: 'soon', random: 0.5, expected: 250 },
    { tries: 1, hint: Number.NaN, random: 0.5, expected: 250 },
    { tries: 1, hint: undefined, random: 0.5, expected: 250 },
    { tries: 1, hint: 1000, random: 0, expected: 800 },
    { tries: 1, hint: 1000, random: 1, expected: 1200 },
  ])('try $tries, hint $hint, random $random: $expected', ({ tries, hint, random, expected }) => {
    expect(busyRetryDelay(tries, hint, () => random)).toBe(expected);
  });

  it('keeps all the tries of a read well inside the default 10 s timeout', () => {
    let worst = 0;
    for (let t = 1; t <= BUSY_RETRIES; t++) worst += busyRetryDelay(t, 1e9, () => 1) ?? 0;
    expect(worst).toBeLessThan(10_000);
  });
});

describe('METHOD_KINDS', () => {
  it('calls every proc.*, the job changes, the queue changes and the /etc/mosix writes actions, and the rest reads', () => {
    const actions = Object.entries(METHOD_KINDS)
      .filter(([, kind]) => kind === 'action')
      .map(([m]) => m)
      .sort();
    expect(actions).toEqual([
      'config.discard',
      'config.stage',
      'config.switch',
      'job.forget',
      'job.run',
      'proc.checkpoint',
      'proc.continue',
      'proc.freeze',
      'proc.migrate',
      'proc.signal',
      'queue.act',
    ]);
  });
});

/** The requests sent since `from`, once the pipe has delivered them. */
async function sentSince(sent: SentRequest[], from: number): Promise<SentRequest[]> {
  await flush();
  return sent.slice(from);
}

describe('AgentClient and a busy agent', () => {
  it('sends a Busy read again after the hint, and gives its result', async () => {
    const { agent, client } = await readyClient();
    client.setNodeName('node7');
    const reply = settle(client.request('procs.list', { scope: 'all' }));
    const first = await lastSent(agent);
    agent.say(busy(first.id, 100));
    await flush();

    vi.advanceTimersByTime(99);
    expect(await sentSince(agent.sent, 1)).toEqual([]);
    vi.advanceTimersByTime(1);
    const [second] = await sentSince(agent.sent, 1);
    expect(second).toMatchObject({ method: 'procs.list', params: { scope: 'all' } });
    expect(second?.id).not.toBe(first.id);

    agent.say({ jsonrpc: '2.0', id: second?.id, result: { at: 1, rows: [], total: 0 } });
    expect(await reply).toEqual({ ok: true, value: { at: 1, rows: [], total: 0 } });
  });

  it(`gives up on a read after ${BUSY_RETRIES} tries again, with an error a caller can tell apart`, async () => {
    const { agent, client } = await readyClient();
    client.setNodeName('node7');
    const reply = settle(client.request('status.read', {}));
    for (let answer = 1; answer <= BUSY_RETRIES + 1; answer++) {
      const req = await lastSent(agent);
      agent.say(busy(req.id, 100));
      await flush();
      vi.advanceTimersByTime(2000);
    }
    await flush();
    expect(agent.sent).toHaveLength(BUSY_RETRIES + 1);
    const outcome = await reply;
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.error).toBeInstanceOf(AgentCallError);
    expect((outcome.error as AgentCallError).agentCode).toBe(RpcErrorCode.Busy);
    expect((outcome.error as Error).message).toBe(
      `The agent on node7 is busy; it refused "status.read" ${BUSY_RETRIES + 1} times in a row. Try again later.`,
    );
  });

  it('never sends a Busy action again, and says it was not run', async () => {
    const { agent, client } = await readyClient();
    client.setNodeName('node7');
    const reply = settle(client.request('proc.signal', { pid: 4242, signal: 'SIGTERM' }));
    const req = await lastSent(agent);
    agent.say(busy(req.id, 100));
    const outcome = await reply;
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.error).toBeInstanceOf(AgentCallError);
    expect((outcome.error as AgentCallError).agentCode).toBe(RpcErrorCode.Busy);
    expect((outcome.error as Error).message).toBe('The agent on node7 is busy; the action was not run.');

    vi.advanceTimersByTime(60_000);
    expect(await sentSince(agent.sent, 0)).toHaveLength(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('passes any other agent error through at once', async () => {
    const { agent, client } = await readyClient();
    const reply = settle(client.request('procs.list', {}));
    const req = await lastSent(agent);
    agent.say({ jsonrpc: '2.0', id: req.id, error: { code: RpcErrorCode.PermissionDenied, message: 'no' } });
    const outcome = await reply;
    expect(!outcome.ok && (outcome.error as AgentCallError).agentCode).toBe(RpcErrorCode.PermissionDenied);
    expect(agent.sent).toHaveLength(1);
  });

  it('fails a read that stays busy past its timeout, and sends nothing more', async () => {
    const { agent, client } = await readyClient();
    const reply = settle(client.request('metrics.read', {}, 150));
    const req = await lastSent(agent);
    agent.say(busy(req.id, 1000));
    await flush();
    vi.advanceTimersByTime(150);
    const outcome = await reply;
    expect(!outcome.ok && (outcome.error as AgentCallError).agentCode).toBe(RpcErrorCode.Busy);
    vi.advanceTimersByTime(5000);
    expect(await sentSince(agent.sent, 0)).toHaveLength(1);
  });
});

describe('AgentClient requests in flight', () => {
  it(`sends at most ${MAX_IN_FLIGHT} at once, the next as one is answered, and ping always at once`, async () => {
    const { agent, client } = await readyClient();
    const replies = Array.from({ length: MAX_IN_FLIGHT + 2 }, () => settle(client.request('procs.list', {})));
    await flush();
    expect(agent.sent).toHaveLength(MAX_IN_FLIGHT);

    const ping = settle(client.request('ping', {}));
    const pingReq = await lastSent(agent);
    expect(pingReq.method).toBe('ping');
    agent.say({ jsonrpc: '2.0', id: pingReq.id, result: { pong: true, at: 1 } });
    expect((await ping).ok).toBe(true);

    const firstId = agent.sent[0]?.id;
    agent.say({ jsonrpc: '2.0', id: firstId, result: { at: 1, rows: [], total: 0 } });
    expect((await replies[0])?.ok).toBe(true);
    await flush();
    expect(agent.sent.filter((r) => r.method === 'procs.list')).toHaveLength(MAX_IN_FLIGHT + 1);

    // A Busy read makes room while it waits to go again.
    const secondId = agent.sent[1]?.id as number;
    agent.say(busy(secondId, 100));
    await flush();
    await flush();
    expect(agent.sent.filter((r) => r.method === 'procs.list')).toHaveLength(MAX_IN_FLIGHT + 2);
    client.close();
    await Promise.all(replies);
  });

  it('times out a request that could not be sent, saying it was not run', async () => {
    const { agent, client } = await readyClient();
    client.setNodeName('node7');
    for (let i = 0; i < MAX_IN_FLIGHT; i++) void settle(client.request('procs.list', {}, 60_000));
    const action = settle(client.request('proc.freeze', { pid: 77 }, 1000));
    vi.advanceTimersByTime(1000);
    const outcome = await action;
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.error).toBeInstanceOf(HubError);
    expect((outcome.error as HubError).code).toBe('timeout');
    expect((outcome.error as Error).message).toMatch(
      /^"proc\.freeze" was not sent to the agent on node7 within 1 s: .* It was not run\.$/,
    );

    // Answering one then sends nothing for the call that gave up.
    await flush();
    agent.say({ jsonrpc: '2.0', id: agent.sent[0]?.id, result: { at: 1, rows: [], total: 0 } });
    await flush();
    await flush();
    expect(agent.sent.some((r) => r.method === 'proc.freeze')).toBe(false);
    client.close();
  });

  it('fails what waits, or waits to go again, when the link ends, without sending it', async () => {
    const { agent, client } = await readyClient();
    const inFlight = Array.from({ length: MAX_IN_FLIGHT }, () => settle(client.request('procs.list', {})));
    const waiting = settle(client.request('jobs.list', {}));
    await flush();
    agent.say(busy(agent.sent[0]?.id as number, 100));
    await flush();
    const sentBefore = agent.sent.length;
    agent.end('ssh: connection reset by peer');
    for (const outcome of [await waiting, ...(await Promise.all(inFlight))]) {
      expect(outcome.ok).toBe(false);
      if (outcome.ok) continue;
      expect((outcome.error as HubError).code).toBe('unavailable');
      expect((outcome.error as Error).message).toContain('ssh: connection reset by peer');
    }
    vi.advanceTimersByTime(5000);
    expect(await sentSince(agent.sent, sentBefore)).toEqual([]);
    expect(vi.getTimerCount()).toBe(0);
  });
});
