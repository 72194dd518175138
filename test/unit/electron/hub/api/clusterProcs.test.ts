import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ClusterProcs } from '../../../../../electron/hub/api/clusterProcs';
import type { Cluster } from '../../../../../electron/hub/clusters/cluster';
import { delta, fakeNode, full, parts, recordingConn, row, type FakeNode } from './procsFakes';

const clusterOf = (...nodes: FakeNode[]): Cluster => ({
  id: 'c',
  name: 'c',
  kind: 'ssh',
  nodes: nodes.map((n) => n.node),
});

let subs: ClusterProcs[];
beforeEach(() => {
  vi.useFakeTimers();
  subs = [];
});
afterEach(() => {
  subs.forEach((s) => s.stop());
  vi.useRealTimers();
});

/** A subscription whose agent streams are open (their subscribe requests answered). */
async function subscribe(cluster: Cluster, rec = recordingConn(), filter = {}) {
  const sub = new ClusterProcs(rec.conn, cluster, 's1', filter);
  subs.push(sub);
  await vi.advanceTimersByTimeAsync(0);
  return { sub, ...rec };
}

describe('a cluster process-table subscription', () => {
  it('merges two nodes into one first batch, sent as soon as both tables are known', async () => {
    const a = fakeNode('a');
    const b = fakeNode('b');
    const { batches } = await subscribe(clusterOf(a, b));
    a.send(full(row(1), row(2)));
    expect(batches()).toEqual([]); // b's table is not known yet
    b.send(full(row(1), row(7)));
    expect(batches().map((x) => [x.subscriptionId, x.clusterId, x.seq])).toEqual([['s1', 'c', 1]]);
    expect(parts(batches()[0])).toEqual([
      { nodeId: 'a', full: true, pids: [1, 2], removed: [] },
      { nodeId: 'b', full: true, pids: [1, 7], removed: [] },
    ]);
  });

  it('sends the first batch at the first tick with what it has when a node is slow', async () => {
    const a = fakeNode('a');
    const b = fakeNode('b');
    const { batches } = await subscribe(clusterOf(a, b));
    a.send(full(row(1)));
    await vi.advanceTimersByTimeAsync(1000);
    expect(parts(batches()[0])).toEqual([{ nodeId: 'a', full: true, pids: [1], removed: [] }]);
    b.send(full(row(5)));
    await vi.advanceTimersByTimeAsync(1000);
    expect(batches()[1]).toMatchObject({ seq: 2, nodes: [{ nodeId: 'b', full: true }] });
  });

  it('sends one batch per tick with every changed node, merged, and none when nothing changed', async () => {
    const a = fakeNode('a');
    const b = fakeNode('b');
    const { batches } = await subscribe(clusterOf(a, b));
    a.send(full(row(1), row(2)));
    b.send(full(row(3)));
    a.send(delta([row(4)], [1]));
    a.send(delta([row(5)], [4])); // new and gone within the tick
    a.send(delta([row(2, 'renamed')]));
    b.send(delta([], [3]));
    await vi.advanceTimersByTimeAsync(1000);
    expect(batches()).toHaveLength(2);
    expect(parts(batches()[1])).toEqual([
      { nodeId: 'a', full: false, pids: [5, 2], removed: [1, 4] },
      { nodeId: 'b', full: false, pids: [], removed: [3] },
    ]);
    expect(batches()[1]!.nodes[0]!.upserted[1]!.command).toBe('renamed');
    // The agents send a notification each tick even when nothing changed: no batch for those.
    for (let i = 0; i < 3; i++) {
      a.send(delta([]));
      b.send(delta([]));
      await vi.advanceTimersByTimeAsync(1000);
    }
    expect(batches()).toHaveLength(2);
  });

  it('passes a prompt change (the agent scanned early after an action) on at once, not at the tick', async () => {
    const a = fakeNode('a');
    const b = fakeNode('b');
    const { batches } = await subscribe(clusterOf(a, b));
    a.send(full(row(1)));
    b.send(full(row(2)));
    expect(batches()).toHaveLength(1);
    a.send({ ...delta([row(1, 'frozen now')]), prompt: true });
    b.send({ ...delta([row(2, 'also')]), prompt: true });
    await vi.advanceTimersByTimeAsync(0);
    expect(batches()).toHaveLength(2); // both in one batch, long before the 1 s tick
    expect(parts(batches()[1])).toEqual([
      { nodeId: 'a', full: false, pids: [1], removed: [] },
      { nodeId: 'b', full: false, pids: [2], removed: [] },
    ]);
    a.send(delta([row(1, 'later')])); // an ordinary change waits for the tick
    await vi.advanceTimersByTimeAsync(0);
    expect(batches()).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1000);
    expect(batches()).toHaveLength(3);
  });

  it('takes a down node out with why, and passes its table on whole when it is up again', async () => {
    const a = fakeNode('a');
    const b = fakeNode('b');
    const { sub, batches } = await subscribe(clusterOf(a, b));
    a.send(full(row(1)));
    b.send(full(row(2)));
    b.down('the link was lost');
    await vi.advanceTimersByTimeAsync(1000);
    expect(parts(batches()[1])).toEqual([
      { nodeId: 'b', full: true, pids: [], removed: [], down: 'dead: the link was lost' },
    ]);
    await vi.advanceTimersByTimeAsync(3000);
    expect(batches()).toHaveLength(2); // said once, not each tick
    sub.resync();
    await vi.advanceTimersByTimeAsync(0);
    expect(parts(batches()[2])).toEqual([
      { nodeId: 'a', full: true, pids: [1], removed: [] },
      { nodeId: 'b', full: true, pids: [], removed: [], down: 'dead: the link was lost' },
    ]);
    b.up();
    await vi.advanceTimersByTimeAsync(0);
    expect(b.requests.filter((r) => r.method === 'subscribe')).toHaveLength(2);
    b.send(full(row(2), row(9)));
    await vi.advanceTimersByTimeAsync(1000);
    expect(parts(batches()[3])).toEqual([{ nodeId: 'b', full: true, pids: [2, 9], removed: [] }]);
  });

  it('sends the whole table with the next seq on resync', async () => {
    const a = fakeNode('a');
    const { sub, batches } = await subscribe(clusterOf(a));
    a.send(full(row(1), row(2)));
    a.send(delta([row(3)], [1]));
    await vi.advanceTimersByTimeAsync(1000);
    expect(batches().map((x) => x.seq)).toEqual([1, 2]);
    sub.resync();
    await vi.advanceTimersByTimeAsync(0);
    expect(batches()[2]!.seq).toBe(3);
    expect(parts(batches()[2])).toEqual([{ nodeId: 'a', full: true, pids: [2, 3], removed: [] }]);
  });

  it('holds changes back while the transport is behind, then sends the table whole once', async () => {
    const a = fakeNode('a');
    const { conn, batches } = await subscribe(clusterOf(a));
    a.send(full(row(1), row(2)));
    expect(batches()).toHaveLength(1);
    conn.behind = true;
    for (let pid = 10; pid < 13; pid++) {
      a.send(delta([row(pid)], [pid === 10 ? 1 : pid - 1]));
      await vi.advanceTimersByTimeAsync(1000);
    }
    expect(batches()).toHaveLength(1);
    conn.behind = false;
    await vi.advanceTimersByTimeAsync(1000);
    expect(batches().map((x) => x.seq)).toEqual([1, 2]);
    expect(parts(batches()[1])).toEqual([{ nodeId: 'a', full: true, pids: [2, 12], removed: [] }]);
    a.send(delta([row(13)]));
    await vi.advanceTimersByTimeAsync(1000);
    expect(parts(batches()[2])).toEqual([{ nodeId: 'a', full: false, pids: [13], removed: [] }]);
  });

  it('follows the cluster: a node that leaves has its rows taken out, one that joins is streamed', async () => {
    const a = fakeNode('a');
    const cluster = clusterOf(a);
    const { sub, batches } = await subscribe(cluster);
    a.send(full(row(1)));
    const b = fakeNode('b');
    cluster.nodes = [b.node];
    sub.sync();
    await vi.advanceTimersByTimeAsync(0);
    expect(a.requests.map((r) => r.method)).toEqual(['subscribe', 'unsubscribe']);
    b.send(full(row(4)));
    await vi.advanceTimersByTimeAsync(1000);
    expect(parts(batches()[1])).toEqual([
      { nodeId: 'a', full: true, pids: [], removed: [] },
      { nodeId: 'b', full: true, pids: [4], removed: [] },
    ]);
  });

  it("streams only the filter's nodes and passes mosps's filters to their agents", async () => {
    const a = fakeNode('a');
    const b = fakeNode('b');
    await subscribe(clusterOf(a, b), recordingConn(), { nodeIds: ['b'], scope: 'away', jobId: 7, user: 'alice' });
    expect(a.requests).toEqual([]);
    expect(b.requests).toEqual([
      { method: 'subscribe', params: { topic: 'procs', intervalMs: 1000, scope: 'away', jobId: 7, user: 'alice' } },
    ]);
  });

  it('waits for a node still connecting at the start, and says why a dead one has no rows', async () => {
    const a = fakeNode('a', 'connecting');
    const b = fakeNode('b', 'dead');
    const { batches } = await subscribe(clusterOf(a, b));
    expect(batches()).toEqual([]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(parts(batches()[0])).toEqual([{ nodeId: 'b', full: true, pids: [], removed: [], down: 'dead' }]);
    a.up();
    await vi.advanceTimersByTimeAsync(0);
    a.send(full(row(3)));
    expect(batches()).toHaveLength(1); // not the first batch any more: it waits for the tick
    await vi.advanceTimersByTimeAsync(1000);
    expect(parts(batches()[1])).toEqual([{ nodeId: 'a', full: true, pids: [3], removed: [] }]);
  });
});
