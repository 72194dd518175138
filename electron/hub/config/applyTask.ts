/** How an apply shows in the tasks drawer: one task over its nodes, with each node's progress. */
import type { ApplyState, ConfigApply, TaskRecord, TaskState } from '../../api';
import { isEnded } from './applyJournal';

const TASK_STATES: Record<ApplyState, TaskState> = {
  staging: 'running',
  discarding: 'running',
  switching: 'running',
  recovering: 'running',
  done: 'done',
  declined: 'declined',
  failed: 'failed',
};

/** `seen`: whether the admin has seen the ended task (a done one is seen when it ends). */
export function taskOfApply(apply: ConfigApply, seen: boolean): TaskRecord {
  const files = [...new Set(apply.nodes.flatMap((n) => n.files))].sort();
  const count = apply.nodes.length;
  const what = apply.kind === 'rollback' ? `roll back to backup ${apply.rollbackOf}` : `apply ${files.join(', ')}`;
  const log = [{ at: apply.createdAt, text: `${what} on ${count} node${count > 1 ? 's' : ''}, by ${apply.by}` }];
  if (apply.outcome) log.push({ at: apply.endedAt ?? Date.now(), text: `${apply.state}: ${apply.outcome}` });
  return {
    id: apply.taskId,
    clusterId: apply.clusterId,
    nodeId: '*',
    nodeName: count === 1 ? (apply.nodes[0]?.nodeName ?? '1 node') : `${count} nodes`,
    action: {
      kind: 'configure',
      applyId: apply.applyId,
      ...(apply.rollbackOf !== undefined && { rollbackOf: apply.rollbackOf }),
    },
    target: { files },
    progress: apply.nodes.map((n) => ({ nodeId: n.nodeId, nodeName: n.nodeName, phase: n.phase, text: n.text })),
    state: TASK_STATES[apply.state],
    ...(isEnded(apply) && apply.outcome !== undefined && { outcome: apply.outcome }),
    log,
    by: apply.by,
    createdAt: apply.createdAt,
    startedAt: apply.createdAt,
    ...(apply.endedAt !== undefined && { endedAt: apply.endedAt }),
    seen: seen || apply.state === 'done',
  };
}
