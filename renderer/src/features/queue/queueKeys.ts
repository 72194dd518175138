/** The queue view's keys, as `?` lists them, and which job a move of the selection lands on. Pure. */
import type { KeyHelp } from '../../frame/viewKeys';

export const QUEUE_KEYS: readonly KeyHelp[] = [
  { key: '↑ ↓', does: 'Select the previous / next job' },
  { key: 'n', does: 'Run the selected job now (mosq run)' },
  { key: 'a', does: 'Advance it to the head of its priority group' },
  { key: 'b', does: 'Move it back to the tail of its priority group (retard)' },
  { key: 'p', does: 'Change its priority' },
  { key: 'Del', does: 'Delete it from the queue (asks first)' },
  { key: 'g', does: 'Read the queue again' },
];

/** The pid selected after moving `by` rows from `selected` (the first row when nothing is selected). */
export function moveSelection(pids: readonly number[], selected: number | null, by: number): number | null {
  if (pids.length === 0) return null;
  const at = selected === null ? -1 : pids.indexOf(selected);
  if (at < 0) return pids[by < 0 ? pids.length - 1 : 0]!;
  return pids[Math.max(0, Math.min(pids.length - 1, at + by))]!;
}
