import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import type { HubEvents, MetricsSample } from '../../../../electron/api';
import { useHubEvent } from '../../shared/composables/useHubEvent';
import { useHub } from '../../hub/useHub';
import { appendBounded } from './history';
import { messageOf } from '../../shared/messageOf';

export interface LoadPoint {
  /** ms since the epoch */
  x: number;
  /** 1-minute load average */
  y: number;
}

export const SAMPLE_INTERVAL_MS = 1000;
/** Five minutes of one-second samples per node. */
export const HISTORY_WINDOW_MS = 5 * 60_000;
const HISTORY_POINTS = HISTORY_WINDOW_MS / SAMPLE_INTERVAL_MS;

const nodeKey = (clusterId: string, nodeId: string): string => `${clusterId}/${nodeId}`;
const keepKeys = <T>(map: Map<string, T>, keys: Set<string>): Map<string, T> =>
  new Map([...map].filter(([key]) => keys.has(key)));

/** Live figures of the watched cluster: the latest sample and a load history per node. */
export const useMetricsStore = defineStore('metrics', () => {
  const hub = useHub();
  // Replaced, not mutated, on each sample: cheap for Vue to track at one update per second.
  const latest = shallowRef(new Map<string, MetricsSample>());
  const loadHistory = shallowRef(new Map<string, LoadPoint[]>());
  const error = ref<string | null>(null);
  let current: { clusterId: string; subscriptionId: string } | null = null;

  /** One batch per cluster per tick: the maps are replaced once, whatever the number of nodes. */
  function applyBatch({ subscriptionId, clusterId, samples }: HubEvents['metrics.batch']): void {
    if (subscriptionId !== current?.subscriptionId) return;
    const nextLatest = new Map(latest.value);
    const nextHistory = new Map(loadHistory.value);
    for (const { nodeId, sample } of samples) {
      const key = nodeKey(clusterId, nodeId);
      nextLatest.set(key, sample);
      nextHistory.set(
        key,
        appendBounded(nextHistory.get(key) ?? [], { x: sample.at, y: sample.load.one }, HISTORY_POINTS),
      );
    }
    latest.value = nextLatest;
    loadHistory.value = nextHistory;
  }

  /** Drops the figures of nodes that are gone, so a node id given out again starts afresh. */
  function applyClustersChanged({ clusters }: HubEvents['clusters.changed']): void {
    const live = new Set(clusters.flatMap((c) => c.nodes.map((n) => nodeKey(c.id, n.id))));
    if ([...latest.value.keys(), ...loadHistory.value.keys()].every((key) => live.has(key))) return;
    latest.value = keepKeys(latest.value, live);
    loadHistory.value = keepKeys(loadHistory.value, live);
  }

  /** The cluster asked for last: a subscription that resolves for an older one is ended at once. */
  let wanted: string | null = null;

  async function watchCluster(clusterId: string): Promise<void> {
    if (wanted === clusterId) return;
    wanted = clusterId;
    const previous = current;
    current = null;
    if (previous)
      await hub.call('metrics.unsubscribe', { subscriptionId: previous.subscriptionId }).catch(() => undefined);
    try {
      const { subscriptionId } = await hub.call('metrics.subscribe', { clusterId, intervalMs: SAMPLE_INTERVAL_MS });
      if (wanted !== clusterId) {
        // Another cluster was chosen while this one was being subscribed: it must not run on.
        await hub.call('metrics.unsubscribe', { subscriptionId }).catch(() => undefined);
        return;
      }
      current = { clusterId, subscriptionId };
      error.value = null;
    } catch (err) {
      if (wanted === clusterId) error.value = messageOf(err);
    }
  }

  function sampleOf(clusterId: string, nodeId: string): MetricsSample | undefined {
    return latest.value.get(nodeKey(clusterId, nodeId));
  }

  function historyOf(clusterId: string, nodeId: string): LoadPoint[] {
    return loadHistory.value.get(nodeKey(clusterId, nodeId)) ?? [];
  }

  useHubEvent('metrics.batch', applyBatch);
  useHubEvent('clusters.changed', applyClustersChanged);

  return { latest, loadHistory, error, watchCluster, sampleOf, historyOf, applyBatch, applyClustersChanged };
});
