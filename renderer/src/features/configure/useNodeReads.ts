import { ref, shallowRef } from 'vue';
import { messageOf } from '../../shared/messageOf';
import type { ClusterBackup, ConfigApi, NodeConfigRead } from './configApi';

/** Every node's /etc/mosix and the cluster's backups, read again on demand. */
export function useNodeReads(api: ConfigApi) {
  const reads = shallowRef<NodeConfigRead[]>([]);
  const loadError = ref<string | null>(null);
  const backups = shallowRef<ClusterBackup[]>([]);

  async function read(clusterId: string): Promise<void> {
    try {
      reads.value = await api.read(clusterId);
      loadError.value = null;
      // Backups are a convenience of the review: the last list stays if they cannot be read.
      backups.value = await api.backups(clusterId).catch(() => backups.value);
    } catch (err) {
      loadError.value = messageOf(err);
    }
  }
  return { reads, loadError, backups, read };
}
