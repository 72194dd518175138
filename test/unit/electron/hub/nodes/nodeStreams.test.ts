import { describe, expect, it, vi } from 'vitest';
import type { AgentClient } from '../../../../../electron/hub/agents/agentClient';
import { silentLog } from '../../../../../electron/hub/log';
import { NodeStreams } from '../../../../../electron/hub/nodes/nodeStreams';

/** An agent whose subscribe answers wait for `answer`, as the lines of one read do. */
function fakeAgent() {
  const answers: ((id: string) => void)[] = [];
  const requests: { method: string; params: unknown }[] = [];
  const client = {
    request: vi.fn((method: string, params: unknown) => {
      requests.push({ method, params });
      if (method !== 'subscribe') return Promise.resolve({ removed: true });
      return new Promise((resolve) => answers.push((subscriptionId) => resolve({ subscriptionId })));
    }),
  } as unknown as AgentClient;
  return { client, requests, answer: (k: number, id: string) => answers[k]?.(id) };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('NodeStreams', () => {
  it('keeps a first notification that comes in the same read as its subscribe answer', async () => {
    const agent = fakeAgent();
    const streams = new NodeStreams<'procs', string>('procs', silentLog);
    streams.attach(agent.client);
    const got: string[] = [];
    streams.add({ intervalMs: 1000 }, (p) => got.push(p));
    // The answer's line, then the first notification's, handled in one go before any await resumes.
    agent.answer(0, 'a1');
    streams.deliver('a1', 'whole table');
    expect(got).toEqual([]);
    await settle();
    expect(got).toEqual(['whole table']);
    streams.deliver('a1', 'changes');
    expect(got).toEqual(['whole table', 'changes']);
  });

  it('holds nothing once no subscribe waits: a late notification of a closed stream is dropped', async () => {
    const agent = fakeAgent();
    const streams = new NodeStreams<'procs', string>('procs', silentLog);
    streams.attach(agent.client);
    const got: string[] = [];
    const stop = streams.add({ intervalMs: 1000 }, (p) => got.push(p));
    agent.answer(0, 'a1');
    await settle();
    stop();
    expect(agent.requests.at(-1)).toEqual({ method: 'unsubscribe', params: { subscriptionId: 'a1' } });
    streams.deliver('a1', 'late');
    const again: string[] = [];
    streams.add({ intervalMs: 1000 }, (p) => again.push(p));
    agent.answer(1, 'a2');
    await settle();
    streams.deliver('a2', 'whole table');
    expect(got).toEqual([]);
    expect(again).toEqual(['whole table']);
  });

  it('gives early notifications to their own stream only, and none of a replaced agent', async () => {
    const first = fakeAgent();
    const streams = new NodeStreams<'procs', string>('procs', silentLog);
    streams.attach(first.client);
    const a: string[] = [];
    const b: string[] = [];
    streams.add({ intervalMs: 1000 }, (p) => a.push(p));
    streams.add({ intervalMs: 1000, scope: 'local' }, (p) => b.push(p));
    first.answer(1, 'b1');
    streams.deliver('b1', 'b table');
    streams.deliver('a1', 'a table');
    first.answer(0, 'a1');
    await settle();
    expect(a).toEqual(['a table']);
    expect(b).toEqual(['b table']);

    const second = fakeAgent();
    streams.attach(undefined);
    streams.attach(second.client);
    streams.deliver('a1', 'from the old agent');
    second.answer(0, 'a2');
    second.answer(1, 'b2');
    await settle();
    expect(a).toEqual(['a table']);
    expect(b).toEqual(['b table']);
  });
});
