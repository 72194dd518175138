import type { ClusterRequests } from '../../../api';
import { summarize } from '../../clusters/cluster';
import { clusterById, type HandlersOf, nodeById, sshOf } from './context';

export const clusterHandlers: HandlersOf<keyof ClusterRequests> = {
  'clusters.list': async (_p, _c, hub) => [...hub.clusters.values()].map(summarize),
  'clusters.add': async (params, _c, hub) => summarize(await sshOf(hub).clusters.add(params)),
  'clusters.remove': async ({ clusterId }, _c, hub) => ({ removed: await sshOf(hub).clusters.remove(clusterId) }),
  'clusters.configure': async ({ clusterId, nodeId, settings, secrets }, _c, hub) =>
    summarize(await sshOf(hub).clusters.configure(clusterId, nodeId, settings, secrets)),
  'nodes.add': async ({ clusterId, hosts }, _c, hub) => summarize(await sshOf(hub).clusters.addNodes(clusterId, hosts)),
  'nodes.remove': async ({ clusterId, nodeId }, _c, hub) => ({
    removed: await sshOf(hub).clusters.removeNode(clusterId, nodeId),
  }),
  'nodes.reconnect': async ({ clusterId, nodeId }, _c, hub) => {
    const cluster = clusterById(hub, clusterId);
    // SSH nodes through their manager, which knows which of its clusters are live.
    if (cluster.kind === 'ssh') {
      sshOf(hub).clusters.reconnect(clusterId, nodeId);
      return { ok: true };
    }
    nodeById(cluster, nodeId).reconnectNow();
    return { ok: true };
  },
  'secrets.saved': async ({ clusterId, nodeId }, _c, hub) => sshOf(hub).clusters.savedSecrets(clusterId, nodeId),
};
