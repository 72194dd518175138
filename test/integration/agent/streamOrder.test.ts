import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentProcess } from '../../support/agentProcess';

let agent: AgentProcess;

beforeAll(async () => {
  agent = new AgentProcess();
  await agent.call(1, 'hello', { protocolVersion: 1 });
});

afterAll(() => agent.stop());

describe('stream order', () => {
  it.each([
    { topic: 'metrics', id: 10 },
    { topic: 'procs', id: 11 },
  ])('answers subscribe to $topic before its first notification', async ({ topic, id }) => {
    const reply = await agent.call(id, 'subscribe', { topic, intervalMs: 1000 });
    const { subscriptionId } = reply.result as { subscriptionId: string };
    const first = await agent.waitFor(
      (m) => m.method === topic && (m.params as { subscriptionId: string }).subscriptionId === subscriptionId,
    );
    expect(agent.received.indexOf(reply)).toBeLessThan(agent.received.indexOf(first));
    await agent.call(id + 100, 'unsubscribe', { subscriptionId });
  });
});
