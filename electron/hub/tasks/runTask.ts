/** One task's run on its node: send the action once, then watch the node until the outcome shows. */
import { z } from 'zod';
import type { ActionResult } from '../../../agent/src/protocol/jobTypes';
import type { NodeView, TaskAction, TaskTarget } from '../../api';
import type { AgentClient } from '../agents/agentClient';
import {
  judge,
  isObservable,
  type ObserveContext,
  type Placement,
  type ProcAction,
  type SeenRow,
  placementOf,
  stayedPut,
  timedOutText,
  unobservedText,
} from './observe';
import { queueActionText } from './observeQueue';
import { runQueueTask } from './queueTask';
import { TargetReader } from './targetReader';
import { clip, type Ending, endingOfError, readForWatch } from './taskEndings';

/** What a task needs of a node: its agent while it is up, and its view (a NodeSession is one). */
export interface TaskNode {
  readonly agent: AgentClient | undefined;
  readonly snapshot: NodeView;
}

export interface TaskTiming {
  /** How often the node is read while the outcome is awaited. */
  pollMs: number;
  /** How long an outcome is awaited after the agent answered. */
  timeoutMs: number;
  /** The same for a migration (MOSIX's `migrate` returns before anything happened). */
  migrateTimeoutMs: number;
  /** A migration whose process has not moved at all this long after the request was declined. */
  declineAfterMs: number;
  /** How long the agent may take to answer the action itself. */
  actionTimeoutMs: number;
  /** How long one `procs.list` may take. */
  readTimeoutMs: number;
}

export const DEFAULT_TIMING: TaskTiming = {
  pollMs: 200,
  timeoutMs: 10_000,
  migrateTimeoutMs: 30_000,
  declineAfterMs: 10_000,
  actionTimeoutMs: 10_000,
  readTimeoutMs: 5000,
};

export type { EndState, Ending } from './taskEndings';

export interface RunSpec {
  action: TaskAction;
  target: TaskTarget;
  node: TaskNode;
  /** A migration's target node. */
  to?: { id: string; node: TaskNode };
}

export interface RunEnv {
  timing: TaskTiming;
  sleep(ms: number): Promise<void>;
  /** Appends a line to the task's log. */
  log(text: string): void;
  /** True once the task was ended from outside (the hub closes): the run stops without a word. */
  over(): boolean;
}

const resultSchema = z.looseObject({ pids: z.array(z.number().int()).max(1_000_000), method: z.string().optional() });

export function targetText(target: TaskTarget): string {
  if ('pid' in target) return `process ${target.pid}`;
  return target.user === undefined ? `Job ID ${target.jobId}` : `Job ID ${target.jobId} of ${target.user}`;
}

export function actionText(action: TaskAction, toName?: string): string {
  switch (action.kind) {
    case 'signal':
      return `SIG${action.signal}`;
    case 'migrate':
      return `migrate to ${toName ?? action.to}`;
    case 'home':
      return 'send home';
    case 'checkpoint':
      return action.then === 'continue' ? 'checkpoint' : `checkpoint and ${action.then}`;
    case 'queue':
      return queueActionText(action);
    default:
      return action.kind;
  }
}

/** The names a node may show in WHERE, and the one `migrate` is given. */
function namesOf(to: NonNullable<RunSpec['to']>): { names: string[]; address: string } {
  const view = to.node.snapshot;
  const names = [to.id, view.name, view.host, view.hello?.node.hostname, ...(view.hello?.node.addresses ?? [])].filter(
    (n): n is string => !!n,
  );
  return { names: [...new Set(names)], address: view.host ?? view.hello?.node.hostname ?? view.name };
}

/** A task on processes (not on the queue). */
type ProcSpec = RunSpec & { action: ProcAction };

function send(client: AgentClient, spec: ProcSpec, timeoutMs: number): Promise<ActionResult> {
  const { action, target: t } = spec;
  switch (action.kind) {
    case 'freeze':
      return client.request('proc.freeze', t, timeoutMs);
    case 'continue':
      return client.request('proc.continue', t, timeoutMs);
    case 'signal':
      return client.request('proc.signal', { ...t, signal: `SIG${action.signal}` }, timeoutMs);
    case 'migrate':
      return client.request('proc.migrate', { ...t, to: spec.to ? namesOf(spec.to).address : action.to }, timeoutMs);
    case 'home':
      return client.request('proc.migrate', { ...t, to: 'home' }, timeoutMs);
    case 'checkpoint':
      return client.request('proc.checkpoint', { ...t, then: action.then }, timeoutMs);
  }
}

/** Runs one task to its end; undefined when it was ended from outside meanwhile. */
export async function runTask(spec: RunSpec, env: RunEnv): Promise<Ending | undefined> {
  const { node } = spec;
  const client = node.agent;
  const view = node.snapshot;
  if (!client) {
    const why = view.reason ? ` (${clip(view.reason)})` : '';
    return {
      state: 'failed',
      outcome: `not sent: ${view.name} is ${view.state}${why}; it is not sent later by itself`,
    };
  }
  env.log(
    `sent ${actionText(spec.action, spec.to?.node.snapshot.name)} for ${targetText(spec.target)} to ${view.name}`,
  );
  const { action } = spec;
  if (action.kind === 'queue') return runQueueTask({ action, target: spec.target, node }, client, env);
  return runProcTask({ ...spec, action }, client, env);
}

async function runProcTask(spec: ProcSpec, client: AgentClient, env: RunEnv): Promise<Ending | undefined> {
  const view = spec.node.snapshot;
  let answer: unknown;
  try {
    answer = await send(client, spec, env.timing.actionTimeoutMs);
  } catch (err) {
    return env.over() ? undefined : endingOfError(err, spec.node, client);
  }
  if (env.over()) return undefined;
  const result = resultSchema.safeParse(answer);
  const pids = result.success ? result.data.pids.length : 0;
  const method = result.success ? result.data.method : undefined;
  env.log(
    result.success
      ? `${view.name} applied it to ${pids === 1 ? '1 process' : `${pids} processes`}${method ? ` (${method})` : ''}`
      : `${view.name} answered with something that is not an action's result; watching the node anyway`,
  );
  if (!isObservable(spec.action)) return { state: 'done', outcome: unobservedText(spec.action, pids) };
  return watch(spec, client, env, method);
}

function observeContext(spec: ProcSpec, method: string | undefined): ObserveContext {
  const ctx: ObserveContext = { nodeName: spec.node.snapshot.name, targetText: targetText(spec.target) };
  if (method !== undefined) ctx.method = method;
  if (spec.to) {
    ctx.targetName = spec.to.node.snapshot.name;
    ctx.targetNames = namesOf(spec.to).names;
  }
  return ctx;
}

function stayedText(ctx: ObserveContext, afterMs: number, seen: string): string {
  return (
    `${ctx.targetText} did not move in ${Math.round(afterMs / 1000)} s: MOSIX took the request but kept it on ` +
    `${ctx.nodeName} (migrate is advice; the target may refuse it) (${seen})`
  );
}

/**
 * Whether a migration was declined: its rows have not moved at all `declineAfterMs` after the
 * request. `first` holds where they were at the first read (set on that call).
 */
function stayDetector(timing: TaskTiming, migrating: boolean) {
  const sentAt = Date.now();
  let first: Placement | undefined;
  return (rows: readonly SeenRow[]): boolean => {
    if (!migrating) return false;
    first ??= placementOf(rows);
    return Date.now() - sentAt >= timing.declineAfterMs && stayedPut(rows, first);
  };
}

/** Reads the target's rows until the outcome shows, the target is gone, the link drops or time is up. */
async function watch(spec: ProcSpec, client: AgentClient, env: RunEnv, method?: string): Promise<Ending | undefined> {
  const { timing } = env;
  const migrating = spec.action.kind === 'migrate' || spec.action.kind === 'home';
  const timeoutMs = migrating ? timing.migrateTimeoutMs : timing.timeoutMs;
  const deadline = Date.now() + timeoutMs;
  const ctx = observeContext(spec, method);
  const reader = new TargetReader(spec.target, spec.node.snapshot.hello?.user.name);
  const declined = stayDetector(timing, migrating);
  let seen: string;
  for (;;) {
    const read = await readForWatch(spec.node, client, () => reader.read(client, timing.readTimeoutMs));
    if (env.over()) return undefined;
    if ('ending' in read) return read.ending;
    if ('failed' in read) seen = read.failed;
    else {
      const verdict = judge(spec.action, read.value, ctx);
      if (verdict.kind === 'done') return { state: 'done', outcome: verdict.text };
      if (verdict.kind === 'gone') return { state: 'failed', outcome: verdict.text };
      seen = verdict.text;
      if (declined(read.value)) return { state: 'declined', outcome: stayedText(ctx, timing.declineAfterMs, seen) };
    }
    if (Date.now() >= deadline) {
      return { state: 'timed-out', outcome: timedOutText(spec.action, Math.round(timeoutMs / 1000), seen, ctx) };
    }
    await env.sleep(timing.pollMs);
    if (env.over()) return undefined;
  }
}
