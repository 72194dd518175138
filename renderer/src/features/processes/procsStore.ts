import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import type { HubEvents, ProcsFilter } from '../../../../electron/api';
import { useHubEvent } from '../../shared/composables/useHubEvent';
import { messageOf } from '../../shared/messageOf';
import { useHub } from '../../hub/useHub';
import { useClustersStore } from '../clusters/clustersStore';
import { createFrameQueue } from '../metrics/frameQueue';
import { applyParts, emptyTable, type ProcTable } from './applyProcBatch';

type Batch = HubEvents['procs.batch'];

/**
 * The process table of the cluster on screen, live: the hub's whole table first, then its
 * changes once a tick, applied once per frame. A batch that does not follow the last one (a gap
 * in `seq`) means the table may be wrong: the store asks for it whole again.
 */
export const useProcsStore = defineStore('procs', () => {
  const hub = useHub();
  const clusters = useClustersStore();
  const table = shallowRef<ProcTable>(emptyTable());
  const error = ref<string | null>(null);
  /** True until the first batch of the current subscription has come. */
  const loading = ref(false);
  let current: { subscriptionId: string; clusterId: string; seq: number } | null = null;
  let wanted: string | null = null;

  const nameOf = (clusterId: string) => (nodeId: string) =>
    clusters.clusters.find((c) => c.id === clusterId)?.nodes.find((n) => n.id === nodeId)?.name ?? nodeId;

  function resync(subscriptionId: string): void {
    hub.call('procs.resync', { subscriptionId }).catch((err: unknown) => (error.value = messageOf(err)));
  }

  const enqueue = createFrameQueue<Batch>((batches) => {
    let next = table.value;
    for (const batch of batches) {
      if (!current || batch.subscriptionId !== current.subscriptionId) continue;
      // A full resend restarts the count; anything else must be the very next batch.
      const whole = batch.nodes.length > 0 && batch.nodes.every((p) => p.full);
      if (batch.seq !== current.seq + 1 && !whole) {
        resync(current.subscriptionId);
        continue;
      }
      current.seq = batch.seq;
      next = applyParts(next, batch.nodes, nameOf(batch.clusterId));
      loading.value = false;
    }
    if (next !== table.value) table.value = next;
  });

  const unsubscribe = (id: string) => hub.call('procs.unsubscribe', { subscriptionId: id }).catch(() => undefined);

  /** Shows this cluster's processes (null: none); a subscription that resolves for an older choice is ended at once. */
  async function watch(clusterId: string | null, filter?: ProcsFilter): Promise<void> {
    const key = clusterId === null ? null : JSON.stringify([clusterId, filter ?? {}]);
    if (wanted === key) return;
    wanted = key;
    const previous = current;
    current = null;
    table.value = emptyTable();
    if (previous) await unsubscribe(previous.subscriptionId);
    if (clusterId === null) return;
    loading.value = true;
    try {
      const params = filter ? { clusterId, filter } : { clusterId };
      const { subscriptionId } = await hub.call('procs.subscribe', params);
      if (wanted !== key) return void (await unsubscribe(subscriptionId));
      current = { subscriptionId, clusterId, seq: 0 };
      error.value = null;
    } catch (err) {
      if (wanted === key) error.value = messageOf(err);
      loading.value = false;
    }
  }

  useHubEvent('procs.batch', enqueue);
  return { table, error, loading, watch };
});
