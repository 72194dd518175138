import { storeToRefs } from 'pinia';
import { watch } from 'vue';
import { useRoute, useRouter } from 'vue-router';
import { useClustersStore } from '../features/clusters/clustersStore';
import { monitorRoute } from '../router';

/**
 * The route says which cluster is on screen (ClusterPage selects it). When the store picks
 * another one by itself (a cluster was added, or the shown one removed), the window follows.
 */
export function useRouteSelection(): void {
  const route = useRoute();
  const router = useRouter();
  const { selectedId } = storeToRefs(useClustersStore());
  watch(selectedId, (id) => {
    if (!id || route.params.clusterId === id) return;
    if (route.name === 'all') return; // every cluster is on screen already
    void router.push(monitorRoute(id));
  });
}
