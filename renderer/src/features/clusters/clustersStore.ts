import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { ClusterSummary, HubEvents } from '../../../../electron/api';
import { useHubEvent } from '../../shared/composables/useHubEvent';
import { useHub } from '../../hub/useHub';

/** The clusters the hub knows and the state of each node; the one selected in the sidebar. */
export const useClustersStore = defineStore('clusters', () => {
  const hub = useHub();
  const clusters = ref<ClusterSummary[]>([]);
  const selectedId = ref<string | null>(null);
  const loadError = ref<string | null>(null);

  const selected = computed(() => clusters.value.find((c) => c.id === selectedId.value) ?? null);

  async function load(): Promise<void> {
    try {
      clusters.value = await hub.call('clusters.list', {});
      loadError.value = null;
      if (!selected.value) selectedId.value = clusters.value[0]?.id ?? null;
    } catch (err) {
      loadError.value = err instanceof Error ? err.message : String(err);
    }
  }

  function applyNodeState({ clusterId, node }: HubEvents['node.state']): void {
    const cluster = clusters.value.find((c) => c.id === clusterId);
    if (!cluster) return;
    const i = cluster.nodes.findIndex((n) => n.id === node.id);
    if (i >= 0) cluster.nodes[i] = node;
    else cluster.nodes.push(node);
  }

  function select(clusterId: string): void {
    selectedId.value = clusterId;
  }

  useHubEvent('node.state', applyNodeState);

  return { clusters, selectedId, selected, loadError, load, select, applyNodeState };
});
