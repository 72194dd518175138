import { beforeEach, describe, expect, it } from 'vitest';
import type { MetricsSample } from '../../../../../electron/api';
import { useMetricsStore } from '../../../../../renderer/src/features/metrics/metricsStore';
import { FakeHub, piniaWith } from '../../support/fakeHub';
import { cluster, nodeView } from '../../support/views';

let hub: FakeHub;

// Only the fields the store reads; the rest of a sample does not matter here.
const sample = (at: number, one: number): MetricsSample => ({ at, load: { one } }) as MetricsSample;

beforeEach(() => {
  hub = new FakeHub().handle('metrics.subscribe', () => ({ subscriptionId: 's1' }));
  piniaWith(hub);
});

async function watchingLab(): Promise<ReturnType<typeof useMetricsStore>> {
  const store = useMetricsStore();
  await store.watchCluster('lab');
  for (const nodeId of ['n1', 'n2']) {
    hub.emit('metrics.sample', { subscriptionId: 's1', clusterId: 'lab', nodeId, sample: sample(1000, 0.5) });
  }
  return store;
}

describe('the metrics store', () => {
  it('keeps a sample and a load history per node of the watched cluster', async () => {
    const store = await watchingLab();
    expect(store.sampleOf('lab', 'n1')?.at).toBe(1000);
    expect(store.historyOf('lab', 'n2')).toEqual([{ x: 1000, y: 0.5 }]);
  });

  it('drops the figures of a node that left its cluster, and keeps the others', async () => {
    const store = await watchingLab();
    hub.emit('clusters.changed', { clusters: [cluster('lab', [nodeView('n2')])] });
    expect(store.sampleOf('lab', 'n1')).toBeUndefined();
    expect(store.historyOf('lab', 'n1')).toEqual([]);
    expect(store.sampleOf('lab', 'n2')?.at).toBe(1000);
    expect(store.historyOf('lab', 'n2')).toHaveLength(1);
  });

  it('leaves its maps alone when every node is still there', async () => {
    const store = await watchingLab();
    const before = store.loadHistory;
    hub.emit('clusters.changed', { clusters: [cluster('lab', [nodeView('n1'), nodeView('n2')])] });
    expect(store.loadHistory).toBe(before);
  });
});
