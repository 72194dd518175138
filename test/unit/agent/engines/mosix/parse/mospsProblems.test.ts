import { describe, expect, it } from 'vitest';
import { parseMosps } from '../../../../../../agent/src/engines/mosix/parse';

const HEADER = 'PID WHERE FROM CLASS FRZ NMIGS TTY CMD';
const GOOD = '100 here here local - 0 pts/1 mosrun x';

/** One bad line after a header and before a good one: the bad one is a problem, the good one a row. */
const bad: { name: string; line: string; reason: RegExp }[] = [
  { name: 'too few fields', line: '101 here here local - 0', reason: /6 fields where the header names 8 columns/ },
  { name: 'a PID that is not a number', line: 'abc here here local - 0 pts/1 x', reason: /PID "abc" is not a number/ },
  { name: 'PID 0', line: '0 here here local - 0 pts/1 x', reason: /PID "0" is not a number >= 1/ },
  { name: 'a negative PID', line: '-5 here here local - 0 pts/1 x', reason: /PID "-5"/ },
  {
    name: 'an unknown FRZ code',
    line: '101 here here local X 0 pts/1 x',
    reason: /FRZ "X" is not one of A, E, M, - or N\/A/,
  },
  { name: 'a lower-case FRZ code', line: '101 here here local m 0 pts/1 x', reason: /FRZ "m"/ },
  { name: 'an unknown CLASS', line: '101 here here foo - 0 pts/1 x', reason: /CLASS "foo" is not a number/ },
  { name: 'a WHERE that is no node', line: '101 a/b here local - 0 pts/1 x', reason: /WHERE "a\/b" is not a node/ },
  { name: 'an IPv4 address out of range', line: '101 300.1.1.1 here local - 0 pts/1 x', reason: /WHERE "300.1.1.1"/ },
  { name: 'node number 0', line: '101 here 0 local - 0 pts/1 x', reason: /FROM "0" is not a number >= 1/ },
  { name: 'a FROM of N/A', line: '101 here N/A local - 0 pts/1 x', reason: /FROM "N\/A" is not a node/ },
  { name: 'NMIGS that is not a number', line: '101 here here local - many pts/1 x', reason: /NMIGS "many"/ },
  { name: 'a repeated header line', line: HEADER, reason: /PID "PID" is not a number/ },
  { name: 'a shell prompt', line: '> mosps -AMn', reason: /3 fields where the header names 8/ },
  { name: 'a line of prose', line: 'See the mosps manual page for all the other options', reason: /PID "See"/ },
];

describe('parseMosps problems', () => {
  it.each(bad)('reports $name and keeps the rows around it', ({ line, reason }) => {
    const got = parseMosps(`${HEADER}\n${GOOD}\n${line}\n${GOOD.replace('100', '102')}\n`);
    expect(got.rows.map((r) => [r.line, r.pid])).toEqual([
      [2, 100],
      [4, 102],
    ]);
    expect(got.problems).toHaveLength(1);
    expect(got.problems[0]).toMatchObject({ line: 3, text: line });
    expect(got.problems[0]?.reason).toMatch(reason);
  });

  it('reads TIME, DUE, ORIGPID and JOBID strictly', () => {
    const got = parseMosps(
      'PID TIME DUE ORIGPID JOBID CMD\n1 1:2 x 0 -1 a\n2 00:01 soon - - b\n3 - - 0 - c\n4 - - - x d\n',
    );
    expect(got.rows).toEqual([]);
    expect(got.problems.map((p) => [p.line, p.reason.split(' ').slice(0, 2).join(' ')])).toEqual([
      [2, 'TIME "1:2"'],
      [3, 'DUE "soon"'],
      [4, 'ORIGPID "0"'],
      [5, 'JOBID "x"'],
    ]);
  });

  it('refuses a line with more fields than the header when the last column is not the command', () => {
    const got = parseMosps('PID WHERE\n1 here extra\n2 here\n');
    expect(got.rows.map((r) => r.pid)).toEqual([2]);
    expect(got.problems).toEqual([
      { line: 2, text: '1 here extra', reason: "it has more fields than the header's 2 columns" },
    ]);
  });

  it('reports a missing header, and every line it leaves unread', () => {
    const got = parseMosps(`${GOOD}\r\n\r\n${GOOD}\n`);
    expect(got.rows).toEqual([]);
    expect(got.columns).toEqual([]);
    expect(got.problems.map((p) => p.line)).toEqual([1, 3]);
    expect(got.problems[0]?.reason).toMatch(/expected the header line/);
    expect(got.problems[1]?.reason).toMatch(/no header line/);
  });

  it('keeps a PID-less header for what it is: not a header', () => {
    const got = parseMosps('WHERE FROM CMD\nhere here x\n');
    expect(got.problems.map((p) => p.line)).toEqual([1, 2]);
  });

  it('reads a column named twice once, skipping the second', () => {
    const got = parseMosps('PID WHERE WHERE CMD\n1 here nonsense/ x\n');
    expect(got.problems).toEqual([]);
    expect(got.rows[0]).toMatchObject({ pid: 1, where: { kind: 'here' }, command: 'x' });
  });

  it('does not take a command that is missing', () => {
    const got = parseMosps(`${HEADER}\n101 here here local - 0 pts/1   \n`);
    expect(got.rows).toEqual([]);
    expect(got.problems[0]?.reason).toMatch(/7 fields where the header names 8/);
  });
});
