import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import type { HubClient, HubEvents, MetricsSample, NodeHistory } from '../../../../electron/api';
import { useHubEvent } from '../../shared/composables/useHubEvent';
import { useHub } from '../../hub/useHub';
import { createFrameQueue } from './frameQueue';
import { appendBounded, type LoadPoint, withHubPast } from './history';
import { messageOf } from '../../shared/messageOf';

export type { LoadPoint } from './history';

export const SAMPLE_INTERVAL_MS = 1000;
/** Five minutes of one-second samples per node. */
export const HISTORY_WINDOW_MS = 5 * 60_000;
const HISTORY_POINTS = HISTORY_WINDOW_MS / SAMPLE_INTERVAL_MS;

const nodeKey = (clusterId: string, nodeId: string): string => `${clusterId}/${nodeId}`;
const keepKeys = <T>(map: Map<string, T>, keys: Set<string>): Map<string, T> =>
  new Map([...map].filter(([key]) => keys.has(key)));

/** The maps with a batch's samples in: each node's newest sample, and its load appended. */
function withBatch(
  latest: Map<string, MetricsSample>,
  history: Map<string, LoadPoint[]>,
  { clusterId, samples }: HubEvents['metrics.batch'],
): [Map<string, MetricsSample>, Map<string, LoadPoint[]>] {
  const nextLatest = new Map(latest);
  const nextHistory = new Map(history);
  for (const { nodeId, sample } of samples) {
    const key = nodeKey(clusterId, nodeId);
    nextLatest.set(key, sample);
    const point = { x: sample.at, y: sample.load.one };
    nextHistory.set(key, appendBounded(nextHistory.get(key) ?? [], point, HISTORY_POINTS));
  }
  return [nextLatest, nextHistory];
}

/** The hub's recorded load before the live points (read when the answer comes); undefined when it adds none. */
async function withRecordedPast(
  hub: HubClient,
  clusterId: string,
  nodeId: string,
  live: () => LoadPoint[],
): Promise<LoadPoint[] | undefined> {
  let history: NodeHistory;
  try {
    history = await hub.call('metrics.history', { clusterId, nodeId });
  } catch {
    return undefined; // the node is new or gone: the live stream fills the chart
  }
  return withHubPast(live(), history.at, history.series.load, HISTORY_POINTS);
}

/** Live figures of the watched cluster: the latest sample and a load history per node. */
export const useMetricsStore = defineStore('metrics', () => {
  const hub = useHub();
  // Replaced, not mutated, on each sample: cheap for Vue to track at one update per second.
  const latest = shallowRef(new Map<string, MetricsSample>());
  const loadHistory = shallowRef(new Map<string, LoadPoint[]>());
  const error = ref<string | null>(null);
  let current: { clusterId: string; subscriptionId: string } | null = null;
  const maps = (): [Map<string, MetricsSample>, Map<string, LoadPoint[]>] => [latest.value, loadHistory.value];

  /** Batches of the watched subscription, applied together once per animation frame. */
  const enqueue = createFrameQueue<HubEvents['metrics.batch']>((batches) => {
    const mine = batches.filter((b) => b.subscriptionId === current?.subscriptionId);
    if (mine.length > 0) [latest.value, loadHistory.value] = mine.reduce((m, b) => withBatch(...m, b), maps());
  });

  /** Drops the figures of nodes that are gone, so a node id given out again starts afresh. */
  function applyClustersChanged({ clusters }: HubEvents['clusters.changed']): void {
    const live = new Set(clusters.flatMap((c) => c.nodes.map((n) => nodeKey(c.id, n.id))));
    if ([...latest.value.keys(), ...loadHistory.value.keys()].every((key) => live.has(key))) return;
    latest.value = keepKeys(latest.value, live);
    loadHistory.value = keepKeys(loadHistory.value, live);
  }

  /** The cluster asked for last: a subscription that resolves for an older one is ended at once. */
  let wanted: string | null = null;
  const unsubscribe = (id: string) => hub.call('metrics.unsubscribe', { subscriptionId: id }).catch(() => undefined);

  async function watchCluster(clusterId: string): Promise<void> {
    if (wanted === clusterId) return;
    wanted = clusterId;
    const previous = current;
    current = null;
    if (previous) await unsubscribe(previous.subscriptionId);
    try {
      const { subscriptionId } = await hub.call('metrics.subscribe', { clusterId, intervalMs: SAMPLE_INTERVAL_MS });
      if (wanted !== clusterId) {
        // Another cluster was chosen while this one was being subscribed: it must not run on.
        await unsubscribe(subscriptionId);
        return;
      }
      current = { clusterId, subscriptionId };
      error.value = null;
    } catch (err) {
      if (wanted === clusterId) error.value = messageOf(err);
    }
  }

  /** A node's load history from the hub's record (its last 15 minutes), so a view opened now shows the past. */
  async function loadHubHistory(clusterId: string, nodeId: string): Promise<void> {
    const key = nodeKey(clusterId, nodeId);
    const merged = await withRecordedPast(hub, clusterId, nodeId, () => loadHistory.value.get(key) ?? []);
    if (merged) loadHistory.value = new Map(loadHistory.value).set(key, merged);
  }

  const sampleOf = (clusterId: string, nodeId: string) => latest.value.get(nodeKey(clusterId, nodeId));

  function historyOf(clusterId: string, nodeId: string): LoadPoint[] {
    return loadHistory.value.get(nodeKey(clusterId, nodeId)) ?? [];
  }

  useHubEvent('metrics.batch', enqueue);
  useHubEvent('clusters.changed', applyClustersChanged);

  return {
    latest,
    loadHistory,
    error,
    watchCluster,
    loadHubHistory,
    sampleOf,
    historyOf,
    applyClustersChanged,
  };
});
