import { watch, type Ref } from 'vue';
import type { NodeView } from '../../../../electron/api';
import type { ProcessFocus } from '../../router';
import { entryKey } from './procEntry';
import type { useProcessView } from './useProcessView';

/**
 * Arriving with a focus (from the jobs list): the table shows that node and PID, and the row is
 * selected as soon as the node's table has it, so a job just started is found at once.
 */
export function useProcessFocus(
  view: ReturnType<typeof useProcessView>,
  focus: Ref<ProcessFocus | undefined>,
  nodes: Ref<readonly NodeView[]>,
): void {
  let waitingFor: string | null = null;
  watch(
    focus,
    (f) => {
      waitingFor = f ? entryKey(f.nodeId, f.pid) : null;
      if (!f) return;
      const label = nodes.value.find((n) => n.id === f.nodeId)?.name ?? f.nodeId;
      view.setChips([{ kind: 'node', nodeId: f.nodeId, label }]);
      view.setSearch(String(f.pid));
    },
    { immediate: true },
  );
  watch(view.rows, (rows) => {
    if (waitingFor && rows.some((r) => r.entry.key === waitingFor)) {
      view.pick(waitingFor, 'only');
      waitingFor = null;
    }
  });
}
