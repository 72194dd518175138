import { describe, expect, it } from 'vitest';
import type { ProcEntry } from '../../../../../renderer/src/features/processes/procEntry';
import { nextOrder } from '../../../../../renderer/src/features/processes/rowOrder';
import { type TableQuery, tableRows } from '../../../../../renderer/src/features/processes/tableQuery';
import { entry } from './procFixtures';

const query = (over: Partial<TableQuery> = {}): TableQuery => ({
  chips: [],
  search: '',
  sort: { column: 'cpu', descending: true },
  tree: false,
  ...over,
});
const tableOf = (entries: ProcEntry[]) => new Map(entries.map((e) => [e.key, e]));
const keys = (rows: readonly { entry: ProcEntry; depth: number }[]) => rows.map((r) => `${r.entry.key}@${r.depth}`);

/** A small deterministic generator, so a failure is the same failure on every run. */
function random(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

function someTable(rnd: () => number, pids: number): Map<string, ProcEntry> {
  const out: ProcEntry[] = [];
  for (const node of ['1', '2', '3'])
    for (let pid = 1; pid <= pids; pid++)
      out.push(
        entry(node, {
          pid,
          ppid: Math.floor(rnd() * pid),
          cpuPercent: Math.floor(rnd() * 4),
          user: rnd() < 0.5 ? 'alice' : 'bob',
        }),
      );
  return tableOf(out);
}

/** A batch: some rows changed (new objects), some gone, some new; the rest the same objects. */
function batch(rnd: () => number, table: Map<string, ProcEntry>, next: number): Map<string, ProcEntry> {
  const out = new Map(table);
  for (const [key, e] of table) {
    const r = rnd();
    if (r < 0.1) out.delete(key);
    else if (r < 0.4) out.set(key, entry(e.nodeId, { ...e.row, cpuPercent: Math.floor(rnd() * 4) }));
  }
  for (let i = 0; i < 5; i++) {
    const e = entry(String(1 + Math.floor(rnd() * 3)), { pid: next + i, ppid: Math.floor(rnd() * 40), cpuPercent: 2 });
    out.set(e.key, e);
  }
  return out;
}

describe('nextOrder', () => {
  it.each<[string, Partial<TableQuery>]>([
    ['%CPU, highest first', {}],
    ['user, ascending', { sort: { column: 'user', descending: false } }],
    ['a chip and a search', { chips: [{ kind: 'user', user: 'alice' }], search: 'sleep' }],
    ['the tree', { tree: true, sort: { column: 'pid', descending: false } }],
  ])('after each batch, draws what sorting the whole table draws: %s', (_name, over) => {
    const rnd = random(7);
    const q = query(over);
    let table = someTable(rnd, 40);
    let order = nextOrder(null, table, q);
    for (let turn = 0; turn < 30; turn++) {
      table = batch(rnd, table, 1000 + turn * 10);
      order = nextOrder(order, table, q);
      expect(keys(order.rows)).toEqual(keys(tableRows(table.values(), q)));
    }
  });

  it('sorts again when the sort changes, and keeps the order when only the tree is switched on', () => {
    const table = someTable(random(3), 20);
    const byCpu = nextOrder(null, table, query());
    const byPid = nextOrder(byCpu, table, query({ sort: { column: 'pid', descending: false } }));
    expect(keys(byPid.rows)).toEqual(keys(tableRows(table.values(), byPid.query)));
    const tree = nextOrder(byPid, table, { ...byPid.query, tree: true });
    expect(tree.sorted).toBe(byPid.sorted);
    expect(keys(tree.rows)).toEqual(keys(tableRows(table.values(), tree.query)));
  });

  it('ranks a node it has not seen before among the others', () => {
    const first = tableOf([entry('1', { pid: 1, cpuPercent: 1 }), entry('3', { pid: 1, cpuPercent: 1 })]);
    const q = query();
    const next = new Map(first).set('2/1', entry('2', { pid: 1, cpuPercent: 1 }));
    expect(keys(nextOrder(nextOrder(null, first, q), next, q).rows)).toEqual(['1/1@0', '2/1@0', '3/1@0']);
  });

  it('tells which processes pass the search, so a selection can be checked without the rows', () => {
    const order = nextOrder(null, someTable(random(1), 3), query({ search: 'bob' }));
    expect(order.passes(entry('1', { pid: 9, user: 'bob' }))).toBe(true);
    expect(order.passes(entry('1', { pid: 9, user: 'alice' }))).toBe(false);
  });
});
