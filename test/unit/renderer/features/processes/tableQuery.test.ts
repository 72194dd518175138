import { describe, expect, it } from 'vitest';
import {
  type Chip,
  spread,
  type TableQuery,
  tableRows,
} from '../../../../../renderer/src/features/processes/tableQuery';
import { entry } from './procFixtures';

const TABLE = [
  entry('1', { pid: 1, ppid: 0, user: 'root', command: '/sbin/init', cpuPercent: 0.1 }),
  entry('1', { pid: 200, ppid: 1, user: 'alice', command: 'bash', cpuPercent: 2 }),
  entry('1', { pid: 300, ppid: 200, user: 'alice', command: 'make -j4', cpuPercent: 50, jobId: 7, class: 'local' }),
  entry('1', { pid: 301, ppid: 300, user: 'alice', command: 'cc1 x.c', cpuPercent: 90, frz: 'M' }),
  entry('2', { pid: 1, ppid: 0, user: 'root', command: '/sbin/init', cpuPercent: 0 }),
  entry('2', { pid: 300, ppid: 1, user: 'bob', command: 'python3 train.py', cpuPercent: 99, jobId: 7, class: 'local' }),
  entry('2', { pid: 400, ppid: 1, user: 'bob', command: 'guest job', from: 'node1', class: 'local' }),
];

const query = (over: Partial<TableQuery> = {}): TableQuery => ({
  chips: [],
  search: '',
  sort: { column: 'pid', descending: false },
  tree: false,
  ...over,
});
const keys = (q: TableQuery) => tableRows(TABLE, q).map((r) => r.entry.key);

describe('tableRows: filters', () => {
  it.each<[string, Chip[], string, string[]]>([
    ['no filter: every process', [], '', ['1/1', '2/1', '1/200', '1/300', '2/300', '1/301', '2/400']],
    ['one node', [{ kind: 'node', nodeId: '2', label: 'node2' }], '', ['2/1', '2/300', '2/400']],
    [
      'two nodes are alternatives',
      [
        { kind: 'node', nodeId: '1', label: '' },
        { kind: 'node', nodeId: '2', label: '' },
      ],
      '',
      ['1/1', '2/1', '1/200', '1/300', '2/300', '1/301', '2/400'],
    ],
    ['a user', [{ kind: 'user', user: 'bob' }], '', ['2/300', '2/400']],
    ['a Job ID across nodes', [{ kind: 'job', jobId: 7 }], '', ['1/300', '2/300']],
    [
      'kinds combine: Job ID 7 of bob',
      [
        { kind: 'job', jobId: 7 },
        { kind: 'user', user: 'bob' },
      ],
      '',
      ['2/300'],
    ],
    ['frozen only', [{ kind: 'frozen' }], '', ['1/301']],
    ['class', [{ kind: 'class', value: 'local' }], '', ['1/300', '2/300', '2/400']],
    ['guests (mosps -V)', [{ kind: 'scope', scope: 'guests' }], '', ['2/400']],
    ['local (mosps -L): MOSIX processes at home', [{ kind: 'scope', scope: 'local' }], '', ['1/300', '2/300']],
    ['search in the command, any case', [], 'PYTHON', ['2/300']],
    ['search a user', [], 'alice', ['1/200', '1/300', '1/301']],
    ['search a PID exactly', [], '301', ['1/301']],
  ])('%s', (_name, chips, search, want) => {
    expect(keys(query({ chips, search }))).toEqual(want);
  });
});

describe('tableRows: sort', () => {
  it.each<[string, TableQuery['sort'], string[]]>([
    [
      'by %CPU, highest first',
      { column: 'cpu', descending: true },
      ['2/300', '1/301', '1/300', '1/200', '1/1', '2/1', '2/400'],
    ],
    [
      'by user, ties by node then PID',
      { column: 'user', descending: false },
      ['1/200', '1/300', '1/301', '2/300', '2/400', '1/1', '2/1'],
    ],
    ['by node', { column: 'node', descending: false }, ['1/1', '1/200', '1/300', '1/301', '2/1', '2/300', '2/400']],
  ])('%s', (_name, sort, want) => {
    expect(keys(query({ sort }))).toEqual(want);
  });
});

describe('tableRows: tree', () => {
  it('puts children under their parent on the same node, depth first', () => {
    const rows = tableRows(TABLE, query({ tree: true, sort: { column: 'node', descending: false } }));
    expect(rows.map((r) => `${'  '.repeat(r.depth)}${r.entry.key}`)).toEqual([
      '1/1',
      '  1/200',
      '    1/300',
      '      1/301',
      '2/1',
      '  2/300',
      '  2/400',
    ]);
  });

  it('leaves a child whose parent is filtered out at the top', () => {
    const rows = tableRows(TABLE, query({ tree: true, chips: [{ kind: 'user', user: 'alice' }] }));
    expect(rows.map((r) => [r.entry.key, r.depth])).toEqual([
      ['1/200', 0],
      ['1/300', 1],
      ['1/301', 2],
    ]);
  });

  it('does not loop on a process that is its own parent', () => {
    const odd = [entry('1', { pid: 5, ppid: 5 })];
    expect(tableRows(odd, query({ tree: true })).map((r) => r.depth)).toEqual([0]);
  });
});

describe('spread', () => {
  it('counts processes and nodes', () => {
    expect(spread(TABLE.filter((e) => e.row.jobId === 7))).toEqual({ processes: 2, nodes: 2 });
  });
});
