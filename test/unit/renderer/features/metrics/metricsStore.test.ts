import { beforeEach, describe, expect, it } from 'vitest';
import type { MetricsSample } from '../../../../../electron/api';
import { useMetricsStore } from '../../../../../renderer/src/features/metrics/metricsStore';
import { FakeHub, piniaWith } from '../../support/fakeHub';
import { cluster, nodeView } from '../../support/views';

let hub: FakeHub;
/** Batches are applied once per frame (a 16 ms timer stands in for requestAnimationFrame here). */
const nextFrame = () => new Promise((r) => setTimeout(r, 20));

// Only the fields the store reads; the rest of a sample does not matter here.
const sample = (at: number, one: number): MetricsSample => ({ at, load: { one } }) as MetricsSample;

beforeEach(() => {
  hub = new FakeHub().handle('metrics.subscribe', () => ({ subscriptionId: 's1' }));
  piniaWith(hub);
});

async function watchingLab(): Promise<ReturnType<typeof useMetricsStore>> {
  const store = useMetricsStore();
  await store.watchCluster('lab');
  hub.emit('metrics.batch', {
    subscriptionId: 's1',
    clusterId: 'lab',
    samples: ['n1', 'n2'].map((nodeId) => ({ nodeId, sample: sample(1000, 0.5) })),
  });
  await nextFrame();
  return store;
}

describe('the metrics store', () => {
  it('keeps the newest sample per node of the watched cluster', async () => {
    const store = await watchingLab();
    expect(store.sampleOf('lab', 'n1')?.at).toBe(1000);
  });

  it('drops the figures of a node that left its cluster, and keeps the others', async () => {
    const store = await watchingLab();
    hub.emit('clusters.changed', { clusters: [cluster('lab', [nodeView('n2')])] });
    expect(store.sampleOf('lab', 'n1')).toBeUndefined();
    expect(store.sampleOf('lab', 'n2')?.at).toBe(1000);
  });

  it('leaves its maps alone when every node is still there', async () => {
    const store = await watchingLab();
    const before = store.latest;
    hub.emit('clusters.changed', { clusters: [cluster('lab', [nodeView('n1'), nodeView('n2')])] });
    expect(store.latest).toBe(before);
  });
});

describe('switching clusters while a subscription is pending', () => {
  it('ends the subscription of the cluster left behind as soon as it resolves', async () => {
    let next = 0;
    const resolvers: (() => void)[] = [];
    const live = new Set<string>();
    hub = new FakeHub()
      .handle('metrics.subscribe', async () => {
        const subscriptionId = `s${++next}`;
        live.add(subscriptionId);
        // Answered only when the test says so, as a slow hub would.
        await new Promise<void>((r) => resolvers.push(r));
        return { subscriptionId };
      })
      .handle('metrics.unsubscribe', ({ subscriptionId }) => ({ removed: live.delete(subscriptionId) }));
    piniaWith(hub);
    const store = useMetricsStore();
    const first = store.watchCluster('lab');
    const second = store.watchCluster('other');
    await Promise.resolve();
    for (const resolve of resolvers) resolve();
    await Promise.all([first, second]);
    await new Promise((r) => setTimeout(r, 0));
    expect([...live]).toEqual(['s2']);
  });
});

describe('watching several clusters (#/all)', () => {
  it('subscribes each once, ends those left out, and drops their figures', async () => {
    let next = 0;
    const live = new Map<string, string>();
    hub = new FakeHub()
      .handle('metrics.subscribe', ({ clusterId }) => {
        const subscriptionId = `s${++next}`;
        live.set(subscriptionId, clusterId);
        return { subscriptionId };
      })
      .handle('metrics.unsubscribe', ({ subscriptionId }) => ({ removed: live.delete(subscriptionId) }));
    piniaWith(hub);
    const store = useMetricsStore();
    await store.watchClusters(['a', 'b']);
    await store.watchClusters(['a', 'b']);
    expect([...live.values()].sort()).toEqual(['a', 'b']);
    for (const [subscriptionId, clusterId] of live)
      hub.emit('metrics.batch', { subscriptionId, clusterId, samples: [{ nodeId: 'n1', sample: sample(7, 1) }] });
    await nextFrame();
    expect(store.sampleOf('a', 'n1')?.at).toBe(7);
    expect(store.sampleOf('b', 'n1')?.at).toBe(7);
    await store.watchClusters(['b']);
    expect([...live.values()]).toEqual(['b']);
    expect(store.sampleOf('a', 'n1')).toBeUndefined();
    expect(store.sampleOf('b', 'n1')?.at).toBe(7);
  });
});

describe('batches within one frame', () => {
  it('change the store once, with every batch in, in order', async () => {
    const store = useMetricsStore();
    await store.watchCluster('lab');
    const before = store.latest;
    for (let i = 1; i <= 5; i++)
      hub.emit('metrics.batch', {
        subscriptionId: 's1',
        clusterId: 'lab',
        samples: [{ nodeId: 'n1', sample: sample(i, i) }],
      });
    hub.emit('metrics.batch', {
      subscriptionId: 'old',
      clusterId: 'lab',
      samples: [{ nodeId: 'n9', sample: sample(9, 9) }],
    });
    expect(store.latest).toBe(before); // nothing until the frame
    await nextFrame();
    expect(store.sampleOf('lab', 'n1')?.at).toBe(5);
    expect(store.sampleOf('lab', 'n9')).toBeUndefined();
  });
});
