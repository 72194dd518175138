import { cpus, hostname, totalmem } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { HISTORY_FIELDS, type NodeHistory, type NodeStatus } from '../../../electron/api';
import { AGENT_BUNDLE } from '../../support/dist';
import { startHub, type HubHarness } from '../../support/hubHarness';

let current: HubHarness | undefined;
afterEach(() => current?.hub.close());

function startLocalHub(agentBundlePath = AGENT_BUNDLE): HubHarness {
  current = startHub({ agentBundlePath });
  return current;
}

describe('the hub with "This computer"', () => {
  it('lists one local cluster whose node comes up with this machine hello', async () => {
    const h = startLocalHub();
    const list = await h.conn.call('clusters.list', {});
    expect(list).toMatchObject({ ok: true, value: [{ id: 'local', name: 'This computer', kind: 'local' }] });
    const up = await h.waitEvent('node.state', (p) => p.node.state === 'up');
    expect(up.node.hello?.node.hostname).toBe(hostname());
  });

  it('streams metrics batches to a subscriber and stops after unsubscribe', async () => {
    const h = startLocalHub();
    const reply = await h.conn.call('metrics.subscribe', { clusterId: 'local', intervalMs: 500 });
    if (!reply.ok) throw new Error(reply.error.message);
    const { subscriptionId } = reply.value as { subscriptionId: string };
    const batch = await h.waitEvent('metrics.batch', (p) => p.subscriptionId === subscriptionId);
    expect(batch.samples.map((s) => [s.nodeId, s.sample.hostname])).toEqual([['localhost', hostname()]]);
    expect(await h.conn.call('metrics.unsubscribe', { subscriptionId })).toEqual({
      ok: true,
      value: { removed: true },
    });
    await new Promise((r) => setTimeout(r, 300));
    const count = h.events.filter((e) => e.event === 'metrics.batch').length;
    await new Promise((r) => setTimeout(r, 1200));
    expect(h.events.filter((e) => e.event === 'metrics.batch').length).toBe(count);
  });

  it('records history with no window watching, and a first batch brings the newest figures at once', async () => {
    const h = startLocalHub();
    await h.waitEvent('node.state', (p) => p.node.state === 'up');
    await new Promise((r) => setTimeout(r, 3500));
    const reply = await h.conn.call('metrics.history', { clusterId: 'local', nodeId: 'localhost' });
    if (!reply.ok) throw new Error(reply.error.message);
    const history = reply.value as NodeHistory;
    expect(history.intervalMs).toBe(1000);
    expect(history.at.length).toBeGreaterThanOrEqual(2);
    expect(history.at.length).toBeLessThanOrEqual(5);
    // One per second, oldest first, every figure as long as the times.
    history.at.slice(1).forEach((t, i) => expect(t - (history.at[i] as number)).toBeGreaterThan(500));
    for (const field of HISTORY_FIELDS) expect(history.series[field]).toHaveLength(history.at.length);
    const [memTotal] = history.series.memTotal;
    expect(memTotal).toBeCloseTo(totalmem(), -4);
    // Subscribing now gets the newest sample without waiting for a tick.
    const t0 = Date.now();
    const sub = await h.conn.call('metrics.subscribe', { clusterId: 'local', intervalMs: 5000 });
    if (!sub.ok) throw new Error(sub.error.message);
    await h.waitEvent(
      'metrics.batch',
      (p) => p.subscriptionId === (sub.value as { subscriptionId: string }).subscriptionId,
    );
    expect(Date.now() - t0).toBeLessThan(1000);
  });

  it('refuses history for a node it does not have', async () => {
    const h = startLocalHub();
    const reply = await h.conn.call('metrics.history', { clusterId: 'local', nodeId: 'nope' });
    expect(reply).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  it("reads the node's mosctl status fields from its agent, and refuses a node it does not have", async () => {
    const h = startLocalHub();
    await h.waitEvent('node.state', (p) => p.node.state === 'up');
    const reply = await h.conn.call('metrics.status', { clusterId: 'local', nodeId: 'localhost' });
    if (!reply.ok) throw new Error(reply.error.message);
    const status = reply.value as NodeStatus;
    // The agent counts online CPUs, as os.cpus() lists them.
    expect(status.cpus).toBe(cpus().length);
    expect(status.memory.totalBytes).toBe(totalmem());
    expect(status.memory.availableBytes).toBeLessThanOrEqual(status.memory.totalBytes);
    expect(status.accept).toMatchObject({ yes: false, reason: expect.stringContaining('MOSIX') });
    expect(status.daemons.length).toBeGreaterThan(0);
    // Util compares with the previous read, so the second has a figure once CPU ticks have passed.
    await new Promise((r) => setTimeout(r, 300));
    const again = await h.conn.call('metrics.status', { clusterId: 'local', nodeId: 'localhost' });
    if (!again.ok) throw new Error(again.error.message);
    expect((again.value as NodeStatus).utilPercent).toEqual(expect.any(Number));
    expect(await h.conn.call('metrics.status', { clusterId: 'local', nodeId: 'nope' })).toMatchObject({
      ok: false,
      error: { code: 'not-found', message: 'Cluster This computer has no node "nope".' },
    });
  });

  it('says a node that is not up has no status to read yet', async () => {
    const h = startLocalHub('/nonexistent/mosdesk-agent.cjs');
    await h.waitEvent('node.state', (p) => p.node.state === 'dead');
    const reply = await h.conn.call('metrics.status', { clusterId: 'local', nodeId: 'localhost' });
    expect(reply).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    if (!reply.ok) expect(reply.error.message).toMatch(/is (dead|connecting).*cannot be read now/);
  });

  it('refuses unknown methods and bad params with a readable error', async () => {
    const h = startLocalHub();
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
    const h = startLocalHub();
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
    const h = startLocalHub('/nonexistent/mosdesk-agent.cjs');
    const first = await h.waitEvent('node.state', (p) => p.node.state === 'dead');
    expect(first.node.reason).toMatch(/exited with status 1: .*Cannot find module/);
    // Each failed attempt reports again; "since" stays the time it first went dead.
    const deadEvents = (): number => h.events.filter((e) => e.event === 'node.state').length;
    const seen = deadEvents();
    const again = await h.waitEvent('node.state', (p) => p.node.state === 'dead' && deadEvents() > seen);
    expect(again.node.since).toBe(first.node.since);
  });
});
