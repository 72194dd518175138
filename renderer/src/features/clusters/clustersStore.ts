import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { AddClusterParams, ClusterSummary, HubEvents, Params } from '../../../../electron/api';
import { keyedMessages } from '../../shared/composables/keyedState';
import { useHubEvent } from '../../shared/composables/useHubEvent';
import { useHub } from '../../hub/useHub';
import { keepSelection, mergeClusters, withNodeState } from './clusterList';

const nodeKey = (clusterId: string, nodeId: string): string => `${clusterId}/${nodeId}`;
const messageOf = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/** The clusters the hub knows and the state of each node; the one selected in the sidebar. */
export const useClustersStore = defineStore('clusters', () => {
  const hub = useHub();
  const clusters = ref<ClusterSummary[]>([]);
  const selectedId = ref<string | null>(null);
  const loadError = ref<string | null>(null);
  /** Why a "Retry" failed, per node, until the node's next state. */
  const retryErrors = keyedMessages();

  const selected = computed(() => clusters.value.find((c) => c.id === selectedId.value) ?? null);

  function setClusters(next: ClusterSummary[]): void {
    clusters.value = next;
    selectedId.value = keepSelection(next, selectedId.value);
  }

  async function load(): Promise<void> {
    try {
      setClusters(mergeClusters(await hub.call('clusters.list', {}), clusters.value));
      loadError.value = null;
    } catch (err) {
      loadError.value = messageOf(err);
    }
  }

  function applyNodeState({ clusterId, node }: HubEvents['node.state']): void {
    clusters.value = withNodeState(clusters.value, clusterId, node);
    retryErrors.set(nodeKey(clusterId, node.id), undefined);
  }

  function applyClustersChanged({ clusters: incoming }: HubEvents['clusters.changed']): void {
    setClusters(mergeClusters(incoming, clusters.value));
  }

  /** Adds a cluster and shows it. Failures reach the caller as HubRequestError. */
  async function add(params: AddClusterParams): Promise<ClusterSummary> {
    const added = await hub.call('clusters.add', params);
    // The `clusters.changed` event may come before or after this reply; either way the list has it.
    if (!clusters.value.some((c) => c.id === added.id)) clusters.value = [...clusters.value, added];
    selectedId.value = added.id;
    return added;
  }

  async function remove(clusterId: string): Promise<void> {
    await hub.call('clusters.remove', { clusterId });
    setClusters(clusters.value.filter((c) => c.id !== clusterId));
  }

  /**
   * New SSH settings for a cluster or one node (the hub reconnects what they touch). The list
   * takes the reply at once; failures reach the caller as HubRequestError, nothing changed.
   */
  async function configure(params: Params<'clusters.configure'>): Promise<ClusterSummary> {
    const updated = await hub.call('clusters.configure', params);
    const next = clusters.value.map((c) => (c.id === updated.id ? updated : c));
    setClusters(mergeClusters(next, clusters.value));
    return updated;
  }

  /** Tries a node again; a refusal is kept for the node's card and tooltip. */
  async function reconnect(clusterId: string, nodeId: string): Promise<void> {
    try {
      await hub.call('nodes.reconnect', { clusterId, nodeId });
    } catch (err) {
      retryErrors.set(nodeKey(clusterId, nodeId), messageOf(err));
    }
  }

  const select = (clusterId: string): void => void (selectedId.value = clusterId);
  const retryErrorOf = (clusterId: string, nodeId: string): string | undefined =>
    retryErrors.get(nodeKey(clusterId, nodeId));

  useHubEvent('node.state', applyNodeState);
  useHubEvent('clusters.changed', applyClustersChanged);

  return {
    ...{ clusters, selectedId, selected, loadError },
    ...{ load, select, add, remove, configure, reconnect, retryErrorOf, applyNodeState, applyClustersChanged },
  };
});
