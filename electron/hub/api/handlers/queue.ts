import type { ClusterQueue, QueueRequests } from '../../../api';
import type { Cluster } from '../../clusters/cluster';
import { AgentCallError, HubError, messageOf } from '../../errors';
import type { NodeSession } from '../../nodes/nodeSession';
import { readQueue } from '../../tasks/queueRead';
import { clusterById, type HandlersOf } from './context';

const READ_TIMEOUT_MS = 10_000;

function hasQueue(node: NodeSession): boolean {
  return node.snapshot.hello?.capabilities.queue === true;
}

/** Why no node can show the queue: the engines' own reasons, each once. */
function unavailableText(cluster: Cluster): string {
  const reasons = new Set<string>();
  for (const node of cluster.nodes) {
    const cap = node.snapshot.hello?.capabilities.queue;
    if (cap === true) reasons.add(`${node.snapshot.name}, which has a queue, is ${node.snapshot.state}`);
    else if (typeof cap === 'string') reasons.add(cap.replace(/\.$/, ''));
  }
  if (reasons.size === 0)
    return `No node of ${cluster.name} has answered yet, so it is not known whether it has a queue.`;
  return `No node of ${cluster.name} can show a MOSIX queue now: ${[...reasons].join('; ')}.`;
}

async function readFrom(cluster: Cluster, node: NodeSession): Promise<ClusterQueue> {
  const agent = node.agent;
  if (!agent) throw new HubError('unavailable', `${node.snapshot.name} is not up.`);
  const queue = await readQueue(agent, node.snapshot.name, READ_TIMEOUT_MS);
  return {
    clusterId: cluster.id,
    at: queue.at,
    source: { nodeId: node.snapshot.id, nodeName: node.snapshot.name },
    jobs: queue.jobs,
    problems: queue.problems,
  };
}

export const queueHandlers: HandlersOf<keyof QueueRequests> = {
  /** The queue as the first up node with `mosq` shows it (every such node shows the cluster's whole queue). */
  'queue.list': async ({ clusterId }, _conn, hub) => {
    const cluster = clusterById(hub, clusterId);
    const source = cluster.nodes.find((n) => n.agent !== undefined && hasQueue(n));
    if (!source) return { clusterId, at: Date.now(), jobs: [], problems: [], unavailable: unavailableText(cluster) };
    try {
      return await readFrom(cluster, source);
    } catch (err) {
      if (err instanceof HubError) throw err;
      const why = err instanceof AgentCallError ? err.message : messageOf(err);
      throw new HubError('unavailable', `${source.snapshot.name} could not read the queue: ${why}`);
    }
  },
};
