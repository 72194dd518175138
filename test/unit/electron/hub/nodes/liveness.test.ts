import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Liveness } from '../../../../../electron/hub/nodes/liveness';
import { flush, readyClient, SAMPLE } from '../agents/fakeAgent';

type Agent = Awaited<ReturnType<typeof readyClient>>['agent'];

const OPTS = { intervalMs: 1000, deadAfterMs: 3500 };

// setImmediate stays real: the fake agent's pipes deliver through it (see flush()).
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
});
afterEach(() => {
  vi.useRealTimers();
});

/** Pings the client has sent so far. */
async function pings(agent: Agent): Promise<number[]> {
  await flush();
  return agent.sent.filter((r) => r.method === 'ping').map((r) => r.id);
}

/** Answers every ping not answered yet. */
async function answerPings(agent: Agent, answered: Set<number>): Promise<void> {
  for (const id of await pings(agent)) {
    if (answered.has(id)) continue;
    answered.add(id);
    agent.say({ jsonrpc: '2.0', id, result: { pong: true, at: Date.now() } });
  }
  await flush();
}

/** Advances the fake clock by `ms`, letting the pipes deliver. */
async function advance(ms: number): Promise<void> {
  await vi.advanceTimersByTimeAsync(ms);
  await flush();
}

describe('Liveness', () => {
  it('pings every intervalMs and keeps an answering agent alive', async () => {
    const { agent, client } = await readyClient();
    const onDead = vi.fn();
    const liveness = new Liveness(client, onDead, OPTS);
    const answered = new Set<number>();
    for (let s = 1; s <= 20; s++) {
      await advance(1000);
      expect(await pings(agent)).toHaveLength(s);
      await answerPings(agent, answered);
    }
    expect(onDead).not.toHaveBeenCalled();
    liveness.stop();
  });

  it('declares a silent agent dead at the first tick after deadAfterMs, once', async () => {
    const { agent, client } = await readyClient();
    const onDead = vi.fn();
    new Liveness(client, onDead, OPTS);
    await advance(3999);
    expect(onDead).not.toHaveBeenCalled();
    expect(await pings(agent)).toHaveLength(3);
    await advance(1);
    expect(onDead).toHaveBeenCalledTimes(1);
    expect(onDead).toHaveBeenCalledWith('no answer from the agent for 4.0 s');
    await advance(10_000);
    expect(onDead).toHaveBeenCalledTimes(1);
    expect(await pings(agent)).toHaveLength(3);
  });

  it.each([
    { name: 'a short deadline', opts: { intervalMs: 200, deadAfterMs: 500 }, deadAt: 600 },
    { name: 'a deadline on a tick', opts: { intervalMs: 500, deadAfterMs: 1500 }, deadAt: 1500 },
  ])('honours $name', async ({ opts, deadAt }) => {
    const { client } = await readyClient();
    const onDead = vi.fn();
    new Liveness(client, onDead, opts);
    await advance(deadAt - 1);
    expect(onDead).not.toHaveBeenCalled();
    await advance(1);
    expect(onDead).toHaveBeenCalledTimes(1);
  });

  it('keeps a slow agent that answers late but within deadAfterMs', async () => {
    const { agent, client } = await readyClient();
    const onDead = vi.fn();
    const liveness = new Liveness(client, onDead, OPTS);
    const answered = new Set<number>();
    // Answers only every third second: the last answer is never more than 3 s old.
    for (let s = 1; s <= 30; s++) {
      await advance(1000);
      if (s % 3 === 0) await answerPings(agent, answered);
    }
    expect(onDead).not.toHaveBeenCalled();
    liveness.stop();
  });

  it('goes dead when a live agent falls silent', async () => {
    const { agent, client } = await readyClient();
    const onDead = vi.fn();
    new Liveness(client, onDead, OPTS);
    const answered = new Set<number>();
    for (let s = 1; s <= 5; s++) {
      await advance(1000);
      await answerPings(agent, answered);
    }
    await advance(3000);
    expect(onDead).not.toHaveBeenCalled();
    await advance(1000);
    expect(onDead).toHaveBeenCalledWith('no answer from the agent for 4.0 s');
  });

  it('stops pinging and never reports after stop()', async () => {
    const { agent, client } = await readyClient();
    const onDead = vi.fn();
    const liveness = new Liveness(client, onDead, OPTS);
    await advance(1000);
    liveness.stop();
    await advance(60_000);
    expect(await pings(agent)).toHaveLength(1);
    expect(onDead).not.toHaveBeenCalled();
  });

  it('counts a notification or another reply as a sign of life when pongs are late', async () => {
    const { agent, client } = await readyClient();
    const onDead = vi.fn();
    const liveness = new Liveness(client, onDead, OPTS);
    // A busy link: no pong for 20 s, but a sample every second and a long reply in pieces.
    for (let s = 1; s <= 20; s++) {
      await advance(1000);
      if (s % 2 === 0)
        agent.say({ jsonrpc: '2.0', method: 'metrics', params: { subscriptionId: 'x', sample: SAMPLE } });
      else agent.write('{"jsonrpc":"2.0","id":12345,"result":{"rows":[');
    }
    expect(onDead).not.toHaveBeenCalled();
    liveness.stop();
  });

  it('stops listening for activity once stopped', async () => {
    const { client } = await readyClient();
    const stopListening = vi.fn();
    vi.spyOn(client, 'onActivity').mockReturnValue(stopListening);
    new Liveness(client, vi.fn(), OPTS).stop();
    expect(stopListening).toHaveBeenCalledTimes(1);
  });
});
