import { describe, expect, it } from 'vitest';
import { factsNeeded, type NodeFacts, validateConfig } from '../../../agent/src/mosixConfig';
import { expectOneIssue, type IssueRow, MAP } from './issueRows';

/** Maps, userview, partners, mosip and node facts. */
const rows: IssueRow[] = [
  {
    name: 'a duplicate map range',
    files: { 'mosix.map': '10.0.0.1 4\n10.0.0.1 4\n' },
    want: {
      file: 'mosix.map',
      line: 2,
      severity: 'error',
      says: 'repeats line 1 (10.0.0.1 4): a node may appear in the map only once',
    },
  },
  {
    name: 'overlapping map ranges',
    files: { 'mosix.map': '10.0.0.1 4\n# x\n10.0.0.3 8\n' },
    want: { file: 'mosix.map', line: 3, severity: 'error', says: '10.0.0.3 8 overlaps line 1 (10.0.0.1 4)' },
  },
  {
    name: 'the same host name twice',
    files: { 'mosix.map': 'head 1\nhead 1\n' },
    want: { file: 'mosix.map', line: 2, severity: 'error', says: 'repeats line 1' },
  },
  {
    name: 'names that overlap once resolved',
    files: { 'mosix.map': 'a 2\nb 2\n' },
    facts: { hosts: { a: '10.0.0.1', b: '10.0.0.2' }, dirs: {} },
    want: { file: 'mosix.map', line: 2, severity: 'error', says: 'b 2 overlaps line 1 (a 2)' },
  },
  {
    name: 'a node count of zero',
    files: { 'mosix.map': '10.0.0.1 0\n' },
    want: { file: 'mosix.map', line: 1, severity: 'error', says: 'the node count "0" is not a whole number from 1 up' },
  },
  {
    name: 'a range past 255.255.255.255',
    files: { 'mosix.map': '255.255.255.250 7\n' },
    want: {
      file: 'mosix.map',
      line: 1,
      severity: 'error',
      says: 'run past 255.255.255.255; shorten the range to 6 nodes or fewer',
    },
  },
  {
    name: 'a resolved name running past the end',
    files: { 'mosix.map': 'edge 4\n' },
    facts: { hosts: { edge: '255.255.255.254' }, dirs: {} },
    want: { file: 'mosix.map', line: 1, severity: 'error', says: '4 addresses from edge (255.255.255.254) run past' },
  },
  {
    name: 'more than 65535 nodes',
    files: { 'mosix.map': '10.0.0.1 65535\n10.1.0.1 1\n' },
    want: {
      file: 'mosix.map',
      line: 2,
      severity: 'error',
      says: 'more than 65535 nodes (this line brings it to 65536)',
    },
  },
  {
    name: 'an empty map',
    files: { 'mosix.map': '# nothing\n' },
    want: { file: 'mosix.map', severity: 'warning', says: 'lists no nodes' },
  },
  {
    name: 'a host that does not resolve',
    files: { 'mosix.map': '10.0.0.1 4\nnode7 1\n' },
    facts: { hosts: { node7: null }, dirs: {} },
    want: {
      file: 'mosix.map',
      line: 2,
      severity: 'error',
      says: 'node7 does not resolve to an IPv4 address on this node',
    },
  },
  {
    name: 'mosip not an address of the node',
    files: { ...MAP, mosip: '10.0.0.2\n' },
    facts: { hosts: {}, dirs: {}, addresses: ['10.0.0.1', '127.0.0.1'] },
    want: {
      file: 'mosip',
      line: 1,
      severity: 'error',
      says: "10.0.0.2 is not one of this node's addresses (10.0.0.1, 127.0.0.1)",
    },
  },
  {
    name: 'mosip not in the map',
    files: { ...MAP, mosip: '10.0.9.1\n' },
    facts: { hosts: {}, dirs: {}, addresses: ['10.0.9.1'] },
    want: { file: 'mosip', line: 1, severity: 'error', says: '10.0.9.1 is not in mosix.map' },
  },
  {
    name: 'two mosip addresses',
    files: { ...MAP, mosip: '10.0.0.1\n10.0.0.2\n' },
    want: { file: 'mosip', line: 2, severity: 'error', says: 'a second address' },
  },
  {
    name: 'no address of the node in the map',
    files: MAP,
    facts: { hosts: {}, dirs: {}, addresses: ['192.168.0.9'] },
    want: {
      file: 'mosix.map',
      severity: 'warning',
      says: "none of this node's addresses (192.168.0.9) is in mosix.map",
    },
  },
  {
    name: 'userview numbers overlapping',
    files: { ...MAP, 'userview.map': '1 10.0.0.1 2\n2 10.0.0.3 2\n' },
    want: { file: 'userview.map', line: 2, severity: 'error', says: "the numbers 2-3 overlap line 1's 1-2" },
  },
  {
    name: 'userview giving one node two numbers',
    files: { ...MAP, 'userview.map': '1 10.0.0.1 4\n10 10.0.0.4 1\n' },
    want: { file: 'userview.map', line: 2, severity: 'error', says: 'one node would have two numbers' },
  },
  {
    name: 'userview not covering map nodes',
    files: { ...MAP, 'userview.map': '1 10.0.0.1 2\n' },
    want: {
      file: 'userview.map',
      severity: 'warning',
      says: '10.0.0.3, 10.0.0.4 of mosix.map have no number in userview.map',
    },
  },
  {
    name: 'userview naming nodes not in the map',
    files: { ...MAP, 'userview.map': '1 10.0.0.1 4\n5 10.0.5.1 1\n' },
    want: { file: 'userview.map', line: 2, severity: 'warning', says: '10.0.5.1 is not in mosix.map' },
  },
  {
    name: 'userview numbers past 65535',
    files: { 'mosix.map': '10.0.0.1 2\n', 'userview.map': '65535 10.0.0.1 2\n' },
    want: { file: 'userview.map', line: 1, severity: 'error', says: 'outside 1..65535' },
  },
  {
    name: 'a partner priority out of range',
    files: { ...MAP, 'partners/lab': 'Lab\n70000 1 1 1\nmos1 2 1 1 1\n' },
    want: {
      file: 'partners/lab',
      line: 2,
      severity: 'error',
      says: 'the priority 70000 is outside 0..65535 (lower is better)',
    },
  },
  {
    name: 'a partner without its priority line',
    files: { ...MAP, 'partners/lab': 'Lab\n' },
    want: { file: 'partners/lab', severity: 'error', says: 'no priority line' },
  },
  {
    name: "a partner's range inside this cluster",
    files: { ...MAP, 'partners/lab': 'Lab\n50 1 1 1\n10.0.0.4 2 1 1 1\n' },
    want: {
      file: 'partners/lab',
      line: 3,
      severity: 'error',
      says: 'overlaps mosix.map line 1 (10.0.0.1 4): a node cannot be both in this cluster and in partner cluster lab',
    },
  },
  {
    name: 'two partners sharing a node',
    files: { ...MAP, 'partners/a': 'A\n5 1 1 1\n10.9.0.1 2 1 1 1\n', 'partners/b': 'B\n5 1 1 1\n10.9.0.2 1 1 1 1\n' },
    want: {
      file: 'partners/b',
      line: 3,
      severity: 'error',
      says: 'a node cannot be in two partner clusters (b and a)',
    },
  },
  {
    name: 'a partner with no nodes',
    files: { ...MAP, 'partners/lab': 'Lab\n50 1 1 1\n' },
    want: { file: 'partners/lab', severity: 'warning', says: 'has no nodes' },
  },
  {
    name: 'a bad line',
    files: { 'mosix.map': '10.0.0.1 4\nbad\n' },
    want: { file: 'mosix.map', line: 2, severity: 'error', says: 'mosix.map line 2: "bad" has no node count after it' },
  },
];

describe('validateConfig', () => {
  it('finds nothing wrong with a clean directory', () => {
    const files = new Map(
      Object.entries({
        'mosix.map': '# lab\n10.0.0.1 4\nhead 1 p\n',
        'userview.map': '1 10.0.0.1 4\n5 head 1\n',
        mosip: '10.0.0.2\n',
        'partners/lab': 'Lab\n50 1 1 1\nmos1 38 1 1 1\n',
        'freeze.conf': '/frz 0.5\n1 0 6 4 0 4 0 -1 10\n',
        'queue.conf': 'priority 50\nZ 3\nN 2 1000\n',
      }),
    );
    const facts: NodeFacts = {
      hosts: { head: '10.0.1.1', mos1: '10.5.0.1' },
      dirs: { '/frz': { exists: true, freeBytes: 1e9 } },
      addresses: ['10.0.0.2'],
    };
    expect(validateConfig(files, facts)).toEqual([]);
  });

  it.each(rows)('reports $name', expectOneIssue);

  it('puts errors before warnings', () => {
    const issues = validateConfig(new Map(Object.entries({ 'mosix.map': '# none\n', 'queue.conf': 'Z -1\nwhat 1\n' })));
    expect(issues.map((i) => i.severity)).toEqual(['error', 'warning', 'warning']);
  });
});

describe('factsNeeded', () => {
  it('lists the host names of every map-like file and the absolute freeze directories, once each', () => {
    const files = new Map(
      Object.entries({
        'mosix.map': '10.0.0.1 4\nhead 1\nnode1 3\n',
        'userview.map': '1 head 1\n',
        'partners/lab': 'Lab\n50 1 1 1\nmos1 2 1 1 1\n10.9.0.1 2 1 1 1\n',
        'freeze.conf': '/frz\nrelative\n/frz2 0.5\n',
      }),
    );
    expect(factsNeeded(files)).toEqual({ hosts: ['head', 'node1', 'mos1'], dirs: ['/frz', '/frz2'] });
  });
});
