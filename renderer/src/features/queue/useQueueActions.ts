import { ref, watch } from 'vue';
import type { ClusterQueue, QueueEntry, QueueOp, TaskRecord } from '../../../../electron/api';
import { messageOf } from '../../shared/messageOf';
import { useTasksStore } from '../tasks/tasksStore';
import type { ReorderStep } from './queueOrder';

const ENDED = new Set(['done', 'declined', 'failed', 'timed-out']);

export interface QueueStep {
  op: QueueOp;
  pid: number;
  priority?: number;
}

const OP_WORDS: Record<QueueOp, string> = {
  delete: 'delete',
  run: 'run now',
  cngpri: 'change the priority of',
  advance: 'advance',
  retard: 'retard',
};

/**
 * Queue actions as tasks on the node the queue was read from, one after another (a reorder is
 * several advance/retard steps whose order matters), each awaited until the hub has seen its
 * outcome in the queue. The first step that does not end done stops the rest, and says why.
 */
export function useQueueActions(queue: () => ClusterQueue | null, afterEach: () => Promise<void>) {
  const tasks = useTasksStore();
  const busy = ref<string | null>(null);
  const error = ref<string | null>(null);

  function ended(id: string): Promise<TaskRecord> {
    return new Promise((resolve) => {
      const stop = watch(
        () => tasks.tasks.find((t) => t.id === id),
        (t) => {
          if (!t || !ENDED.has(t.state)) return;
          queueMicrotask(() => stop());
          resolve(t);
        },
        { immediate: true },
      );
    });
  }

  async function one(q: ClusterQueue, step: QueueStep, job: QueueEntry | undefined): Promise<void> {
    const action = {
      kind: 'queue' as const,
      op: step.op,
      ...(step.priority === undefined ? {} : { priority: step.priority }),
    };
    const [t] = await tasks.start(q.clusterId, [
      { nodeId: q.source!.nodeId, target: { pid: step.pid }, action, ...(job ? { command: job.command } : {}) },
    ]);
    const end = await ended(t!.id);
    if (end.state !== 'done')
      throw new Error(`Could not ${OP_WORDS[step.op]} job ${step.pid}: ${end.outcome ?? end.state}`);
  }

  /** Runs the steps in order; false when one failed (the reason is in `error`). */
  async function run(label: string, steps: readonly QueueStep[]): Promise<boolean> {
    const q = queue();
    if (!q?.source || busy.value || steps.length === 0) return false;
    busy.value = label;
    error.value = null;
    try {
      for (const step of steps) {
        await one(
          q,
          step,
          q.jobs.find((j) => j.pid === step.pid),
        );
        await afterEach();
      }
      return true;
    } catch (err) {
      error.value = messageOf(err);
      await afterEach();
      return false;
    } finally {
      busy.value = null;
    }
  }

  const reorder = (pid: number, steps: readonly ReorderStep[]) =>
    run(`Moving job ${pid} (${steps.length} ${steps.length === 1 ? 'step' : 'steps'})…`, steps);

  return { busy, error, run, reorder };
}
