import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AgentNotifications } from '../../../../../agent/src/protocol/methods';
import { READY_MARKER } from '../../../../../agent/src/protocol/version';
import { AgentClient } from '../../../../../electron/hub/agents/agentClient';
import { AgentCallError, HubError } from '../../../../../electron/hub/errors';
import { fakeAgent, flush, lastSent, readyClient, SAMPLE, settle } from './fakeAgent';

afterEach(() => {
  vi.useRealTimers();
});

describe('AgentClient before the ready marker', () => {
  it('ignores a login banner, even one that looks like a reply', async () => {
    const agent = fakeAgent();
    const client = new AgentClient(agent.transport, agent.log);
    const notified: string[] = [];
    client.onNotification((method) => notified.push(method));
    let isReady = false;
    void client.ready().then(() => {
      isReady = true;
    });
    const reply = settle(client.request('ping', {}));
    const req = await lastSent(agent);

    agent.say('Last login: Mon Mar  3 09:12:44 2025 from 10.0.0.5');
    agent.say('*** node7: scheduled maintenance on Friday ***');
    agent.say({ jsonrpc: '2.0', id: req.id, result: 'forged by the banner' });
    agent.say({ jsonrpc: '2.0', method: 'metrics', params: { subscriptionId: 's', sample: SAMPLE } });
    await flush();
    expect(isReady).toBe(false);
    expect(notified).toEqual([]);

    agent.say(READY_MARKER);
    await client.ready();
    agent.say({ jsonrpc: '2.0', id: req.id, result: { pong: true, at: 5 } });
    expect(await reply).toEqual({ ok: true, value: { pong: true, at: 5 } });
    expect(agent.warnings).toEqual([]);
  });

  it('does not take a banner line that merely contains the marker text', async () => {
    const agent = fakeAgent();
    const client = new AgentClient(agent.transport, agent.log);
    let isReady = false;
    void client.ready().then(() => {
      isReady = true;
    });
    agent.say(`echo "${READY_MARKER}"`);
    agent.say(`${READY_MARKER} (old)`);
    await flush();
    expect(isReady).toBe(false);
    agent.say(`  ${READY_MARKER}\r`);
    await client.ready();
    expect(isReady).toBe(true);
  });

  it('resolves ready() at once when the marker was already seen', async () => {
    const { client } = await readyClient();
    await expect(client.ready()).resolves.toBeUndefined();
  });
});

describe('AgentClient requests', () => {
  it('writes one JSON-RPC line per request, with fresh ids', async () => {
    const { agent, client } = await readyClient();
    void settle(client.request('ping', {}));
    void settle(client.request('subscribe', { topic: 'metrics', intervalMs: 1000 }));
    await flush();
    expect(agent.sent).toEqual([
      { jsonrpc: '2.0', id: expect.any(Number), method: 'ping', params: {} },
      { jsonrpc: '2.0', id: expect.any(Number), method: 'subscribe', params: { topic: 'metrics', intervalMs: 1000 } },
    ]);
    expect(agent.sent[0]?.id).not.toBe(agent.sent[1]?.id);
    client.close();
  });

  it('resolves a request with its result, even when the reply arrives in pieces', async () => {
    const { agent, client } = await readyClient();
    const reply = client.request('unsubscribe', { subscriptionId: 'abc' });
    const req = await lastSent(agent);
    const text = `${JSON.stringify({ jsonrpc: '2.0', id: req.id, result: { removed: true } })}\n`;
    agent.write(text.slice(0, 10));
    agent.write(text.slice(10));
    await expect(reply).resolves.toEqual({ removed: true });
  });

  it('matches replies to requests by id when they come back out of order', async () => {
    const { agent, client } = await readyClient();
    const first = client.request('unsubscribe', { subscriptionId: 'one' });
    const second = client.request('unsubscribe', { subscriptionId: 'two' });
    await flush();
    const [a, b] = agent.sent;
    if (!a || !b) throw new Error('expected two requests');
    agent.say({ jsonrpc: '2.0', id: b.id, result: { removed: false } });
    agent.say({ jsonrpc: '2.0', id: a.id, result: { removed: true } });
    await expect(first).resolves.toEqual({ removed: true });
    await expect(second).resolves.toEqual({ removed: false });
  });

  it('rejects with AgentCallError carrying the agent code, message and data', async () => {
    const { agent, client } = await readyClient();
    const reply = settle(client.request('hello', { protocolVersion: 2 }));
    const req = await lastSent(agent);
    agent.say({
      jsonrpc: '2.0',
      id: req.id,
      error: {
        code: 1002,
        message: 'The hub speaks protocol 2, this agent speaks 1.',
        data: { agentProtocolVersion: 1 },
      },
    });
    const outcome = await reply;
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.error).toBeInstanceOf(AgentCallError);
    const err = outcome.error as AgentCallError;
    expect(err.agentCode).toBe(1002);
    expect(err.message).toBe('The hub speaks protocol 2, this agent speaks 1.');
    expect(err.data).toEqual({ agentProtocolVersion: 1 });
  });

  it('skips lines that are not JSON, with a warning, and goes on', async () => {
    const { agent, client } = await readyClient();
    const reply = client.request('ping', {});
    const req = await lastSent(agent);
    agent.say('Segmentation fault (core dumped)');
    agent.say({ jsonrpc: '2.0', id: 99_999, result: 'for nobody' });
    agent.say({ jsonrpc: '2.0', id: req.id, result: { pong: true, at: 1 } });
    await expect(reply).resolves.toEqual({ pong: true, at: 1 });
    expect(agent.warnings).toHaveLength(1);
    expect(agent.warnings[0]).toContain('Segmentation fault');
  });

  it('rejects with HubError timeout when the agent does not answer in time', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { agent, client } = await readyClient();
    let outcome: Awaited<ReturnType<typeof settle>> | undefined;
    void settle(client.request('metrics.read', {}, 2000)).then((o) => {
      outcome = o;
    });
    const req = await lastSent(agent);

    vi.advanceTimersByTime(1999);
    await flush();
    expect(outcome).toBeUndefined();

    vi.advanceTimersByTime(1);
    await flush();
    expect(outcome?.ok).toBe(false);
    if (!outcome || outcome.ok) return;
    expect(outcome.error).toBeInstanceOf(HubError);
    expect((outcome.error as HubError).code).toBe('timeout');
    expect((outcome.error as HubError).message).toContain('"metrics.read"');
    expect((outcome.error as HubError).message).toContain('2 s');

    // A late answer is dropped, and the link still works.
    agent.say({ jsonrpc: '2.0', id: req.id, result: SAMPLE });
    const next = client.request('ping', {});
    const nextReq = await lastSent(agent);
    agent.say({ jsonrpc: '2.0', id: nextReq.id, result: { pong: true, at: 2 } });
    await expect(next).resolves.toEqual({ pong: true, at: 2 });
  });
});

describe('AgentClient when the link ends', () => {
  it('rejects every request in flight with HubError unavailable, saying it was not retried', async () => {
    const { agent, client } = await readyClient();
    const closeReasons: string[] = [];
    client.onClose((reason) => closeReasons.push(reason));
    const read = settle(client.request('metrics.read', {}));
    const sub = settle(client.request('subscribe', { topic: 'metrics', intervalMs: 1000 }));
    await flush();
    const sentBefore = agent.sent.length;

    agent.end('ssh: connection reset by peer');
    for (const [outcome, method] of [
      [await read, 'metrics.read'],
      [await sub, 'subscribe'],
    ] as const) {
      expect(outcome.ok).toBe(false);
      if (outcome.ok) continue;
      expect(outcome.error).toBeInstanceOf(HubError);
      const err = outcome.error as HubError;
      expect(err.code).toBe('unavailable');
      expect(err.message).toContain(`"${method}"`);
      expect(err.message).toContain('ssh: connection reset by peer');
      expect(err.message).toMatch(/not retried/);
    }
    await flush();
    expect(agent.sent).toHaveLength(sentBefore);
    expect(closeReasons).toEqual(['ssh: connection reset by peer']);
  });

  it('refuses new requests at once after the link ended, without writing them', async () => {
    const { agent, client } = await readyClient();
    agent.end('agent exited with code 1');
    const outcome = await settle(client.request('ping', {}));
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.error).toBeInstanceOf(HubError);
    expect((outcome.error as HubError).code).toBe('unavailable');
    expect((outcome.error as HubError).message).toContain('agent exited with code 1');
    await flush();
    expect(agent.sent).toEqual([]);
  });

  it('rejects ready() when the link ends before the marker, and afterwards', async () => {
    const agent = fakeAgent();
    const client = new AgentClient(agent.transport, agent.log);
    const waiting = settle(client.ready());
    agent.say('bash: node: command not found');
    await flush();
    agent.end('agent exited with code 127');
    for (const outcome of [await waiting, await settle(client.ready())]) {
      expect(outcome.ok).toBe(false);
      if (outcome.ok) continue;
      expect(outcome.error).toBeInstanceOf(HubError);
      expect((outcome.error as HubError).code).toBe('unavailable');
      expect((outcome.error as HubError).message).toContain('code 127');
    }
  });

  it('close() ends the link through the transport and fails requests in flight', async () => {
    const { agent, client } = await readyClient();
    const reply = settle(client.request('ping', {}));
    await flush();
    client.close();
    const outcome = await reply;
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect((outcome.error as HubError).code).toBe('unavailable');
    expect((outcome.error as HubError).message).toContain('closed by the hub');
    expect(agent.sent).toHaveLength(1);
  });
});

describe('AgentClient notifications', () => {
  it('hands notifications to the handler, with their params', async () => {
    const { agent, client } = await readyClient();
    const received: { method: string; params: unknown }[] = [];
    client.onNotification(<N extends keyof AgentNotifications>(method: N, params: AgentNotifications[N]) => {
      received.push({ method, params });
    });
    agent.say({ jsonrpc: '2.0', method: 'metrics', params: { subscriptionId: 's1', sample: SAMPLE } });
    agent.say({
      jsonrpc: '2.0',
      method: 'metrics',
      params: { subscriptionId: 's2', sample: { ...SAMPLE, hostname: 'node8' } },
    });
    await flush();
    expect(received).toEqual([
      { method: 'metrics', params: { subscriptionId: 's1', sample: SAMPLE } },
      { method: 'metrics', params: { subscriptionId: 's2', sample: { ...SAMPLE, hostname: 'node8' } } },
    ]);
  });

  it('does not take a notification for the reply to a request in flight', async () => {
    const { agent, client } = await readyClient();
    const notified: string[] = [];
    client.onNotification((method) => notified.push(method));
    let settled = false;
    const reply = client.request('ping', {});
    void reply.then(() => {
      settled = true;
    });
    const req = await lastSent(agent);
    agent.say({ jsonrpc: '2.0', method: 'metrics', params: { subscriptionId: 's', sample: SAMPLE } });
    await flush();
    expect(settled).toBe(false);
    expect(notified).toEqual(['metrics']);
    agent.say({ jsonrpc: '2.0', id: req.id, result: { pong: true, at: 3 } });
    await expect(reply).resolves.toEqual({ pong: true, at: 3 });
  });
});
