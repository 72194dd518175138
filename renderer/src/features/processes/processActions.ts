/**
 * What can be done to the selected processes, and the tasks it makes. Pure: the selection, the
 * nodes and the whole table in; menu items (each enabled, or disabled with the reason) and task
 * requests out. An action on "every process of Job ID N of user U" becomes one task per node
 * where that job has processes, so the agent there acts on all of them at once (`-J`).
 */
import type { NodeView } from '../../../../electron/api';
import type { Signal, TaskAction, TaskRequest } from '../../../../electron/api/tasks';
import type { ProcEntry } from './procEntry';
import { spread } from './tableQuery';

type Capability = 'freeze' | 'signal' | 'migrate' | 'checkpoint';

export interface ActionDef {
  id: string;
  label: string;
  /** The key that does it from the table, if any. */
  key?: string;
  action: TaskAction;
  capability: Capability;
  /** Asks first: it cannot be taken back (a kill, a checkpoint that exits). */
  destructive: boolean;
}

export const SIGNALS: readonly Signal[] = ['TERM', 'KILL', 'HUP', 'INT', 'STOP', 'CONT', 'USR1', 'USR2'];

export const ACTIONS: readonly ActionDef[] = [
  { id: 'freeze', label: 'Freeze', key: 'F', action: { kind: 'freeze' }, capability: 'freeze', destructive: false },
  {
    id: 'continue',
    label: 'Continue',
    key: 'C',
    action: { kind: 'continue' },
    capability: 'freeze',
    destructive: false,
  },
  {
    id: 'checkpoint',
    label: 'Checkpoint',
    action: { kind: 'checkpoint', then: 'continue' },
    capability: 'checkpoint',
    destructive: false,
  },
  {
    id: 'checkpoint-stop',
    label: 'Checkpoint and stop',
    action: { kind: 'checkpoint', then: 'stop' },
    capability: 'checkpoint',
    destructive: false,
  },
  {
    id: 'checkpoint-exit',
    label: 'Checkpoint and exit',
    action: { kind: 'checkpoint', then: 'exit' },
    capability: 'checkpoint',
    destructive: true,
  },
  { id: 'home', label: 'Send home', key: 'H', action: { kind: 'home' }, capability: 'migrate', destructive: false },
  ...SIGNALS.map((signal) => ({
    id: `signal-${signal}`,
    label: `Send SIG${signal}`,
    ...(signal === 'TERM' ? { key: 'k' } : {}),
    action: { kind: 'signal' as const, signal },
    capability: 'signal' as const,
    destructive: signal !== 'CONT' && signal !== 'STOP' && signal !== 'USR1' && signal !== 'USR2',
  })),
];

export interface ActionState {
  def: ActionDef;
  enabled: boolean;
  /** Why it is disabled, in a sentence. */
  reason?: string;
}

/** Whether the nodes of these processes can do it: enabled when at least one can; else the first node's reason. */
export function actionState(def: ActionDef, entries: readonly ProcEntry[], nodes: readonly NodeView[]): ActionState {
  if (entries.length === 0) return { def, enabled: false, reason: 'Select a process first.' };
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const reasons: string[] = [];
  for (const e of entries) {
    const node = byId.get(e.nodeId);
    if (!node || node.state !== 'up') {
      reasons.push(`${e.nodeName} is not up.`);
      continue;
    }
    const can = node.hello?.capabilities[def.capability];
    if (can === true) return { def, enabled: true };
    reasons.push(`${node.name}: ${can ?? 'the agent did not say whether it can'}`);
  }
  return { def, enabled: false, reason: reasons[0] };
}

/** The Job ID and user every selected process shares, for the "whole job" variant; null when they differ or have none. */
export function sharedJob(entries: readonly ProcEntry[]): { jobId: number; user: string } | null {
  const first = entries[0]?.row;
  if (!first || first.jobId === null) return null;
  const same = entries.every((e) => e.row.jobId === first.jobId && e.row.user === first.user);
  return same ? { jobId: first.jobId, user: first.user } : null;
}

/** One task per selected process. */
export function perProcess(entries: readonly ProcEntry[], action: TaskAction): TaskRequest[] {
  return entries.map((e) => ({ nodeId: e.nodeId, target: { pid: e.row.pid }, action, command: e.row.command }));
}

/** One task per node where Job ID `jobId` of `user` has processes in the table, and how many it hits. */
export function perJob(
  table: readonly ProcEntry[],
  job: { jobId: number; user: string },
  action: TaskAction,
): { requests: TaskRequest[]; hits: { processes: number; nodes: number } } {
  const members = table.filter((e) => e.row.jobId === job.jobId && e.row.user === job.user);
  const nodeIds = [...new Set(members.map((e) => e.nodeId))];
  const requests = nodeIds.map((nodeId) => ({ nodeId, target: { jobId: job.jobId, user: job.user }, action }));
  return { requests, hits: spread(members) };
}

/** "Send SIGKILL to 3 processes on 2 nodes": what a confirmation asks. */
export function confirmText(
  def: ActionDef,
  hits: { processes: number; nodes: number },
  job?: { jobId: number; user: string },
): string {
  const what = `${hits.processes} process${hits.processes === 1 ? '' : 'es'} on ${hits.nodes} node${hits.nodes === 1 ? '' : 's'}`;
  const of = job ? ` (every process of Job ID ${job.jobId} of ${job.user})` : '';
  return `${def.label}: ${what}${of}?`;
}
