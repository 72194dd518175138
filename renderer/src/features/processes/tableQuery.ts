/**
 * What the process table shows of the cluster's processes: filter chips, the search, the sort and
 * the tree. Pure: the whole table in, the rows to draw out, so 20,000 rows are one pass.
 */
import { type ColumnId, columnById } from './columns';
import type { ProcEntry } from './procEntry';

/** A filter chip; several chips of one kind are alternatives (node A or node B), kinds combine (and). */
export type Chip =
  | { kind: 'node'; nodeId: string; label: string }
  | { kind: 'user'; user: string }
  | { kind: 'job'; jobId: number }
  | { kind: 'class'; value: string }
  | { kind: 'frozen' }
  | { kind: 'scope'; scope: 'local' | 'away' | 'guests' };

export interface TableQuery {
  chips: readonly Chip[];
  /** Case-insensitive, in the command line, user and PID. */
  search: string;
  sort: { column: ColumnId; descending: boolean };
  /** Children under their parent (same node), as htop's `t`. */
  tree: boolean;
}

export interface TableRow {
  entry: ProcEntry;
  /** 0 for a root; its place in the tree otherwise. */
  depth: number;
}

function chipMatches(chip: Chip, e: ProcEntry): boolean {
  const r = e.row;
  switch (chip.kind) {
    case 'node':
      return e.nodeId === chip.nodeId;
    case 'user':
      return r.user === chip.user;
    case 'job':
      return r.jobId === chip.jobId;
    case 'class':
      return String(r.class) === chip.value;
    case 'frozen':
      return r.frz !== '-' && r.frz !== 'N/A';
    case 'scope':
      // mosps -L: home here and running here; -O: home here, running elsewhere; -V: guests.
      if (chip.scope === 'guests') return r.from !== 'here';
      if (chip.scope === 'away') return r.from === 'here' && r.where !== 'here';
      return r.from === 'here' && r.where === 'here' && r.class !== 'native';
  }
}

/** Whether the entry passes every kind of chip (any chip of a kind will do) and the search. */
export function matches(e: ProcEntry, chips: readonly Chip[], search: string): boolean {
  const kinds = new Map<Chip['kind'], Chip[]>();
  for (const chip of chips) kinds.set(chip.kind, [...(kinds.get(chip.kind) ?? []), chip]);
  for (const group of kinds.values()) if (!group.some((chip) => chipMatches(chip, e))) return false;
  if (search === '') return true;
  const s = search.toLowerCase();
  return e.row.command.toLowerCase().includes(s) || e.row.user.toLowerCase().includes(s) || String(e.row.pid) === s;
}

type Keyed = { entry: ProcEntry; key: number | string };

function compare(a: Keyed, b: Keyed, descending: boolean): number {
  const by = a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
  // Ties keep a stable, meaningful order: node, then PID.
  const tie = a.entry.nodeName.localeCompare(b.entry.nodeName) || a.entry.row.pid - b.entry.row.pid;
  return (descending ? -by : by) || tie;
}

function sorted(entries: readonly ProcEntry[], query: TableQuery): ProcEntry[] {
  const column = columnById.get(query.sort.column);
  if (!column) return [...entries];
  const keyed = entries.map((entry) => ({ entry, key: column.sortKey(entry) }));
  keyed.sort((a, b) => compare(a, b, query.sort.descending));
  return keyed.map((k) => k.entry);
}

/** Depth-first, each node's processes under their parents; a parent filtered out leaves its children at the top. */
function tree(ordered: readonly ProcEntry[]): TableRow[] {
  const present = new Set(ordered.map((e) => e.key));
  const children = new Map<string, ProcEntry[]>();
  const roots: ProcEntry[] = [];
  for (const e of ordered) {
    const parent = `${e.nodeId}/${e.row.ppid}`;
    if (e.row.ppid !== e.row.pid && present.has(parent)) children.set(parent, [...(children.get(parent) ?? []), e]);
    else roots.push(e);
  }
  const out: TableRow[] = [];
  const stack: TableRow[] = roots.map((entry) => ({ entry, depth: 0 })).reverse();
  while (stack.length > 0) {
    const next = stack.pop()!;
    out.push(next);
    const kids = children.get(next.entry.key) ?? [];
    for (let i = kids.length - 1; i >= 0; i--) stack.push({ entry: kids[i]!, depth: next.depth + 1 });
  }
  return out;
}

/** The rows to draw, in order. */
export function tableRows(entries: Iterable<ProcEntry>, query: TableQuery): TableRow[] {
  const kept = [...entries].filter((e) => matches(e, query.chips, query.search.trim()));
  const ordered = sorted(kept, query);
  return query.tree ? tree(ordered) : ordered.map((entry) => ({ entry, depth: 0 }));
}

/** How many processes on how many nodes: what a confirmation says before an action on many. */
export function spread(entries: readonly ProcEntry[]): { processes: number; nodes: number } {
  return { processes: entries.length, nodes: new Set(entries.map((e) => e.nodeId)).size };
}
