/** A task on a queued job: check it can be done, ask the node's mosq once, then watch the queue until it shows. */
import type { QueueEntry, TaskTarget } from '../../api';
import type { AgentClient } from '../agents/agentClient';
import { judgeQueue, type QueueAction, queueRefusal } from './observeQueue';
import { readQueue } from './queueRead';
import type { RunEnv, TaskNode } from './runTask';
import { type Ending, endingOfError, readForWatch } from './taskEndings';

export interface QueueSpec {
  action: QueueAction;
  target: TaskTarget;
  node: TaskNode;
}

export async function runQueueTask(spec: QueueSpec, client: AgentClient, env: RunEnv): Promise<Ending | undefined> {
  if (!('pid' in spec.target)) return { state: 'declined', outcome: 'a queue action names one queued job by its pid' };
  const { pid } = spec.target;
  const { action, node } = spec;
  const name = node.snapshot.name;
  let before: QueueEntry | undefined;
  try {
    const { jobs } = await readQueue(client, name, env.timing.readTimeoutMs);
    const refusal = queueRefusal(action, pid, jobs);
    if (refusal) return env.over() ? undefined : { state: 'declined', outcome: `not sent: ${refusal}` };
    before = jobs.find((j) => j.pid === pid);
    const params =
      action.priority === undefined ? { op: action.op, pid } : { op: action.op, pid, priority: action.priority };
    await client.request('queue.act', params, env.timing.actionTimeoutMs);
  } catch (err) {
    return env.over() ? undefined : endingOfError(err, node, client);
  }
  if (env.over()) return undefined;
  env.log(`${name}'s mosq took the request; watching the queue`);
  return watchQueue(spec, pid, before, client, env);
}

async function watchQueue(
  spec: QueueSpec,
  pid: number,
  before: QueueEntry | undefined,
  client: AgentClient,
  env: RunEnv,
): Promise<Ending | undefined> {
  const { timing } = env;
  const deadline = Date.now() + timing.timeoutMs;
  const name = spec.node.snapshot.name;
  let seen: string | undefined;
  for (;;) {
    const read = await readForWatch(spec.node, client, () => readQueue(client, name, timing.readTimeoutMs));
    if (env.over()) return undefined;
    if ('ending' in read) return read.ending;
    if ('failed' in read) seen = read.failed;
    else {
      const verdict = judgeQueue(spec.action, pid, before, read.value.jobs);
      if (verdict.kind === 'done') return { state: 'done', outcome: verdict.text };
      if (verdict.kind === 'gone') return { state: 'failed', outcome: verdict.text };
      seen = verdict.text;
    }
    if (Date.now() >= deadline) {
      return {
        state: 'timed-out',
        outcome: `not seen in the queue within ${Math.round(timing.timeoutMs / 1000)} s (${seen})`,
      };
    }
    await env.sleep(timing.pollMs);
    if (env.over()) return undefined;
  }
}
