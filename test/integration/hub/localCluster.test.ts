import { hostname } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventName, HubEvents } from '../../../electron/api';
import { createHub, type Hub, type HubConnection } from '../../../electron/hub/hub';
import { silentLog } from '../../../electron/hub/log';
import { AGENT_BUNDLE, requireBuilt } from '../../support/dist';

interface Harness {
  hub: Hub;
  conn: HubConnection;
  events: { event: EventName; payload: unknown }[];
  waitEvent<E extends EventName>(
    event: E,
    pred: (p: HubEvents[E]) => boolean,
    timeoutMs?: number,
  ): Promise<HubEvents[E]>;
}

let current: Harness | undefined;
afterEach(() => current?.hub.close());

function startHub(agentBundlePath = AGENT_BUNDLE): Harness {
  requireBuilt(AGENT_BUNDLE);
  const hub = createHub({
    version: 'test',
    shell: 'browser',
    agentBundlePath,
    nodePath: process.execPath,
    log: silentLog,
  });
  const events: Harness['events'] = [];
  const conn = hub.connect((event, payload) => events.push({ event, payload }));
  const waitEvent: Harness['waitEvent'] = async (event, pred, timeoutMs = 10_000) => {
    const deadline = Date.now() + timeoutMs;
    for (let seen = 0; Date.now() < deadline; await new Promise((r) => setTimeout(r, 50))) {
      for (; seen < events.length; seen++) {
        const e = events[seen]!;
        if (e.event === event && pred(e.payload as HubEvents[typeof event]))
          return e.payload as HubEvents[typeof event];
      }
    }
    throw new Error(`no ${event} event in ${timeoutMs} ms`);
  };
  current = { hub, conn, events, waitEvent };
  return current;
}

describe('the hub with "This computer"', () => {
  it('lists one local cluster whose node comes up with this machine hello', async () => {
    const h = startHub();
    const list = await h.conn.call('clusters.list', {});
    expect(list).toMatchObject({ ok: true, value: [{ id: 'local', name: 'This computer', kind: 'local' }] });
    const up = await h.waitEvent('node.state', (p) => p.node.state === 'up');
    expect(up.node.hello?.node.hostname).toBe(hostname());
  });

  it('streams metrics samples to a subscriber and stops after unsubscribe', async () => {
    const h = startHub();
    const reply = await h.conn.call('metrics.subscribe', { clusterId: 'local', intervalMs: 500 });
    if (!reply.ok) throw new Error(reply.error.message);
    const { subscriptionId } = reply.value as { subscriptionId: string };
    const sample = await h.waitEvent('metrics.sample', (p) => p.subscriptionId === subscriptionId);
    expect(sample.sample.hostname).toBe(hostname());
    expect(await h.conn.call('metrics.unsubscribe', { subscriptionId })).toEqual({
      ok: true,
      value: { removed: true },
    });
    await new Promise((r) => setTimeout(r, 300));
    const count = h.events.filter((e) => e.event === 'metrics.sample').length;
    await new Promise((r) => setTimeout(r, 1200));
    expect(h.events.filter((e) => e.event === 'metrics.sample').length).toBe(count);
  });

  it('refuses unknown methods and bad params with a readable error', async () => {
    const h = startHub();
    expect(await h.conn.call('nodes.destroy', {})).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    const bad = await h.conn.call('metrics.subscribe', { clusterId: 'local', intervalMs: 'fast' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    if (!bad.ok) expect(bad.error.message).toContain('intervalMs');
    expect(await h.conn.call('metrics.subscribe', { clusterId: 'nope', intervalMs: 1000 })).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
  });

  it('reports the node dead when its agent is killed, and brings it back by itself', async () => {
    const h = startHub();
    await h.waitEvent('node.state', (p) => p.node.state === 'up');
    const { execFileSync } = await import('node:child_process');
    // The hub's own agent child: the only process running this bundle with our pid as parent.
    const pids = execFileSync('pgrep', ['-P', String(process.pid), '-f', 'mosdesk-agent.cjs'], { encoding: 'utf8' })
      .trim()
      .split('\n');
    for (const pid of pids) process.kill(Number(pid), 'SIGKILL');
    const dead = await h.waitEvent('node.state', (p) => p.node.state === 'dead');
    expect(dead.node.reason).toContain('SIGKILL');
    await h.waitEvent('node.state', (p) => p.node.state === 'up' && p.node.since > dead.node.since);
  });

  it('says why the agent could not start, and keeps retrying', async () => {
    const h = startHub('/nonexistent/mosdesk-agent.cjs');
    const first = await h.waitEvent('node.state', (p) => p.node.state === 'dead');
    expect(first.node.reason).toMatch(/exited with status 1: .*Cannot find module/);
    await h.waitEvent('node.state', (p) => p.node.state === 'dead' && p.node.since > first.node.since);
  });
});
