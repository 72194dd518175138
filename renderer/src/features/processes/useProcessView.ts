import { computed, ref, shallowRef, watch, type Ref } from 'vue';
import { COLUMN_IDS, type ColumnId, shownColumns } from './columns';
import { useProcsStore } from './procsStore';
import { keepPresent, NO_SELECTION, select, type SelectMode, type Selection } from './selection';
import { type Chip, type TableQuery, tableRows } from './tableQuery';

const COLUMNS_KEY = 'mosdesk.processColumns';

function rememberedColumns(): string[] | null {
  try {
    const raw = localStorage.getItem(COLUMNS_KEY);
    const parsed: unknown = raw ? JSON.parse(raw) : null;
    return Array.isArray(parsed) && parsed.every((id) => typeof id === 'string') ? parsed : null;
  } catch {
    return null; // unreadable: the default columns
  }
}

/** One process view's state: its query, the rows it draws, the selection and the keyboard's row. */
export function useProcessView(clusterId: Ref<string>, nodeId?: Ref<string | undefined>) {
  const store = useProcsStore();
  const query = ref<TableQuery>({ chips: [], search: '', sort: { column: 'cpu', descending: true }, tree: false });
  const columns = shallowRef(shownColumns(rememberedColumns()));
  const selection = shallowRef<Selection>(NO_SELECTION);
  const cursor = ref<string | null>(null);

  watch(
    [clusterId, () => nodeId?.value],
    ([cluster, node]) => void store.watch(cluster, node ? { nodeIds: [node] } : undefined),
    { immediate: true },
  );

  const entries = computed(() => [...store.table.entries.values()]);
  const rows = computed(() => tableRows(entries.value, query.value));
  const order = computed(() => rows.value.map((r) => r.entry.key));
  // A process that exited cannot stay selected or under the cursor.
  watch(order, (keys) => {
    const present = new Set(keys);
    selection.value = keepPresent(selection.value, present);
    if (cursor.value !== null && !present.has(cursor.value)) cursor.value = keys[0] ?? null;
  });

  const selectedEntries = computed(() => entries.value.filter((e) => selection.value.keys.has(e.key)));
  const users = computed(() => [...new Set(entries.value.map((e) => e.row.user))].sort());
  const jobIds = computed(() =>
    [...new Set(entries.value.flatMap((e) => (e.row.jobId === null ? [] : [e.row.jobId])))].sort((a, b) => a - b),
  );

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
    ...{ store, query, columns, selection, cursor, rows, entries, selectedEntries, users, jobIds },
    ...{ pick, sortBy, moveCursor, setColumns, setChips, setSearch, setTree },
  };
}
