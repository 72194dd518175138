import { ref, shallowRef } from 'vue';
import { useMapStore } from '../map/mapStore';
import type { ClusterBackup, ConfigApi, NodeConfigRead } from './configApi';

/**
 * Every node's /etc/mosix and the cluster's backups, read again on demand. The reads go through
 * the map store, so the map view and the monitor's numbers see the same read (and one, not two,
 * after an apply).
 */
export function useNodeReads(api: ConfigApi) {
  const maps = useMapStore();
  const reads = shallowRef<NodeConfigRead[]>([]);
  const loadError = ref<string | null>(null);
  const backups = shallowRef<ClusterBackup[]>([]);

  async function read(clusterId: string): Promise<void> {
    await maps.refresh(clusterId);
    const entry = maps.readsOf(clusterId);
    loadError.value = entry?.error ?? null;
    if (entry && !entry.error) reads.value = entry.reads;
    // Backups are a convenience of the review: the last list stays if they cannot be read.
    if (!entry?.error) backups.value = await api.backups(clusterId).catch(() => backups.value);
  }
  return { reads, loadError, backups, read };
}
