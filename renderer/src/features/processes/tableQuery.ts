/**
 * What the process table shows of the cluster's processes: filter chips, the search, the sort and
 * the tree. Pure: the whole table in, the rows to draw out.
 */
import type { ColumnId } from './columns';
import type { ProcEntry } from './procEntry';
import { comparator, nodeRanks, sortedRow } from './rowSort';

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

/** Lower-cased once per row object (a changed row is a new object), not once per keystroke per row. */
const lowered = new WeakMap<ProcEntry['row'], { command: string; user: string }>();

function searchText(r: ProcEntry['row']): { command: string; user: string } {
  let text = lowered.get(r);
  if (!text) lowered.set(r, (text = { command: r.command.toLowerCase(), user: r.user.toLowerCase() }));
  return text;
}

/**
 * The chips and the search as one test, grouped and lower-cased once for the whole table: every
 * kind of chip must pass (any chip of a kind will do), then the search.
 */
export function rowFilter(chips: readonly Chip[], search: string): (e: ProcEntry) => boolean {
  const kinds = new Map<Chip['kind'], Chip[]>();
  for (const chip of chips) kinds.set(chip.kind, [...(kinds.get(chip.kind) ?? []), chip]);
  const groups = [...kinds.values()];
  const s = search.trim().toLowerCase();
  return (e) => {
    for (const group of groups) if (!group.some((chip) => chipMatches(chip, e))) return false;
    if (s === '') return true;
    const text = searchText(e.row);
    return text.command.includes(s) || text.user.includes(s) || String(e.row.pid) === s;
  };
}

/** Depth-first, each node's processes under their parents; a parent filtered out leaves its children at the top. */
export function tree(ordered: readonly TableRow[]): TableRow[] {
  const present = new Set<string>();
  for (const r of ordered) present.add(r.entry.key);
  const children = new Map<string, ProcEntry[]>();
  const roots: ProcEntry[] = [];
  for (const { entry: e } of ordered) {
    const parent = `${e.nodeId}/${e.row.ppid}`;
    if (e.row.ppid === e.row.pid || !present.has(parent)) roots.push(e);
    else {
      const kids = children.get(parent);
      if (kids) kids.push(e);
      else children.set(parent, [e]);
    }
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

/** The rows to draw, in order: the whole table sorted afresh (rowOrder.ts keeps it up to date cheaply). */
export function tableRows(entries: Iterable<ProcEntry>, query: TableQuery): TableRow[] {
  const all = [...entries];
  const keep = rowFilter(query.chips, query.search);
  const ranks = nodeRanks(all);
  const kept = all.filter(keep).map((e) => sortedRow(e, query.sort.column, ranks));
  kept.sort(comparator(query.sort.descending));
  return query.tree ? tree(kept) : kept;
}

/** How many processes on how many nodes: what a confirmation says before an action on many. */
export function spread(entries: readonly ProcEntry[]): { processes: number; nodes: number } {
  return { processes: entries.length, nodes: new Set(entries.map((e) => e.nodeId)).size };
}
