import { randomUUID } from 'node:crypto';
import type { MetricsRequests, NodeStatus } from '../../../api';
import { HubError } from '../../errors';
import { nodeStatusSchema } from '../../metrics/nodeStatusSchema';
import type { NodeSession } from '../../nodes/nodeSession';
import { describeIssue } from '../../store/jsonFile';
import { clusterMetrics } from '../clusterMetrics';
import { clusterById, type HandlersOf, nodeById } from './context';

/** Connections are only windows and tabs; more streams than this is a bug, not a use. */
const MAX_SUBSCRIPTIONS_PER_CONNECTION = 64;
/** A window asks every few seconds; a slow answer must not pile up behind it. */
const STATUS_TIMEOUT_MS = 5000;

/** The node's status from its agent, checked; a node that is not up says so rather than waiting. */
async function readStatus(node: NodeSession): Promise<NodeStatus> {
  const { name, state, reason } = node.snapshot;
  const agent = node.agent;
  if (!agent) {
    const why = reason ? ` (${reason})` : '';
    throw new HubError(
      'unavailable',
      `Node ${name} is ${state}${why}, so its status cannot be read now; it can once the node is up.`,
    );
  }
  const checked = nodeStatusSchema.safeParse(await agent.request('status.read', {}, STATUS_TIMEOUT_MS));
  if (!checked.success) {
    throw new HubError(
      'unavailable',
      `The agent on ${name} sent a status that is not valid (${describeIssue(checked.error)}).`,
    );
  }
  return checked.data;
}

export const metricsHandlers: HandlersOf<keyof MetricsRequests> = {
  'metrics.subscribe': async ({ clusterId, intervalMs }, conn, hub) => {
    const cluster = clusterById(hub, clusterId);
    if (conn.subscriptions.size >= MAX_SUBSCRIPTIONS_PER_CONNECTION) {
      throw new HubError('bad-request', 'Too many metrics subscriptions from this window.');
    }
    const subscriptionId = randomUUID();
    conn.subscriptions.set(subscriptionId, clusterMetrics(conn, cluster, subscriptionId, intervalMs));
    return { subscriptionId };
  },
  'metrics.unsubscribe': async ({ subscriptionId }, conn) => {
    conn.subscriptions.get(subscriptionId)?.stop();
    return { removed: conn.subscriptions.delete(subscriptionId) };
  },
  'metrics.history': async ({ clusterId, nodeId }, _c, hub) =>
    nodeById(clusterById(hub, clusterId), nodeId).history.read(Date.now()),
  'metrics.status': async ({ clusterId, nodeId }, _c, hub) => readStatus(nodeById(clusterById(hub, clusterId), nodeId)),
};
