import type { Ref } from 'vue';
import { useHub } from '../../hub/useHub';
import { usePolledRead } from '../../shared/composables/usePolledRead';

/** Jobs have no events: read every second while the view is open, so a start or an exit shows at once. */
export const JOBS_POLL_MS = 1000;

/** Every mosdesk job of a cluster, with the hub's sets of command lines. */
export function useClusterJobs(clusterId: Ref<string>) {
  const hub = useHub();
  const { value, error, refresh } = usePolledRead(
    clusterId,
    (id) => hub.call('jobs.list', { clusterId: id }),
    JOBS_POLL_MS,
  );
  return { jobs: value, error, refresh };
}
