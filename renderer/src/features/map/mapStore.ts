import { defineStore } from 'pinia';
import { shallowRef } from 'vue';
import type { ClusterSummary } from '../../../../electron/api';
import type { ConfigFiles } from '../../../../agent/src/mosixConfig';
import { messageOf } from '../../shared/messageOf';
import { useConfigApi, type NodeConfigRead } from '../configure/configApi';
import { filesOf } from '../configure/configDraft';
import { mapRelations } from '../processes/mapRelations';
import type { MapRelation } from '../processes/migrationTargets';
import { clusterMapModel, type ClusterMapModel } from './mapModel';
import type { KnownNode } from './mapMatch';

interface ClusterReads {
  at: number;
  reads: NodeConfigRead[];
  error?: string;
}

/** How mosdesk knows a node, for matching it to the map's hosts. */
export function knownNodes(cluster: ClusterSummary): KnownNode[] {
  return cluster.nodes.map((n) => ({
    id: n.id,
    name: n.name,
    ...(n.host ? { host: n.host } : {}),
    ...(n.hello ? { hostname: n.hello.node.hostname } : {}),
    addresses: n.hello?.node.addresses ?? [],
  }));
}

/**
 * Each cluster's /etc/mosix as its nodes have it, read on demand (the map view, the monitor's
 * numbers) and again after an apply. A cluster without a map gives no numbers.
 */
export const useMapStore = defineStore('clusterMaps', () => {
  const api = useConfigApi();
  const byCluster = shallowRef(new Map<string, ClusterReads>());
  const inFlight = new Map<string, Promise<void>>();

  function set(clusterId: string, entry: ClusterReads): void {
    byCluster.value = new Map(byCluster.value).set(clusterId, entry);
  }

  /** Reads the cluster's files; a read already under way is shared. */
  function refresh(clusterId: string): Promise<void> {
    const running = inFlight.get(clusterId);
    if (running) return running;
    const p = api
      .read(clusterId)
      .then((reads) => set(clusterId, { at: Date.now(), reads }))
      .catch((err: unknown) => set(clusterId, { at: Date.now(), reads: [], error: messageOf(err) }))
      .finally(() => inFlight.delete(clusterId));
    inFlight.set(clusterId, p);
    return p;
  }

  function ensure(clusterId: string): void {
    if (!byCluster.value.has(clusterId)) void refresh(clusterId);
  }

  function readsOf(clusterId: string): ClusterReads | undefined {
    return byCluster.value.get(clusterId);
  }

  function modelOf(cluster: ClusterSummary): ClusterMapModel | undefined {
    const entry = byCluster.value.get(cluster.id);
    if (!entry) return undefined;
    const perNode = new Map<string, ConfigFiles>();
    for (const r of entry.reads) if (r.ok) perNode.set(r.nodeId, filesOf(r.snapshot));
    return clusterMapModel(perNode, knownNodes(cluster));
  }

  /** Node id -> MOSIX number, where the cluster has a map; undefined without one. */
  function numberOf(cluster: ClusterSummary): ReadonlyMap<string, number> | undefined {
    const model = modelOf(cluster);
    return model && model.numbers.length > 0 ? model.match.numberOf : undefined;
  }

  /** Node id -> what the map says of it as a migration target; undefined before the map is read. */
  function relationsOf(cluster: ClusterSummary): ReadonlyMap<string, MapRelation> | undefined {
    const model = modelOf(cluster);
    return model && mapRelations(model, knownNodes(cluster));
  }

  return { refresh, ensure, readsOf, modelOf, numberOf, relationsOf };
});
