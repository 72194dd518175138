import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import type { HubEvents, MetricsSample } from '../../../../electron/api';
import { useHubEvent } from '../../shared/composables/useHubEvent';
import { useHub } from '../../hub/useHub';
import { createFrameQueue } from './frameQueue';
import { messageOf } from '../../shared/messageOf';

export const SAMPLE_INTERVAL_MS = 1000;

const nodeKey = (clusterId: string, nodeId: string): string => `${clusterId}/${nodeId}`;
const clusterOfKey = (key: string): string => key.slice(0, key.indexOf('/'));

/** The map with a batch's samples in: each node's newest sample. */
function withBatches(
  latest: Map<string, MetricsSample>,
  batches: HubEvents['metrics.batch'][],
): Map<string, MetricsSample> {
  const next = new Map(latest);
  for (const { clusterId, samples } of batches)
    for (const { nodeId, sample } of samples) next.set(nodeKey(clusterId, nodeId), sample);
  return next;
}

/** One watched cluster: its subscription once the hub has answered. */
interface Watch {
  subscriptionId?: string;
}

/** Live figures of the watched clusters (the one on screen, or all of them on #/all): each node's newest sample. */
export const useMetricsStore = defineStore('metrics', () => {
  const hub = useHub();
  // Replaced, not mutated, once per frame with batches in: cheap for Vue to track.
  const latest = shallowRef(new Map<string, MetricsSample>());
  const error = ref<string | null>(null);
  /** The clusters asked for last, by id; a subscription that resolves for one no longer here is ended at once. */
  const watches = new Map<string, Watch>();
  const live = (b: HubEvents['metrics.batch']) =>
    b.subscriptionId !== undefined && watches.get(b.clusterId)?.subscriptionId === b.subscriptionId;

  /** Batches of the watched subscriptions, applied together once per animation frame. */
  const enqueue = createFrameQueue<HubEvents['metrics.batch']>((batches) => {
    const mine = batches.filter(live);
    if (mine.length > 0) latest.value = withBatches(latest.value, mine);
  });

  const keep = (keys: (key: string) => boolean): void => {
    if ([...latest.value.keys()].every(keys)) return;
    latest.value = new Map([...latest.value].filter(([key]) => keys(key)));
  };

  /** Drops the figures of nodes that are gone, so a node id given out again starts afresh. */
  function applyClustersChanged({ clusters }: HubEvents['clusters.changed']): void {
    const present = new Set(clusters.flatMap((c) => c.nodes.map((n) => nodeKey(c.id, n.id))));
    keep((key) => present.has(key));
  }

  const unsubscribe = (id: string) => hub.call('metrics.unsubscribe', { subscriptionId: id }).catch(() => undefined);

  async function subscribe(clusterId: string, watch: Watch): Promise<void> {
    try {
      const { subscriptionId } = await hub.call('metrics.subscribe', { clusterId, intervalMs: SAMPLE_INTERVAL_MS });
      // Another set of clusters was chosen while this one was being subscribed: it must not run on.
      if (watches.get(clusterId) !== watch) return void (await unsubscribe(subscriptionId));
      watch.subscriptionId = subscriptionId;
      error.value = null;
    } catch (err) {
      if (watches.get(clusterId) === watch) error.value = messageOf(err);
    }
  }

  /** Watches exactly these clusters: new ones are subscribed, the others ended and their figures dropped. */
  async function watchClusters(clusterIds: readonly string[]): Promise<void> {
    const wanted = new Set(clusterIds);
    const ending: string[] = [];
    for (const [clusterId, watch] of watches) {
      if (wanted.has(clusterId)) continue;
      watches.delete(clusterId);
      if (watch.subscriptionId) ending.push(watch.subscriptionId);
    }
    keep((key) => wanted.has(clusterOfKey(key)));
    const starting = [...wanted].filter((id) => !watches.has(id));
    const started = starting.map((clusterId) => {
      const watch: Watch = {};
      watches.set(clusterId, watch);
      return subscribe(clusterId, watch);
    });
    await Promise.all([...ending.map(unsubscribe), ...started]);
  }

  const watchCluster = (clusterId: string): Promise<void> => watchClusters([clusterId]);
  const sampleOf = (clusterId: string, nodeId: string) => latest.value.get(nodeKey(clusterId, nodeId));

  useHubEvent('metrics.batch', enqueue);
  useHubEvent('clusters.changed', applyClustersChanged);

  return { latest, error, watchClusters, watchCluster, sampleOf, applyClustersChanged };
});
