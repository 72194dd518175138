/**
 * A `procs.batch` applied to the table the window holds. Pure: the maps in, new maps out, so the
 * store can assign them once a frame and Vue sees one change.
 */
import type { NodeProcChanges } from '../../../../electron/api/processes';
import { entryKey, type ProcEntry } from './procEntry';

export interface ProcTable {
  entries: Map<string, ProcEntry>;
  /** Nodes whose rows were taken out because they stopped answering, and why. */
  down: Map<string, string>;
}

export const emptyTable = (): ProcTable => ({ entries: new Map(), down: new Map() });

function dropNode(entries: Map<string, ProcEntry>, nodeId: string): void {
  for (const [key, e] of entries) if (e.nodeId === nodeId) entries.delete(key);
}

/** The table with these nodes' changes in; `nameOf` gives the NODE column's text. */
export function applyParts(
  table: ProcTable,
  parts: readonly NodeProcChanges[],
  nameOf: (nodeId: string) => string,
): ProcTable {
  const entries = new Map(table.entries);
  const down = new Map(table.down);
  for (const part of parts) {
    if (part.full || part.down) dropNode(entries, part.nodeId);
    if (part.down) {
      down.set(part.nodeId, part.down.reason);
      continue;
    }
    down.delete(part.nodeId);
    const nodeName = nameOf(part.nodeId);
    for (const pid of part.removed) entries.delete(entryKey(part.nodeId, pid));
    for (const row of part.upserted) {
      const key = entryKey(part.nodeId, row.pid);
      entries.set(key, { key, nodeId: part.nodeId, nodeName, row });
    }
  }
  return { entries, down };
}
