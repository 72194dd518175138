import { execFileSync, spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import type { HubEvents } from '../../../electron/api';
import { startHub, type HubHarness } from '../../support/hubHarness';

let current: HubHarness | undefined;
let sleeper: ReturnType<typeof spawn> | undefined;
afterEach(() => {
  sleeper?.kill('SIGKILL');
  current?.hub.close();
});

type Batch = HubEvents['procs.batch'];
const local = (b: Batch) => b.nodes.find((n) => n.nodeId === 'localhost');

describe('the process table of "This computer"', () => {
  it('starts with the whole table, then shows a process come and go', async () => {
    const h = (current = startHub());
    await h.waitEvent('node.state', (p) => p.node.state === 'up');
    // The hub's own agent child: the only process running this bundle with our pid as parent.
    const agentPid = Number(
      execFileSync('pgrep', ['-P', String(process.pid), '-f', 'mosdesk-agent.cjs'], { encoding: 'utf8' }).trim(),
    );
    const { subscriptionId } = await h.ok('procs.subscribe', { clusterId: 'local' });
    const first = await h.waitEvent('procs.batch', (b) => b.subscriptionId === subscriptionId);
    expect(first).toMatchObject({ clusterId: 'local', seq: 1 });
    expect(local(first)).toMatchObject({ full: true, removed: [] });
    expect(local(first)!.upserted.find((r) => r.pid === agentPid)?.command).toContain('mosdesk-agent.cjs');

    const mine = (b: Batch) => b.subscriptionId === subscriptionId;
    sleeper = spawn('sleep', ['30'], { stdio: 'ignore' });
    const pid = sleeper.pid!;
    const seen = await h.waitEvent('procs.batch', (b) => mine(b) && !!local(b)?.upserted.some((r) => r.pid === pid));
    expect(local(seen)!.upserted.find((r) => r.pid === pid)).toMatchObject({ command: 'sleep 30', ppid: process.pid });
    sleeper.kill('SIGKILL');
    const gone = await h.waitEvent('procs.batch', (b) => mine(b) && !!local(b)?.removed.includes(pid));
    // One batch per tick, numbered without a gap.
    const seqs = h.events.filter((e) => e.event === 'procs.batch').map((e) => (e.payload as Batch).seq);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    expect(gone.seq).toBeGreaterThan(seen.seq);

    // A resync sends the whole table again, with the next seq.
    const before = seqs.length;
    await h.ok('procs.resync', { subscriptionId });
    const whole = await h.waitEvent('procs.batch', (b) => mine(b) && b.seq > before && !!local(b)?.full);
    expect(whole.seq).toBe(before + 1);
    expect(local(whole)!.upserted.some((r) => r.pid === agentPid)).toBe(true);
    expect(local(whole)!.upserted.some((r) => r.pid === pid)).toBe(false);
    expect(await h.ok('procs.unsubscribe', { subscriptionId })).toEqual({ removed: true });
  });

  it('refuses a bad filter and an unknown node with a readable error', async () => {
    const h = (current = startHub());
    const bad = await h.conn.call('procs.subscribe', { clusterId: 'local', filter: { scope: 'everything' } });
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    if (!bad.ok) expect(bad.error.message).toContain('scope');
    expect(await h.conn.call('procs.subscribe', { clusterId: 'local', filter: { nodeIds: ['nope'] } })).toMatchObject({
      ok: false,
      error: { code: 'not-found', message: 'Cluster This computer has no node "nope".' },
    });
  });
});
