import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { READY_MARKER } from '../../../../../agent/src/protocol/version';
import { greetAgent } from '../../../../../electron/hub/agents/greet';
import { hello } from '../nodes/sessionHarness';
import { fakeAgent, flush, lastSent, settle } from './fakeAgent';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
});
afterEach(() => {
  vi.useRealTimers();
});

/** Starts a greeting and answers its hello with `answer`. */
async function greetWith(answer: unknown) {
  const agent = fakeAgent();
  const closed = vi.fn();
  agent.transport.onClose(closed);
  const greeting = settle(greetAgent(agent.transport, agent.log, 10_000));
  agent.say(READY_MARKER);
  await flush();
  const req = await lastSent(agent);
  expect(req.method).toBe('hello');
  agent.say({ jsonrpc: '2.0', id: req.id, result: answer });
  await flush();
  return { result: await greeting, closed };
}

describe('greetAgent', () => {
  it('gives the client and the checked hello, and leaves no timer behind', async () => {
    const { result, closed } = await greetWith(hello('node1'));
    expect(result.ok).toBe(true);
    expect(result.ok && result.value.hello.node.hostname).toBe('node1');
    expect(closed).not.toHaveBeenCalled();
    expect(vi.getTimerCount()).toBe(0);
  });

  const good = hello('node1');
  it.each([
    { name: 'no node', answer: { ...good, node: undefined }, where: 'node' },
    {
      name: 'a hostname that is not a string',
      answer: { ...good, node: { ...good.node, hostname: 7 } },
      where: 'node.hostname',
    },
    { name: 'an empty hostname', answer: { ...good, node: { ...good.node, hostname: '' } }, where: 'node.hostname' },
    { name: 'an unknown engine', answer: { ...good, engine: 'windows' }, where: 'engine' },
    { name: 'a capability missing', answer: { ...good, capabilities: { monitor: true } }, where: 'capabilities.' },
    { name: 'no answer at all', answer: null, where: '' },
  ])('fails on a hello with $name, with a sentence, and closes the pipe', async ({ answer, where }) => {
    const { result, closed } = await greetWith(answer);
    expect(result.ok).toBe(false);
    const message = (result as { error: Error }).error.message;
    expect(message).toMatch(/^its answer to hello is not valid \(/);
    expect(message).toContain(where);
    expect(closed).toHaveBeenCalledTimes(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('fails when the agent never prints its marker, and closes the pipe', async () => {
    const agent = fakeAgent();
    const closed = vi.fn();
    agent.transport.onClose(closed);
    const greeting = settle(greetAgent(agent.transport, agent.log, 10_000));
    await vi.advanceTimersByTimeAsync(10_000);
    const result = await greeting;
    expect(result.ok).toBe(false);
    expect((result as { error: Error }).error.message).toBe('the agent did not start within 10 s');
    expect(closed).toHaveBeenCalledTimes(1);
  });
});
