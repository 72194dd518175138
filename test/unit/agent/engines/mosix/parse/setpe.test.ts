import { describe, expect, it } from 'vitest';
import {
  parseSetpe,
  type NodeAddress,
  type SetpeRange,
  type SetpeResult,
} from '../../../../../../agent/src/engines/mosix/parse';

const addr = (raw: string): NodeAddress =>
  /^\d+$/.test(raw)
    ? { kind: 'number', n: Number(raw), raw }
    : /^[\d.]+$/.test(raw)
      ? { kind: 'ip', address: raw, raw }
      : { kind: 'host', name: raw, raw };
const NO_FLAGS = { pri: null, proximate: false, outsider: false, dontgo: false, dontTake: false, otherFlags: [] };
const range = (line: number, first: string, last: string, flags: Partial<SetpeRange> = {}): SetpeRange => ({
  line,
  first: addr(first),
  last: addr(last),
  ...NO_FLAGS,
  ...flags,
});
const partner = { pri: 45, proximate: true, outsider: true };
const MOS1 = { ip: '132.65.174.1', host: 'mos1.cs.huji.ac.il', features: [] };

/** seeds/000 (January 2009 tutorial), `setpe -R`, verbatim. */
const SEED_2009 =
  'This MOSIX node is: 132.65.174.1 (mos1.cs.huji.ac.il) (no features)\n\nNodes in this cluster:\n\nmos1.cs.huji.ac.il - mos38.cs.huji.ac.il\n\nNodes from the rest of the multi-cluster:\n\nmos51.cs.huji.ac.il - mos66.cs.huji.ac.il: pri=45,proximate,outsider\n\ncmos-16.cs.huji.ac.il - cmos-20.cs.huji.ac.il: pri=45,proximate,outsider\n\nvmos-02.cs.huji.ac.il - vmos-03.cs.huji.ac.il: pri=45,proximate,outsider\n';

/** seeds/001 (July 2008 tutorial), `setpe -R`, with the markdown fences of the text copy taken out. */
const SEED_2008 =
  'This MOSIX node is: 132.65.174.1 (mos1.cs.huji.ac.il) (no features)\n\nNodes in this cluster:\n\n=====\n\nmos1.cs.huji.ac.il - mos38.cs.huji.ac.il\n\nNodes from the rest of the grid:\n\n=====\n\nmos51.cs.huji.ac.il - mos66.cs.huji.ac.il: pri=45,proximate,outsider\n\ncmos-16.cs.huji.ac.il - cmos-20.cs.huji.ac.il: pri=45,proximate,outsider\n';

/** reference/mosix.md §1.8: underlined headings. */
const REFERENCE = `This MOSIX node is: 132.65.174.1 (mos1.cs.huji.ac.il) (no features)

Nodes in this cluster:
======================
mos1.cs.huji.ac.il - mos38.cs.huji.ac.il

Nodes from the rest of the multi-cluster:
=========================================
mos51.cs.huji.ac.il - mos66.cs.huji.ac.il: pri=45,proximate,outsider
cmos-16.cs.huji.ac.il - cmos-20.cs.huji.ac.il: pri=45,proximate,outsider
`;

const ok: { name: string; input: string; want: Omit<SetpeResult, 'problems'> }[] = [
  {
    name: 'the 2009 seed (multi-cluster)',
    input: SEED_2009,
    want: {
      node: MOS1,
      cluster: [range(5, 'mos1.cs.huji.ac.il', 'mos38.cs.huji.ac.il')],
      rest: [
        range(9, 'mos51.cs.huji.ac.il', 'mos66.cs.huji.ac.il', partner),
        range(11, 'cmos-16.cs.huji.ac.il', 'cmos-20.cs.huji.ac.il', partner),
        range(13, 'vmos-02.cs.huji.ac.il', 'vmos-03.cs.huji.ac.il', partner),
      ],
    },
  },
  {
    name: 'the 2008 seed (grid)',
    input: SEED_2008,
    want: {
      node: MOS1,
      cluster: [range(7, 'mos1.cs.huji.ac.il', 'mos38.cs.huji.ac.il')],
      rest: [
        range(13, 'mos51.cs.huji.ac.il', 'mos66.cs.huji.ac.il', partner),
        range(15, 'cmos-16.cs.huji.ac.il', 'cmos-20.cs.huji.ac.il', partner),
      ],
    },
  },
  {
    name: 'the reference layout (underlined headings)',
    input: REFERENCE,
    want: {
      node: MOS1,
      cluster: [range(5, 'mos1.cs.huji.ac.il', 'mos38.cs.huji.ac.il')],
      rest: [
        range(9, 'mos51.cs.huji.ac.il', 'mos66.cs.huji.ac.il', partner),
        range(10, 'cmos-16.cs.huji.ac.il', 'cmos-20.cs.huji.ac.il', partner),
      ],
    },
  },
  {
    name: 'setpe -r: IPv4 ranges, single nodes, every flag, unknown flags kept, CRLF',
    input:
      'This MOSIX node is: 10.0.0.1 (n1) (features: gpu, bigmem)\r\n' +
      'Nodes in this cluster:\r\n10.0.0.1 - 10.0.0.16\r\n10.0.1.5\r\nn20: dontgo, dont_take ,pri=0\r\n' +
      '10.0.2.1 - 10.0.2.4: outsider,fast_disk\r\n',
    want: {
      node: { ip: '10.0.0.1', host: 'n1', features: ['gpu', 'bigmem'] },
      cluster: [
        range(3, '10.0.0.1', '10.0.0.16'),
        range(4, '10.0.1.5', '10.0.1.5'),
        range(5, 'n20', 'n20', { dontgo: true, dontTake: true, pri: 0 }),
        range(6, '10.0.2.1', '10.0.2.4', { outsider: true, otherFlags: ['fast_disk'] }),
      ],
      rest: null,
    },
  },
  {
    name: 'a node line without a host name, and a heading with no nodes under it',
    input:
      'This MOSIX node is: 192.168.5.5 (no features)\nNodes in this cluster:\n\t192.168.5.1 - 192.168.5.9  \nNodes from the rest of the grid:\n',
    want: {
      node: { ip: '192.168.5.5', host: null, features: [] },
      cluster: [range(3, '192.168.5.1', '192.168.5.9')],
      rest: [],
    },
  },
  {
    name: 'a node line with a host name only',
    input: 'This MOSIX node is: 192.168.5.5 (head)\n',
    want: { node: { ip: '192.168.5.5', host: 'head', features: [] }, cluster: [], rest: null },
  },
  { name: 'empty output', input: '', want: { node: null, cluster: [], rest: null } },
];

describe('parseSetpe', () => {
  it.each(ok)('reads $name', ({ input, want }) => {
    expect(parseSetpe(input)).toEqual({ ...want, problems: [] });
  });

  const bad: { name: string; line: string; reason: RegExp }[] = [
    { name: 'a range with three ends', line: 'a - b - c', reason: /expected a node or a range/ },
    { name: 'two names without a dash', line: 'a b', reason: /expected a node or a range/ },
    { name: 'a range missing its end', line: 'mos1 -', reason: /expected a node or a range/ },
    { name: 'a node that is no host', line: 'mos#1 - mos#2', reason: /node "mos#1" is not a node/ },
    { name: 'a bad IPv4 address', line: '10.0.0.1 - 10.0.0.256', reason: /node "10.0.0.256"/ },
    { name: 'a priority that is no number', line: 'n1 - n4: pri=high', reason: /pri "high" is not a number/ },
    { name: 'an empty flag', line: 'n1 - n4: proximate,,outsider', reason: /an empty flag/ },
    { name: 'a colon and no flags', line: 'n1 - n4:', reason: /an empty flag/ },
  ];
  it.each(bad)('reports $name and reads the other lines', ({ line, reason }) => {
    const got = parseSetpe(`Nodes in this cluster:\nn1 - n2\n${line}\nn3\n`);
    expect(got.cluster.map((r) => r.line)).toEqual([2, 4]);
    expect(got.problems).toHaveLength(1);
    expect(got.problems[0]).toMatchObject({ line: 3, text: line });
    expect(got.problems[0]?.reason).toMatch(reason);
  });

  it('reports ranges before any heading, a bad node line and a second node line', () => {
    const got = parseSetpe(
      'mos1 - mos4\nThis MOSIX node is: 1.2.3.999 (x) (no features)\nThis MOSIX node is: 1.2.3.4 (a) (no features)\n' +
        'This MOSIX node is: 1.2.3.5 (b) (no features)\nThis MOSIX node is: 1.2.3.6 (a) (b) (c)\n',
    );
    expect(got.node).toEqual({ ip: '1.2.3.4', host: 'a', features: [] });
    expect(got.problems.map((p) => [p.line, p.reason])).toEqual([
      [1, 'a node list line before any "Nodes ..." heading'],
      [2, '"1.2.3.999" is not an IPv4 address'],
      [4, 'this node was already named'],
      [5, 'expected at most a host name and features'],
    ]);
  });
});
