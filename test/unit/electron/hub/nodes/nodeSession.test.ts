import { describe, expect, it, vi } from 'vitest';
import { ConnectFailure } from '../../../../../electron/hub/ssh/connectFailure';
import { advance, harness, refused, useFakeClock } from './sessionHarness';

useFakeClock();

describe('NodeSession connecting', () => {
  it('reports connecting, then up with the hello and the agent', async () => {
    const h = harness();
    h.session.start();
    expect(h.last()).toMatchObject({ id: 'n1', name: 'node1', host: 'node1', state: 'connecting' });
    expect(h.session.agent).toBeUndefined();
    const { client } = await h.attempt(0).succeed();
    expect(h.last()).toMatchObject({ name: 'node1.cluster', host: 'node1', state: 'up' });
    expect(h.last().reason).toBeUndefined();
    expect(h.last().hello?.node.hostname).toBe('node1.cluster');
    expect(h.session.agent).toBe(client);
    h.session.start(); // already started: no second attempt
    expect(h.attempts).toHaveLength(1);
    h.session.stop();
  });

  it.each([
    { state: 'hostkey-changed', message: 'WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED' },
    { state: 'hostkey-unknown', message: "The authenticity of node1 can't be established" },
    { state: 'auth-failed', message: 'Permission denied for root@node1' },
    { state: 'no-node', message: 'root@node1 has no Node.js' },
  ] as const)('leaves a manual $state failure alone and never retries', async ({ state, message }) => {
    const h = harness();
    h.session.start();
    await h.attempt(0).fail(new ConnectFailure(state, message, 'manual'));
    expect(h.last()).toMatchObject({ state, reason: message });
    await advance(10 * 60_000);
    expect(h.attempts).toHaveLength(1);
    expect(h.last().state).toBe(state);
  });

  it('retries a backoff failure with doubling delays capped by maxBackoffMs', async () => {
    const h = harness();
    h.session.start();
    const failedAt: number[] = [];
    for (let i = 0; i < 7; i++) {
      failedAt.push(Date.now());
      await h.attempt(i).fail(refused());
      expect(h.last()).toMatchObject({ state: 'dead', reason: refused().message });
      await advance(60_000);
    }
    const delays = h.attempts.slice(1).map((a, i) => a.at - (failedAt[i] ?? NaN));
    expect(delays).toEqual([500, 1000, 2000, 4000, 4000, 4000, 4000]);
    h.session.stop();
  });

  it('retries no sooner than the delay says', async () => {
    const h = harness();
    h.session.start();
    await h.attempt(0).fail(refused());
    await advance(499);
    expect(h.attempts).toHaveLength(1);
    await advance(1);
    expect(h.attempts).toHaveLength(2);
    h.session.stop();
  });

  it('turns any other error into state error, and retries it', async () => {
    const h = harness();
    h.session.start();
    await h.attempt(0).fail(new Error('getaddrinfo EAI_AGAIN'));
    expect(h.last()).toMatchObject({ state: 'error', reason: 'getaddrinfo EAI_AGAIN' });
    await advance(500);
    expect(h.attempts).toHaveLength(2);
    expect(h.last().state).toBe('connecting');
    await h.attempt(1).fail('a string');
    expect(h.last()).toMatchObject({ state: 'error', reason: 'a string' });
    h.session.stop();
  });

  it('keeps "since" across repeated dead reports and moves it on a new state', async () => {
    const h = harness();
    h.session.start();
    const connectingSince = h.last().since;
    await advance(100);
    await h.attempt(0).fail(refused());
    const deadSince = h.last().since;
    expect(deadSince).toBe(connectingSince + 100);
    for (let i = 1; i <= 3; i++) {
      await advance(60_000);
      await h.attempt(i).fail(refused());
      expect(h.last()).toMatchObject({ state: 'dead', since: deadSince });
    }
    // Retrying a dead node does not report "connecting" in between.
    expect(h.views.map((v) => v.state)).toEqual(['connecting', 'dead', 'dead', 'dead', 'dead']);
    await advance(60_000);
    await h.attempt(4).succeed();
    expect(h.last().state).toBe('up');
    expect(h.last().since).toBe(Date.now());
    expect(h.last().since).toBeGreaterThan(deadSince);
    h.session.stop();
  });
});

describe('NodeSession reconnectNow and hold', () => {
  it('reconnectNow tries at once and starts the backoff over', async () => {
    const h = harness();
    h.session.start();
    for (let i = 0; i < 4; i++) {
      await h.attempt(i).fail(refused());
      await advance(60_000);
    }
    await h.attempt(4).fail(refused()); // the next wait would be 4000 ms
    const before = h.attempts.length;
    h.session.reconnectNow();
    expect(h.attempts).toHaveLength(before + 1);
    await h.attempt(before).fail(refused());
    await advance(499);
    expect(h.attempts).toHaveLength(before + 1);
    await advance(1);
    expect(h.attempts).toHaveLength(before + 2);
    h.session.stop();
  });

  it('reconnectNow retries a node held by a manual failure', async () => {
    const h = harness();
    h.session.start();
    await h.attempt(0).fail(new ConnectFailure('no-node', 'no Node.js', 'manual'));
    h.session.reconnectNow();
    expect(h.attempts).toHaveLength(2);
    expect(h.last().state).toBe('connecting');
    await h.attempt(1).succeed();
    expect(h.last().state).toBe('up');
    h.session.stop();
  });

  it('reconnectNow on an up node closes the old link and makes a new one', async () => {
    const h = harness();
    h.session.start();
    const first = await h.attempt(0).succeed();
    const closed = vi.fn();
    first.client.onClose(closed);
    h.session.reconnectNow();
    expect(closed).toHaveBeenCalledTimes(1);
    expect(h.session.agent).toBeUndefined();
    const second = await h.attempt(1).succeed();
    expect(h.session.agent).toBe(second.client);
    expect(h.views.filter((v) => v.state === 'dead')).toEqual([]);
    h.session.stop();
  });

  it('hold() stops the retries and keeps its state and sentence', async () => {
    const h = harness();
    h.session.start();
    await h.attempt(0).fail(refused());
    h.session.hold('error', 'You refused the ssh-ed25519 key SHA256:x of node1; retry to be asked again.');
    expect(h.last()).toMatchObject({ state: 'error', reason: expect.stringMatching(/^You refused/) });
    await advance(10 * 60_000);
    expect(h.attempts).toHaveLength(1);
    h.session.reconnectNow();
    expect(h.attempts).toHaveLength(2);
    h.session.stop();
  });

  it('hold() during an attempt ignores its late answer and closes its link', async () => {
    const h = harness();
    h.session.start();
    h.session.hold('error', 'refused');
    const late = await h.attempt(0).succeed();
    expect(late.agent.sent).toEqual([]);
    expect(h.session.agent).toBeUndefined();
    expect(h.last()).toMatchObject({ state: 'error', reason: 'refused' });
    expect(await late.client.request('ping', {}).catch((e: Error) => e.message)).toMatch(/not connected/);
  });
});

describe('NodeSession dispose', () => {
  it('can never start again: not by start, reconnectNow (a late host key answer) or hold', async () => {
    const h = harness();
    h.session.start();
    await h.attempt(0).fail(new ConnectFailure('hostkey-unknown', 'accept the key', 'manual'));
    const reported = h.views.length;
    h.session.dispose();
    expect(h.session.isDisposed).toBe(true);
    h.session.reconnectNow();
    h.session.start();
    h.session.hold('error', 'refused');
    await advance(10 * 60_000);
    expect(h.attempts).toHaveLength(1);
    expect(h.views).toHaveLength(reported);
  });

  it('closes the link of an up node, and of an attempt that ends after it', async () => {
    const h = harness();
    h.session.start();
    const up = await h.attempt(0).succeed();
    const closed = vi.fn();
    up.client.onClose(closed);
    h.session.reconnectNow(); // a second attempt, still running when the node is disposed
    expect(closed).toHaveBeenCalledTimes(1);
    h.session.dispose();
    const late = await h.attempt(1).succeed();
    expect(h.session.agent).toBeUndefined();
    expect(await late.client.request('ping', {}).catch((e: Error) => e.message)).toMatch(/not connected/);
    await advance(10 * 60_000);
    expect(h.attempts).toHaveLength(2);
  });

  it('ends the backoff: a node waiting to retry never does', async () => {
    const h = harness();
    h.session.start();
    await h.attempt(0).fail(refused());
    h.session.dispose();
    await advance(10 * 60_000);
    expect(h.attempts).toHaveLength(1);
  });
});
