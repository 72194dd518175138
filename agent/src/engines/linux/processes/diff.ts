import type { FreezeInfo, ProcRow } from '../../../protocol/procTypes';

function sameFreeze(a: FreezeInfo | null, b: FreezeInfo | null): boolean {
  if (a === null || b === null) return a === b;
  return a.code === b.code && a.by === b.by && a.method === b.method && a.at === b.at;
}

/** True when every column is equal; `freeze` is the only column that is an object. */
export function sameRow(a: ProcRow, b: ProcRow): boolean {
  for (const key of Object.keys(a) as (keyof ProcRow)[]) {
    if (key === 'freeze') {
      if (!sameFreeze(a.freeze, b.freeze)) return false;
    } else if (a[key] !== b[key]) {
      return false;
    }
  }
  return true;
}

/**
 * What changed from the table a stream sent last to the table now: rows that are new or differ
 * in any column (a recycled pid is a changed row), and pids that are no longer there.
 */
export function diffRows(
  previous: ReadonlyMap<number, ProcRow>,
  current: readonly ProcRow[],
): { upserted: ProcRow[]; removed: number[] } {
  const upserted: ProcRow[] = [];
  const present = new Set<number>();
  for (const row of current) {
    present.add(row.pid);
    const before = previous.get(row.pid);
    // The same object: a row the stream reused because nothing changed (see RowCache).
    if (!before || (before !== row && !sameRow(before, row))) upserted.push(row);
  }
  const removed = [...previous.keys()].filter((pid) => !present.has(pid));
  return { upserted, removed };
}
