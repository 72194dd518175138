import { onBeforeUnmount, ref, shallowRef, watch, type Ref } from 'vue';
import type { ClusterQueue } from '../../../../electron/api';
import { useHub } from '../../hub/useHub';
import { messageOf } from '../../shared/messageOf';

/** How often the queue is read while the view is open: mosq has no events, and a job may start at any time. */
export const QUEUE_POLL_MS = 2000;

/** A cluster's queue, read now and every QUEUE_POLL_MS while the component lives; `refresh` reads at once. */
export function useClusterQueue(clusterId: Ref<string>) {
  const hub = useHub();
  const queue = shallowRef<ClusterQueue | null>(null);
  const error = ref<string | null>(null);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let reading: Promise<void> | null = null;
  let stopped = false;

  function schedule(): void {
    clearTimeout(timer);
    if (!stopped) timer = setTimeout(() => void refresh(), QUEUE_POLL_MS);
  }

  async function read(id: string): Promise<void> {
    try {
      const q = await hub.call('queue.list', { clusterId: id });
      if (id !== clusterId.value) return;
      queue.value = q;
      error.value = null;
    } catch (err) {
      if (id === clusterId.value) error.value = messageOf(err);
    }
  }

  /** Reads the queue now (a read under way is shared) and polls on from there. */
  function refresh(): Promise<void> {
    reading ??= read(clusterId.value).finally(() => {
      reading = null;
      schedule();
    });
    return reading;
  }

  watch(
    clusterId,
    () => {
      queue.value = null;
      error.value = null;
      void refresh();
    },
    { immediate: true },
  );
  onBeforeUnmount(() => {
    stopped = true;
    clearTimeout(timer);
  });
  return { queue, error, refresh };
}
