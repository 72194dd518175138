import { diffLines } from 'diff';

/** One line of a file's diff: kept, added or removed, with its line numbers in the old and new file. */
export interface DiffRow {
  kind: 'same' | 'add' | 'del';
  text: string;
  oldLine?: number;
  newLine?: number;
}

/** A run of unchanged lines folded away: `count` lines from old line `oldLine`. */
export interface DiffGap {
  kind: 'gap';
  count: number;
  oldLine: number;
}

export type DiffItem = DiffRow | DiffGap;

/** A file as the review shows it: absent before (created), absent after (removed), or both texts. */
export interface FileDiff {
  name: string;
  status: 'created' | 'removed' | 'changed' | 'same';
  items: DiffItem[];
  added: number;
  removed: number;
}

function splitLines(text: string): string[] {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

/** Every line, tagged, from jsdiff's line diff (which is Myers' algorithm; not worth writing by hand). */
export function diffRows(before: string, after: string): DiffRow[] {
  const rows: DiffRow[] = [];
  let oldLine = 1;
  let newLine = 1;
  for (const part of diffLines(before, after)) {
    for (const text of splitLines(part.value)) {
      if (part.added) rows.push({ kind: 'add', text, newLine: newLine++ });
      else if (part.removed) rows.push({ kind: 'del', text, oldLine: oldLine++ });
      else rows.push({ kind: 'same', text, oldLine: oldLine++, newLine: newLine++ });
    }
  }
  return rows;
}

/** Keeps `context` unchanged lines around each change and folds the rest into gaps, as `diff -u` does. */
export function foldContext(rows: DiffRow[], context = 3): DiffItem[] {
  const keep = rows.map((row) => row.kind !== 'same');
  const near = rows.map((_, i) => keep.slice(Math.max(0, i - context), i + context + 1).some(Boolean));
  const items: DiffItem[] = [];
  rows.forEach((row, i) => {
    if (near[i]) return items.push(row);
    const last = items.at(-1);
    if (last?.kind === 'gap') last.count++;
    else items.push({ kind: 'gap', count: 1, oldLine: row.oldLine ?? 0 });
  });
  return items;
}

/** The review's diff of one file: `null` stands for a file that is absent. */
export function fileDiff(name: string, before: string | null, after: string | null, context = 3): FileDiff {
  const rows = diffRows(before ?? '', after ?? '');
  const added = rows.filter((r) => r.kind === 'add').length;
  const removed = rows.filter((r) => r.kind === 'del').length;
  const status = before === after ? 'same' : before === null ? 'created' : after === null ? 'removed' : 'changed';
  return { name, status, items: status === 'same' ? [] : foldContext(rows, context), added, removed };
}
