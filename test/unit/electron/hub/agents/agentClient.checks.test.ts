import { describe, expect, it, vi } from 'vitest';
import { READY_MARKER } from '../../../../../agent/src/protocol/version';
import { AgentClient } from '../../../../../electron/hub/agents/agentClient';
import { AgentCallError, HubError } from '../../../../../electron/hub/errors';
import { fakeAgent, flush, lastSent, readyClient, SAMPLE, settle } from './fakeAgent';

describe('AgentClient checks what the agent sends', () => {
  const PROCS = { at: 1, full: true, upserted: [{ pid: 1, command: 'init' }], removed: [] };

  it.each([
    { name: 'metrics without params', message: { method: 'metrics' } },
    { name: 'metrics without a sample', message: { method: 'metrics', params: { subscriptionId: 's' } } },
    {
      name: 'metrics with a sample that is not an object',
      message: { method: 'metrics', params: { subscriptionId: 's', sample: 'x' } },
    },
    { name: 'metrics with params null', message: { method: 'metrics', params: null } },
    {
      name: 'procs with a row that is not a row',
      message: { method: 'procs', params: { subscriptionId: 's', changes: { ...PROCS, upserted: [7] } } },
    },
    { name: 'an unknown notification', message: { method: 'reboot', params: {} } },
  ])('drops $name with one warning, and goes on', async ({ message }) => {
    const { agent, client } = await readyClient();
    const received: string[] = [];
    client.onNotification((method) => received.push(method));
    for (let i = 0; i < 5; i++) agent.say({ jsonrpc: '2.0', ...message });
    agent.say({ jsonrpc: '2.0', method: 'metrics', params: { subscriptionId: 's', sample: SAMPLE } });
    agent.say({ jsonrpc: '2.0', method: 'procs', params: { subscriptionId: 's', changes: PROCS } });
    await flush();
    expect(received).toEqual(['metrics', 'procs']);
    expect(agent.warnings).toHaveLength(1);
    expect(agent.warnings[0]).toMatch(/dropped/);
  });

  it('keeps a throwing notification handler from escaping into the pipe reader', async () => {
    const { agent, client } = await readyClient();
    client.onNotification(() => {
      throw new TypeError('boom');
    });
    agent.say({ jsonrpc: '2.0', method: 'metrics', params: { subscriptionId: 's', sample: SAMPLE } });
    await flush();
    expect(agent.warnings).toEqual(['handling the agent\'s "metrics" notification failed']);
    const reply = client.request('ping', {});
    const req = await lastSent(agent);
    agent.say({ jsonrpc: '2.0', id: req.id, result: { pong: true, at: 1 } });
    await expect(reply).resolves.toEqual({ pong: true, at: 1 });
  });

  it.each([
    { name: 'a string', error: 'no' },
    { name: 'null', error: null },
    { name: 'an object without a code', error: { message: 'x' } },
  ])('fails a request whose error is $name with a HubError, not a crash', async ({ error }) => {
    const { agent, client } = await readyClient();
    const reply = settle(client.request('ping', {}));
    const req = await lastSent(agent);
    agent.say({ jsonrpc: '2.0', id: req.id, error });
    const result = await reply;
    expect(result.ok).toBe(false);
    const err = (result as { error: unknown }).error;
    expect(err).toBeInstanceOf(HubError);
    expect((err as HubError).message).toBe('The agent answered "ping" with a malformed error.');
  });

  it('takes an error without data, as the agent sends most of them', async () => {
    const { agent, client } = await readyClient();
    const reply = settle(client.request('cluster.map', {}));
    const req = await lastSent(agent);
    agent.say({ jsonrpc: '2.0', id: req.id, error: { code: 1004, message: 'no map' } });
    const result = await reply;
    expect(result.ok).toBe(false);
    expect((result as { error: unknown }).error).toBeInstanceOf(AgentCallError);
    expect((result as { error: AgentCallError }).error).toMatchObject({ agentCode: 1004, message: 'no map' });
  });
});

describe('AgentClient activity', () => {
  it('reports every chunk after the marker, a piece of a reply too, until unsubscribed', async () => {
    const agent = fakeAgent();
    const client = new AgentClient(agent.transport, agent.log);
    const seen = vi.fn();
    const stop = client.onActivity(seen);
    agent.say('a login banner');
    await flush();
    expect(seen).not.toHaveBeenCalled();
    agent.say(READY_MARKER);
    await client.ready();
    agent.write('{"jsonrpc":"2.0","id":99,');
    await flush();
    const afterPiece = seen.mock.calls.length;
    expect(afterPiece).toBeGreaterThanOrEqual(1);
    agent.say({ jsonrpc: '2.0', method: 'metrics', params: { subscriptionId: 's', sample: SAMPLE } });
    await flush();
    expect(seen.mock.calls.length).toBeGreaterThan(afterPiece);
    stop();
    const before = seen.mock.calls.length;
    agent.say({ jsonrpc: '2.0', method: 'metrics', params: { subscriptionId: 's', sample: SAMPLE } });
    await flush();
    expect(seen.mock.calls.length).toBe(before);
  });
});
