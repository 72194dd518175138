import type { ClusterJob, ClusterJobs, JobsRequests } from '../../../api';
import type { Cluster } from '../../clusters/cluster';
import { AgentCallError, HubError, messageOf } from '../../errors';
import { checkJobOutput, checkJobRecord, readJobs } from '../../jobs/jobRead';
import { JobSets } from '../../jobs/jobSets';
import type { NodeSession } from '../../nodes/nodeSession';
import type { AgentClient } from '../../agents/agentClient';
import { clusterById, nodeById, type HandlersOf, type HubContext } from './context';

const READ_TIMEOUT_MS = 10_000;
const RUN_TIMEOUT_MS = 30_000;

const setsByHub = new WeakMap<HubContext, JobSets>();
function setsOf(hub: HubContext): JobSets {
  let sets = setsByHub.get(hub);
  if (!sets) setsByHub.set(hub, (sets = new JobSets()));
  return sets;
}

function agentOf(node: NodeSession): AgentClient {
  const agent = node.agent;
  if (!agent) throw new HubError('unavailable', `${node.snapshot.name} is ${node.snapshot.state}, not up.`);
  return agent;
}

/** An agent's refusal is the user's answer (bad directory, too little memory, no such program). */
async function onNode<T>(node: NodeSession, what: string, call: (agent: AgentClient) => Promise<T>): Promise<T> {
  try {
    return await call(agentOf(node));
  } catch (err) {
    if (err instanceof HubError) throw err;
    const why = err instanceof AgentCallError ? err.message : messageOf(err);
    throw new HubError('unavailable', `${node.snapshot.name} could not ${what}: ${why}`);
  }
}

const onCluster = (node: NodeSession) => ({ nodeId: node.snapshot.id, nodeName: node.snapshot.name });

async function listCluster(cluster: Cluster, hub: HubContext): Promise<ClusterJobs> {
  const result: ClusterJobs = { clusterId: cluster.id, at: Date.now(), jobs: [], unreachable: [], sets: [] };
  await Promise.all(
    cluster.nodes.map(async (node) => {
      try {
        const records = await onNode(node, 'list its jobs', (a) => readJobs(a, node.snapshot.name, READ_TIMEOUT_MS));
        result.jobs.push(...records.map((r) => ({ ...r, ...onCluster(node) })));
      } catch (err) {
        result.unreachable.push({ ...onCluster(node), reason: messageOf(err) });
      }
    }),
  );
  result.jobs.sort((a, b) => b.startedAt - a.startedAt || a.nodeName.localeCompare(b.nodeName));
  result.unreachable.sort((a, b) => a.nodeName.localeCompare(b.nodeName));
  result.sets = setsOf(hub).of(cluster.id);
  return result;
}

export const jobsHandlers: HandlersOf<keyof JobsRequests> = {
  'jobs.list': async ({ clusterId }, _conn, hub) => listCluster(clusterById(hub, clusterId), hub),

  'jobs.run': async ({ clusterId, nodeId, start }, _conn, hub): Promise<ClusterJob> => {
    const node = nodeById(clusterById(hub, clusterId), nodeId);
    const record = await onNode(node, 'start the job', (a) => a.request('job.run', start, RUN_TIMEOUT_MS));
    return { ...checkJobRecord(record, node.snapshot.name), ...onCluster(node) };
  },

  'jobs.runSet': async ({ clusterId, nodeId, lines, maxJobs, start }, _conn, hub) => {
    const cluster = clusterById(hub, clusterId);
    const node = nodeById(cluster, nodeId);
    agentOf(node); // Refuse now when the node is not up, rather than fail every line.
    const name = node.snapshot.name;
    const setNode = {
      run: async (s: typeof start & { argv: string[] }) =>
        checkJobRecord(await onNode(node, 'start the line', (a) => a.request('job.run', s, RUN_TIMEOUT_MS)), name),
      list: () => onNode(node, 'list its jobs', (a) => readJobs(a, name, READ_TIMEOUT_MS)),
    };
    return setsOf(hub).start({ clusterId, ...onCluster(node) }, lines, maxJobs, start, setNode);
  },

  'jobs.output': async ({ clusterId, nodeId, runId, stream, offset }, _conn, hub) => {
    const node = nodeById(clusterById(hub, clusterId), nodeId);
    const out = await onNode(node, 'read the job output', (a) =>
      a.request('job.output', { runId, stream, offset }, READ_TIMEOUT_MS),
    );
    return checkJobOutput(out, node.snapshot.name);
  },

  'jobs.forget': async ({ clusterId, nodeId, runId }, _conn, hub) => {
    const node = nodeById(clusterById(hub, clusterId), nodeId);
    return onNode(node, 'forget the job', (a) => a.request('job.forget', { runId }, READ_TIMEOUT_MS));
  },
};
