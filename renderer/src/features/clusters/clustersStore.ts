import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { AddClusterParams, ClusterSummary, HubEvents, Params, Result } from '../../../../electron/api';
import { useHubEvent } from '../../shared/composables/useHubEvent';
import { useHub } from '../../hub/useHub';
import { keepSelection, mergeClusters, withNodeState } from './clusterList';
import { nodeActions } from './nodeActions';
import { messageOf } from '../../shared/messageOf';

/** The clusters the hub knows and the state of each node; the one selected in the sidebar. */
export const useClustersStore = defineStore('clusters', () => {
  const hub = useHub();
  const clusters = ref<ClusterSummary[]>([]);
  const selectedId = ref<string | null>(null);
  const loadError = ref<string | null>(null);
  /** True once the hub's list has come in (or failed): before that, "no cluster" would be a guess. */
  const loaded = ref(false);
  /** Adding, forgetting and retrying nodes; replies go through takeReply below. */
  const nodes = nodeActions(hub, clusters, takeReply);

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
    loaded.value = true;
  }

  function applyNodeState({ clusterId, node }: HubEvents['node.state']): void {
    clusters.value = withNodeState(clusters.value, clusterId, node);
    nodes.clearRetryError(clusterId, node.id);
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

  /** One cluster as a reply has it, our newer node states kept (its event may have come first). */
  function takeReply(updated: ClusterSummary): ClusterSummary {
    const next = clusters.value.map((c) => (c.id === updated.id ? updated : c));
    setClusters(mergeClusters(next, clusters.value));
    return updated;
  }

  /**
   * New SSH settings for a cluster or one node (the hub reconnects what they touch). The list
   * takes the reply at once; failures reach the caller as HubRequestError, nothing changed.
   */
  async function configure(params: Params<'clusters.configure'>): Promise<ClusterSummary> {
    return takeReply(await hub.call('clusters.configure', params));
  }

  /** Which secrets are saved for a cluster (and a node's own), never their values. */
  async function savedSecrets(clusterId: string, nodeId?: string): Promise<Result<'secrets.saved'>> {
    return hub.call('secrets.saved', nodeId === undefined ? { clusterId } : { clusterId, nodeId });
  }

  const select = (clusterId: string): void => void (selectedId.value = clusterId);

  useHubEvent('node.state', applyNodeState);
  useHubEvent('clusters.changed', applyClustersChanged);

  return {
    ...{ clusters, selectedId, selected, loadError, loaded },
    ...{ load, select, add, remove, configure, savedSecrets, applyNodeState, applyClustersChanged },
    ...{ addNodes: nodes.addNodes, removeNode: nodes.removeNode, reconnect: nodes.reconnect },
    forgetOldKey: nodes.forgetOldKey,
    retryErrorOf: nodes.retryErrorOf,
  };
});
