/** The cluster's live node sessions as the ConfigNodes an apply works with. */
import type { Cluster } from '../clusters/cluster';
import type { AgentClient } from '../agents/agentClient';
import type { ConfigAgent, ConfigNodes } from './configPort';

/**
 * Per call, ms. A stage resolves host names on the node and fsyncs; a switch renames and fsyncs
 * several files: both get longer than a read. A call that times out is not sent again.
 */
const TIMEOUT_MS = { read: 20_000, stage: 60_000, switch: 60_000, discard: 30_000, backup: 20_000 };

export function configAgentOf(client: AgentClient): ConfigAgent {
  return {
    read: () => client.request('config.read', {}, TIMEOUT_MS.read),
    stage: (applyId, changes) => client.request('config.stage', { applyId, changes }, TIMEOUT_MS.stage),
    switch: (applyId) => client.request('config.switch', { applyId }, TIMEOUT_MS.switch),
    discard: (applyId) => client.request('config.discard', { applyId }, TIMEOUT_MS.discard),
    backup: (backupId) => client.request('config.backup', { backupId }, TIMEOUT_MS.backup),
  };
}

export function sessionConfigNodes(clusters: ReadonlyMap<string, Cluster>): ConfigNodes {
  return {
    nodeIds: (clusterId) => clusters.get(clusterId)?.nodes.map((n) => n.snapshot.id),
    node(clusterId, nodeId) {
      const session = clusters.get(clusterId)?.nodes.find((n) => n.snapshot.id === nodeId);
      if (!session) return undefined;
      const view = session.snapshot;
      const client = session.agent;
      if (client) return { name: view.name, agent: configAgentOf(client) };
      return { name: view.name, down: view.reason ?? `it is ${view.state}` };
    },
  };
}
