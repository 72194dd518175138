import { computed, ref, type Ref } from 'vue';
import type { NodeView } from '../../../../electron/api';
import type { TaskRequest } from '../../../../electron/api/tasks';
import { messageOf } from '../../shared/messageOf';
import { useTasksStore } from '../tasks/tasksStore';
import type { TargetSummary } from './migrationTargets';
import { ACTIONS, type ActionDef, actionState, confirmText, perJob, perProcess, sharedJob } from './processActions';
import type { ProcEntry } from './procEntry';
import { spread } from './tableQuery';

interface Pending {
  title: string;
  confirmLabel: string;
  requests: TaskRequest[];
}

/**
 * Turns a chosen action into tasks: at once for the harmless ones, after a confirmation that says
 * how many processes on how many nodes for anything that cannot be taken back or hits a whole Job ID.
 */
export function useProcessActions(
  clusterId: Ref<string>,
  selected: Ref<readonly ProcEntry[]>,
  table: Ref<readonly ProcEntry[]>,
  nodes: Ref<readonly NodeView[]>,
) {
  const tasks = useTasksStore();
  const pending = ref<Pending | null>(null);
  /** What the last action did, or why it did nothing, in a sentence. */
  const note = ref<{ text: string; refused: boolean } | null>(null);

  async function start(requests: TaskRequest[], what: string): Promise<void> {
    await tasks.start(clusterId.value, requests);
    note.value = {
      text: `${what}: ${requests.length} task(s) started; the tasks drawer shows how they end.`,
      refused: false,
    };
  }
  const startOrSay = (requests: TaskRequest[], what: string) =>
    start(requests, what).catch((err: unknown) => (note.value = { text: `${what}: ${messageOf(err)}`, refused: true }));

  function run(def: ActionDef, wholeJob: boolean): void {
    const state = actionState(def, selected.value, nodes.value);
    if (!state.enabled)
      return void (note.value = { text: `${def.label}: ${state.reason ?? 'not possible'}`, refused: true });
    const job = wholeJob ? sharedJob(selected.value) : null;
    const { requests, hits } = job
      ? perJob(table.value, job, def.action)
      : { requests: perProcess(selected.value, def.action), hits: spread(selected.value) };
    if (def.destructive || job) {
      pending.value = { title: confirmText(def, hits, job ?? undefined), confirmLabel: def.label, requests };
      return;
    }
    void startOrSay(requests, def.label);
  }

  /** The confirmation's action: the dialog shows a refusal, and closes when the tasks are started. */
  async function confirmPending(): Promise<void> {
    const p = pending.value;
    if (p) await start(p.requests, p.confirmLabel);
  }

  function migrate(node: NodeView, summary: TargetSummary): void {
    const byKey = new Map(selected.value.map((e) => [`${e.nodeId}/${e.row.pid}`, e]));
    const requests = summary.canGo.map(({ process }) => ({
      nodeId: process.nodeId,
      target: { pid: process.row.pid },
      action: { kind: 'migrate' as const, to: node.id },
      command: byKey.get(`${process.nodeId}/${process.row.pid}`)?.row.command,
    }));
    void startOrSay(requests, `Migrate to ${node.name}`);
  }

  const byKey = computed(() => new Map(ACTIONS.filter((a) => a.key).map((a) => [a.key!, a])));
  /** The table's action keys (F, C, k, H; Delete as k). */
  const keyAction = (key: string): ActionDef | undefined => byKey.value.get(key === 'Delete' ? 'k' : key);

  return { pending, note, run, confirmPending, migrate, keyAction };
}
