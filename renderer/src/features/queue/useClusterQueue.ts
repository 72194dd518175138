import type { Ref } from 'vue';
import { useHub } from '../../hub/useHub';
import { usePolledRead } from '../../shared/composables/usePolledRead';

/** How often the queue is read while the view is open: mosq has no events, and a job may start at any time. */
export const QUEUE_POLL_MS = 2000;

/** A cluster's queue, read now and every QUEUE_POLL_MS while the component lives; `refresh` reads at once. */
export function useClusterQueue(clusterId: Ref<string>) {
  const hub = useHub();
  const { value, error, refresh } = usePolledRead(
    clusterId,
    (id) => hub.call('queue.list', { clusterId: id }),
    QUEUE_POLL_MS,
  );
  return { queue: value, error, refresh };
}
