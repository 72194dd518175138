import { beforeEach, describe, expect, it } from 'vitest';
import type { NodeProcChanges } from '../../../../../electron/api';
import { useProcsStore } from '../../../../../renderer/src/features/processes/procsStore';
import { FakeHub, piniaWith } from '../../support/fakeHub';
import { row } from '../../../agent/engines/linux/processes/rowFixtures';

let hub: FakeHub;
let resyncs: string[];
const nextFrame = () => new Promise((r) => setTimeout(r, 20));
const part = (nodeId: string, pids: number[], full = false): NodeProcChanges => ({
  nodeId,
  full,
  upserted: pids.map((pid) => row({ pid })),
  removed: [],
});

beforeEach(() => {
  resyncs = [];
  hub = new FakeHub()
    .handle('clusters.list', () => [])
    .handle('procs.subscribe', () => ({ subscriptionId: 'p1' }))
    .handle('procs.unsubscribe', () => ({ removed: true }))
    .handle('procs.resync', ({ subscriptionId }) => {
      resyncs.push(subscriptionId);
      return { ok: true };
    });
  piniaWith(hub);
});

const batch = (seq: number, nodes: NodeProcChanges[], subscriptionId = 'p1') =>
  hub.emit('procs.batch', { subscriptionId, clusterId: 'lab', seq, nodes });
const keys = (store: ReturnType<typeof useProcsStore>) => [...store.table.entries.keys()].sort();

describe('the process store', () => {
  it('takes the whole table, then changes in order', async () => {
    const store = useProcsStore();
    await store.watch('lab');
    batch(1, [part('n1', [1, 2], true)]);
    batch(2, [{ ...part('n1', [3]), removed: [1] }]);
    await nextFrame();
    expect(keys(store)).toEqual(['n1/2', 'n1/3']);
    expect(store.loading).toBe(false);
    expect(resyncs).toEqual([]);
  });

  it('asks for the whole table again on a gap in seq, and takes it', async () => {
    const store = useProcsStore();
    await store.watch('lab');
    batch(1, [part('n1', [1], true)]);
    batch(3, [part('n1', [9])]);
    await nextFrame();
    expect(resyncs).toEqual(['p1']);
    expect(keys(store)).toEqual(['n1/1']);
    batch(4, [part('n1', [5], true)]);
    await nextFrame();
    expect(keys(store)).toEqual(['n1/5']);
  });

  it('ignores batches of other subscriptions, and empties the table when it watches another cluster', async () => {
    const store = useProcsStore();
    await store.watch('lab');
    batch(1, [part('n1', [1], true)], 'old');
    await nextFrame();
    expect(keys(store)).toEqual([]);
    batch(1, [part('n1', [1], true)]);
    await nextFrame();
    await store.watch('other');
    expect(keys(store)).toEqual([]);
    expect(hub.calls.filter((c) => c.method === 'procs.unsubscribe')).toHaveLength(1);
  });
});
