import { describe, expect, it, vi } from 'vitest';
import { ConnectFailure } from '../../../../../electron/hub/ssh/connectFailure';
import { advance, harness, refused, useFakeClock } from './sessionHarness';

useFakeClock();

describe('NodeSession losing the link', () => {
  it('declares a silent agent dead by liveness, closes it, and reconnects', async () => {
    const h = harness();
    h.session.start();
    const { client } = await h.attempt(0).succeed();
    const closed = vi.fn();
    client.onClose(closed);
    await advance(3999);
    expect(h.last().state).toBe('up');
    await advance(1);
    expect(closed).toHaveBeenCalledWith('no answer from the agent for 4.0 s');
    expect(h.last()).toMatchObject({ state: 'dead', reason: 'no answer from the agent for 4.0 s' });
    expect(h.session.agent).toBeUndefined();
    await advance(500);
    expect(h.attempts).toHaveLength(2);
    h.session.stop();
  });

  it('reports dead when the agent goes away, and retries after the first delay', async () => {
    const h = harness();
    h.session.start();
    const { agent } = await h.attempt(0).succeed();
    agent.end('the SSH connection to root@node1 closed');
    expect(h.last()).toMatchObject({ state: 'dead', reason: 'the SSH connection to root@node1 closed' });
    await advance(499);
    expect(h.attempts).toHaveLength(1);
    await advance(1);
    expect(h.attempts).toHaveLength(2);
    h.session.stop();
  });

  it('ignores the late answer of an older attempt', async () => {
    const h = harness();
    h.session.start();
    h.session.reconnectNow();
    expect(h.attempts).toHaveLength(2);
    await h.attempt(0).fail(new ConnectFailure('auth-failed', 'old attempt', 'manual'));
    expect(h.views.map((v) => v.state)).toEqual(['connecting', 'connecting']);
    const current = await h.attempt(1).succeed();
    expect(h.session.agent).toBe(current.client);
    expect(h.last().state).toBe('up');
    h.session.stop();
  });

  it('closes the link of an older attempt that succeeds late', async () => {
    const h = harness();
    h.session.start();
    h.session.reconnectNow();
    const current = await h.attempt(1).succeed();
    const old = await h.attempt(0).succeed();
    expect(h.session.agent).toBe(current.client);
    expect(await old.client.request('ping', {}).catch((e: Error) => e.message)).toMatch(/not connected/);
    expect(h.views.filter((v) => v.state === 'up')).toHaveLength(1);
    h.session.stop();
  });

  it('stop() while connecting closes the late connection and never retries', async () => {
    const h = harness();
    h.session.start();
    h.session.stop();
    const late = await h.attempt(0).succeed();
    expect(await late.client.request('ping', {}).catch((e: Error) => e.message)).toMatch(/not connected/);
    expect(h.session.agent).toBeUndefined();
    expect(h.views.map((v) => v.state)).toEqual(['connecting']);
    await advance(60_000);
    expect(h.attempts).toHaveLength(1);
  });

  it('stop() while connecting ignores a late failure', async () => {
    const h = harness();
    h.session.start();
    h.session.stop();
    await h.attempt(0).fail(refused());
    expect(h.views.map((v) => v.state)).toEqual(['connecting']);
    await advance(60_000);
    expect(h.attempts).toHaveLength(1);
  });

  it('stop() while up closes the link without reporting it dead or retrying', async () => {
    const h = harness();
    h.session.start();
    const { client } = await h.attempt(0).succeed();
    h.session.stop();
    expect(await client.request('ping', {}).catch((e: Error) => e.message)).toMatch(/not connected/);
    await advance(60_000);
    expect(h.attempts).toHaveLength(1);
    expect(h.views.map((v) => v.state)).toEqual(['connecting', 'up']);
  });

  it('stop() during a backoff wait cancels the retry', async () => {
    const h = harness();
    h.session.start();
    await h.attempt(0).fail(refused());
    h.session.stop();
    await advance(60_000);
    expect(h.attempts).toHaveLength(1);
  });
});
