import { inCgroups, nodeCgroupProcs } from '../cluster/cgroups';
import { nodeInitPid } from '../cluster/nodeProcess';
import type { TestCluster } from '../cluster/testCluster';
import { AgentProcess } from './agentProcess';

export interface AgentInNodeOptions {
  /** The agent bundle (see bundleCopy.ts: another user must be able to read it). */
  bundle: string;
  /** Runs the agent as this uid and gid (setpriv, no supplementary groups) instead of root. */
  uid?: number;
  /** Added to the environment (e.g. MOSDESK_AGENT_STATE_DIR for a user without a home). */
  env?: Record<string, string>;
}

/**
 * The agent bundle run inside test cluster node `k`, as an ssh login would run it there: the
 * node's namespaces (its /etc overlay, hostname, network, PIDs) and cgroups, spoken to line by line.
 */
export async function agentInNode(cluster: TestCluster, k: number, o: AgentInNodeOptions): Promise<AgentProcess> {
  const node = cluster.node(k);
  const init = await nodeInitPid(node);
  if (init === undefined) throw new Error(`${node.hostname} is not running.`);
  const asUser = o.uid === undefined ? [] : ['setpriv', `--reuid=${o.uid}`, `--regid=${o.uid}`, '--clear-groups'];
  const nsenter = ['nsenter', '--target', String(init), '--net', '--pid', '--mount', '--uts', '--', ...asUser];
  return new AgentProcess({ bundle: o.bundle, prefix: inCgroups(nodeCgroupProcs(node), nsenter), env: o.env ?? {} });
}
