/**
 * Multi-select as file managers and htop do it: a click picks one row, Ctrl (or ⌘) adds or
 * removes one, Shift extends from the anchor to the row, Space toggles the row under the cursor.
 * Pure: keys of the rows in view order in, the new selection out.
 */
export interface Selection {
  keys: ReadonlySet<string>;
  /** Where a Shift-click range starts. */
  anchor: string | null;
}

export type SelectMode = 'only' | 'toggle' | 'range';

export const NO_SELECTION: Selection = { keys: new Set(), anchor: null };

export function select(sel: Selection, order: readonly string[], key: string, mode: SelectMode): Selection {
  if (mode === 'only') return { keys: new Set([key]), anchor: key };
  if (mode === 'toggle') {
    const keys = new Set(sel.keys);
    if (!keys.delete(key)) keys.add(key);
    return { keys, anchor: key };
  }
  const from = sel.anchor === null ? -1 : order.indexOf(sel.anchor);
  const to = order.indexOf(key);
  if (from < 0 || to < 0) return { keys: new Set([key]), anchor: key };
  const [a, b] = from <= to ? [from, to] : [to, from];
  return { keys: new Set([...sel.keys, ...order.slice(a, b + 1)]), anchor: sel.anchor };
}

/** The selection without rows that are gone (a process that exited cannot stay selected). */
export function keepPresent(sel: Selection, present: { has(key: string): boolean }): Selection {
  if ([...sel.keys].every((k) => present.has(k))) return sel;
  const keys = new Set([...sel.keys].filter((k) => present.has(k)));
  return { keys, anchor: sel.anchor !== null && present.has(sel.anchor) ? sel.anchor : null };
}
