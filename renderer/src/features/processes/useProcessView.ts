import { computed, ref, shallowRef, watch, type Ref } from 'vue';
import { COLUMN_IDS, type ColumnId, shownColumns } from './columns';
import { useProcsStore } from './procsStore';
import { keepPresent, NO_SELECTION, select, type SelectMode, type Selection } from './selection';
import type { ProcEntry } from './procEntry';
import { nextOrder, type RowOrder } from './rowOrder';
import type { Chip, TableQuery } from './tableQuery';

const COLUMNS_KEY = 'mosdesk.processColumns';

/** The distinct non-null values of one field over the table, in one pass without copies. */
function distinct<T>(entries: ReadonlyMap<string, ProcEntry>, of: (e: ProcEntry) => T | null): T[] {
  const seen = new Set<T>();
  for (const e of entries.values()) {
    const v = of(e);
    if (v !== null) seen.add(v);
  }
  return [...seen];
}

function rememberedColumns(): string[] | null {
  try {
    const raw = localStorage.getItem(COLUMNS_KEY);
    const parsed: unknown = raw ? JSON.parse(raw) : null;
    return Array.isArray(parsed) && parsed.every((id) => typeof id === 'string') ? parsed : null;
  } catch {
    return null; // unreadable: the default columns
  }
}

const FIRST_QUERY: TableQuery = { chips: [], search: '', sort: { column: 'cpu', descending: true }, tree: false };

/** The users and Job IDs the filter bar offers as chips. */
function chipChoices(table: () => ReadonlyMap<string, ProcEntry>) {
  return {
    users: computed(() => distinct(table(), (e) => e.row.user).sort()),
    jobIds: computed(() => distinct(table(), (e) => e.row.jobId).sort((a, b) => a - b)),
  };
}

/**
 * The rows to draw, each from the last (a batch merges its changed rows in: rowOrder.ts), and
 * whether a key is among them without a set of 20,000 keys: a process that exited or is filtered
 * out cannot stay selected or under the cursor.
 */
function liveRows(table: () => ReadonlyMap<string, ProcEntry>, query: Ref<TableQuery>) {
  let last: RowOrder | null = null;
  const rows = computed(() => (last = nextOrder(last, table(), query.value)).rows);
  const has = (key: string): boolean => {
    const e = table().get(key);
    return e !== undefined && last !== null && last.passes(e);
  };
  return { rows, shown: { has } };
}

/** One process view's state: its query, the rows it draws, the selection and the keyboard's row. */
export function useProcessView(clusterId: Ref<string>, nodeId?: Ref<string | undefined>) {
  const store = useProcsStore();
  // Replaced whole on every change, never mutated: no reactive proxy for the sort to read through.
  const query = shallowRef<TableQuery>(FIRST_QUERY);
  const columns = shallowRef(shownColumns(rememberedColumns()));
  const selection = shallowRef<Selection>(NO_SELECTION);
  const cursor = ref<string | null>(null);

  watch(
    [clusterId, () => nodeId?.value],
    ([cluster, node]) => void store.watch(cluster, node ? { nodeIds: [node] } : undefined),
    { immediate: true },
  );

  // Read only when an action needs the whole table: a batch does not copy 20,000 entries.
  const entries = computed(() => [...store.table.entries.values()]);
  const count = computed(() => store.table.entries.size);
  const { rows, shown } = liveRows(() => store.table.entries, query);
  const order = computed(() => rows.value.map((r) => r.entry.key));
  watch(rows, (now) => {
    selection.value = keepPresent(selection.value, shown);
    if (cursor.value !== null && !shown.has(cursor.value)) cursor.value = now[0]?.entry.key ?? null;
  });

  const selectedEntries = computed(() =>
    selection.value.keys.size === 0 ? [] : entries.value.filter((e) => selection.value.keys.has(e.key)),
  );
  const { users, jobIds } = chipChoices(() => store.table.entries);

  function pick(key: string, mode: SelectMode): void {
    selection.value = select(selection.value, order.value, key, mode);
    cursor.value = key;
  }
  function sortBy(column: ColumnId): void {
    const s = query.value.sort;
    query.value = {
      ...query.value,
      sort: { column, descending: s.column === column ? !s.descending : column !== 'node' },
    };
  }
  function moveCursor(by: number): string | null {
    const keys = order.value;
    if (keys.length === 0) return null;
    const at = cursor.value === null ? -1 : keys.indexOf(cursor.value);
    cursor.value = keys[Math.min(keys.length - 1, Math.max(0, at + by))]!;
    return cursor.value;
  }
  function setColumns(ids: ColumnId[]): void {
    columns.value = shownColumns(ids.filter((id) => COLUMN_IDS.includes(id)));
    try {
      localStorage.setItem(COLUMNS_KEY, JSON.stringify(columns.value.map((c) => c.id)));
    } catch {
      // not remembered; the table still changes
    }
  }
  const setChips = (chips: Chip[]) => (query.value = { ...query.value, chips });
  const setSearch = (search: string) => (query.value = { ...query.value, search });
  const setTree = (tree: boolean) => (query.value = { ...query.value, tree });

  return {
    ...{ store, query, columns, selection, cursor, rows, entries, count, selectedEntries, users, jobIds },
    ...{ pick, sortBy, moveCursor, setColumns, setChips, setSearch, setTree },
  };
}
