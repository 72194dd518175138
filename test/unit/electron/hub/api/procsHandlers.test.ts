import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { hubHandlers, type HubContext } from '../../../../../electron/hub/api/handlers';
import type { Cluster } from '../../../../../electron/hub/clusters/cluster';
import { NoticeBoard } from '../../../../../electron/hub/notices';
import { fakeNode, full, parts, recordingConn, row } from './procsFakes';

function context(cluster: Cluster): HubContext {
  return {
    appInfo: { version: 'test', shell: 'browser' },
    clusters: new Map([[cluster.id, cluster]]),
    ssh: undefined,
    ready: Promise.resolve(),
    notices: new NoticeBoard(() => undefined),
  };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe("hub API 'procs.*'", () => {
  it('shares one agent stream per node and filter, and stops it when the last window lets go', async () => {
    const a = fakeNode('n1');
    const hub = context({ id: 'c-1', name: 'Lab', kind: 'ssh', nodes: [a.node] });
    const w1 = recordingConn();
    const w2 = recordingConn();
    const methods = () => a.requests.map((r) => r.method);
    const { subscriptionId: s1 } = await hubHandlers['procs.subscribe']({ clusterId: 'c-1' }, w1.conn, hub);
    await vi.advanceTimersByTimeAsync(0);
    a.send(full(row(1), row(2)));
    expect(w1.batches().map((b) => b.seq)).toEqual([1]);
    // A late window on the same filter: no new agent stream, and the table at once.
    const { subscriptionId: s2 } = await hubHandlers['procs.subscribe']({ clusterId: 'c-1', filter: {} }, w2.conn, hub);
    await vi.advanceTimersByTimeAsync(0);
    expect(methods()).toEqual(['subscribe']);
    expect(parts(w2.batches()[0])).toEqual([{ nodeId: 'n1', full: true, pids: [1, 2], removed: [] }]);
    expect(w2.batches()[0]).toMatchObject({ subscriptionId: s2, seq: 1 });
    // Another filter is another agent stream.
    const { subscriptionId: s3 } = await hubHandlers['procs.subscribe'](
      { clusterId: 'c-1', filter: { user: 'alice' } },
      w2.conn,
      hub,
    );
    await vi.advanceTimersByTimeAsync(0);
    expect(a.requests[1]).toEqual({ method: 'subscribe', params: { topic: 'procs', intervalMs: 1000, user: 'alice' } });
    expect(await hubHandlers['procs.unsubscribe']({ subscriptionId: s1 }, w1.conn, hub)).toEqual({ removed: true });
    expect(await hubHandlers['procs.unsubscribe']({ subscriptionId: s3 }, w2.conn, hub)).toEqual({ removed: true });
    expect(methods()).toEqual(['subscribe', 'subscribe', 'unsubscribe']);
    expect(await hubHandlers['procs.unsubscribe']({ subscriptionId: s2 }, w2.conn, hub)).toEqual({ removed: true });
    expect(methods()).toEqual(['subscribe', 'subscribe', 'unsubscribe', 'unsubscribe']);
    expect(a.node.procs.size).toBe(0);
    expect(await hubHandlers['procs.unsubscribe']({ subscriptionId: s2 }, w2.conn, hub)).toEqual({ removed: false });
  });

  it.each([
    { clusterId: 'nope', nodeIds: undefined, message: 'There is no cluster "nope".' },
    { clusterId: 'c-1', nodeIds: ['n1', 'n9'], message: 'Cluster Lab has no node "n9".' },
  ])('refuses $clusterId $nodeIds with not-found', async ({ clusterId, nodeIds, message }) => {
    const a = fakeNode('n1');
    const hub = context({ id: 'c-1', name: 'Lab', kind: 'ssh', nodes: [a.node] });
    const { conn } = recordingConn();
    await expect(
      hubHandlers['procs.subscribe']({ clusterId, ...(nodeIds && { filter: { nodeIds } }) }, conn, hub),
    ).rejects.toMatchObject({ code: 'not-found', message });
    expect(conn.subscriptions.size).toBe(0);
    expect(a.requests).toEqual([]);
  });

  it('refuses a resync of a subscription the window does not have', async () => {
    const hub = context({ id: 'c-1', name: 'Lab', kind: 'ssh', nodes: [] });
    const { conn } = recordingConn();
    await expect(hubHandlers['procs.resync']({ subscriptionId: 'x' }, conn, hub)).rejects.toMatchObject({
      code: 'not-found',
    });
    const { subscriptionId } = await hubHandlers['procs.subscribe']({ clusterId: 'c-1' }, conn, hub);
    expect(await hubHandlers['procs.resync']({ subscriptionId }, conn, hub)).toEqual({ ok: true });
    await hubHandlers['procs.unsubscribe']({ subscriptionId }, conn, hub);
  });

  it('bounds the process tables one window may hold', async () => {
    const hub = context({ id: 'c-1', name: 'Lab', kind: 'ssh', nodes: [] });
    const { conn } = recordingConn();
    for (let i = 0; i < 16; i++) await hubHandlers['procs.subscribe']({ clusterId: 'c-1' }, conn, hub);
    await expect(hubHandlers['procs.subscribe']({ clusterId: 'c-1' }, conn, hub)).rejects.toMatchObject({
      code: 'bad-request',
    });
    for (const sub of conn.subscriptions.values()) sub.stop();
  });
});
