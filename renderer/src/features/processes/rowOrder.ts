/**
 * The table's rows kept up to date from one table to the next. A batch changes a few thousand of
 * 20,000 rows: those are filtered and sorted alone and merged into the rows that did not change,
 * one pass instead of a sort. A new filter, search or sort sorts the whole table again. Pure:
 * the previous order in, the next out (the view keeps the last one).
 */
import type { ProcEntry } from './procEntry';
import { comparator, mergeSorted, nodeRanks, type SortedRow, sortedRow } from './rowSort';
import { rowFilter, type TableQuery, type TableRow, tree } from './tableQuery';

export interface RowOrder {
  /** The table this order is of; its entries are compared by identity with the next table's. */
  readonly entries: ReadonlyMap<string, ProcEntry>;
  readonly query: TableQuery;
  /** Whether an entry passes the query's chips and search. */
  readonly passes: (e: ProcEntry) => boolean;
  /** The rows that pass, sorted, before the tree. */
  readonly sorted: readonly SortedRow[];
  readonly ranks: ReadonlyMap<string, number>;
  /** What to draw. */
  readonly rows: readonly TableRow[];
}

/** Whether two queries keep the same rows in the same order (the tree aside). */
const sameOrder = (a: TableQuery, b: TableQuery): boolean =>
  a.chips === b.chips &&
  a.search.trim() === b.search.trim() &&
  a.sort.column === b.sort.column &&
  a.sort.descending === b.sort.descending;

function withRows(order: Omit<RowOrder, 'rows'>): RowOrder {
  return { ...order, rows: order.query.tree ? tree(order.sorted) : order.sorted };
}

function wholeOrder(entries: ReadonlyMap<string, ProcEntry>, query: TableQuery): RowOrder {
  const passes = rowFilter(query.chips, query.search);
  const ranks = nodeRanks(entries.values());
  const sorted: SortedRow[] = [];
  for (const e of entries.values()) if (passes(e)) sorted.push(sortedRow(e, query.sort.column, ranks));
  sorted.sort(comparator(query.sort.descending));
  return withRows({ entries, query, passes, sorted, ranks });
}

/** The rows of `entries` under `query`, from the previous order when only some rows changed. */
export function nextOrder(prev: RowOrder | null, entries: ReadonlyMap<string, ProcEntry>, query: TableQuery): RowOrder {
  if (!prev || !sameOrder(prev.query, query)) return wholeOrder(entries, query);
  if (prev.entries === entries) return prev.query === query ? prev : withRows({ ...prev, query });
  const { passes, ranks } = prev;
  const fresh: SortedRow[] = [];
  for (const [key, e] of entries) {
    if (prev.entries.get(key) === e || !passes(e)) continue;
    // A node not seen before has no rank among the others: rank them all again.
    if (!ranks.has(e.nodeName)) return wholeOrder(entries, query);
    fresh.push(sortedRow(e, query.sort.column, ranks));
  }
  const compare = comparator(query.sort.descending);
  fresh.sort(compare);
  const kept = prev.sorted.filter((r) => entries.get(r.entry.key) === r.entry);
  return withRows({ entries, query, passes, ranks, sorted: mergeSorted(kept, fresh, compare) });
}
