import { describe, expect, it } from 'vitest';
import { parseMosq, type MosqRow, type NodeRef } from '../../../../../../agent/src/engines/mosix/parse';

const here: NodeRef = { kind: 'here', raw: 'here' };
const host = (name: string): NodeRef => ({ kind: 'host', name, raw: name });

/** A row as listed; `pri` 'RUN' or a number; position and queuePosition follow from the order. */
function job(
  line: number,
  pid: number,
  pri: 'RUN' | number,
  from: NodeRef,
  command: string,
  more: Partial<MosqRow> = {},
) {
  return {
    line,
    pid,
    user: 'llor',
    memMb: null,
    grid: false,
    running: pri === 'RUN',
    priority: pri === 'RUN' ? null : pri,
    jobId: null,
    from,
    command,
    ...more,
  };
}
/** Adds the places a parser must give: 1-based over all rows, and among the waiting ones. */
function inOrder(rows: ReturnType<typeof job>[]): MosqRow[] {
  let waiting = 0;
  return rows.map((r, i) => ({ ...r, position: i + 1, queuePosition: r.running ? null : ++waiting }));
}

/** seeds/001 (July 2008 tutorial), `mosq listall` before and after `mosq cngpri 20 21155`, verbatim ("llor" as copied). */
const BEFORE =
  'PID\tUSER\tMEM(MB)\tGRID\tPRI\tFROM\tCOMMAND\n21666\tllor\t-\tNO\tRUN\there\tmosrun -b testload\n21667\tllor\t-\tNO\t50\there\tmosrun -b testload\n21155\tllor\t-\tNO\t50\tcmos-17\tmosrun testload\n';
const AFTER =
  'PID\tUSER\tMEM(MB)\tGRID\tPRI\tFROM\tCOMMAND\n21666\tllor\t-\tNO\tRUN\there\tmosrun -b testload\n21155\tllor\t-\tNO\t20\tcmos-17\tmosrun testload\n21667\tllor\t-\tNO\t50\there\tmosrun -b testload\n';

/** reference/mosix.md §1.4, laid out in columns. */
const REFERENCE = `PID    USER  MEM(MB)  GRID  PRI  FROM     COMMAND
21666  lior  -        NO    RUN  here     mosrun -b testload
21155  lior  -        NO    20   cmos-17  mosrun testload
21667  lior  -        NO    50   here     mosrun -b testload
`;

const ok: { name: string; input: string; jobIds: boolean; want: MosqRow[] }[] = [
  {
    name: 'the 2008 seed before cngpri',
    input: BEFORE,
    jobIds: false,
    want: inOrder([
      job(2, 21666, 'RUN', here, 'mosrun -b testload'),
      job(3, 21667, 50, here, 'mosrun -b testload'),
      job(4, 21155, 50, host('cmos-17'), 'mosrun testload'),
    ]),
  },
  {
    name: 'the 2008 seed after cngpri (the job moved ahead)',
    input: AFTER,
    jobIds: false,
    want: inOrder([
      job(2, 21666, 'RUN', here, 'mosrun -b testload'),
      job(3, 21155, 20, host('cmos-17'), 'mosrun testload'),
      job(4, 21667, 50, here, 'mosrun -b testload'),
    ]),
  },
  {
    name: 'the reference layout',
    input: REFERENCE,
    jobIds: false,
    want: inOrder([
      job(2, 21666, 'RUN', here, 'mosrun -b testload', { user: 'lior' }),
      job(3, 21155, 20, host('cmos-17'), 'mosrun testload', { user: 'lior' }),
      job(4, 21667, 50, here, 'mosrun -b testload', { user: 'lior' }),
    ]),
  },
  {
    name: 'mosq -j: a Job ID after PRI; MEM, GRID YES, IP and number FROM, several RUN rows',
    input:
      'PID   USER  MEM(MB) GRID PRI JOBID FROM      COMMAND\r\n' +
      '  7   amnon 1000    YES  RUN 3     here      mosrun -G -b -m1000  sim  --steps  5   \r\n' +
      '  8   amnon 2.5     no   run 0     10.0.0.4  a\r\n' +
      '  9   root  -       NO   0   12    4         b c\r\n' +
      ' 10   root  -       NO   60  12    mos2      d\r\n',
    jobIds: true,
    want: inOrder([
      job(2, 7, 'RUN', here, 'mosrun -G -b -m1000  sim  --steps  5', {
        user: 'amnon',
        memMb: 1000,
        grid: true,
        jobId: 3,
      }),
      job(3, 8, 'RUN', { kind: 'ip', address: '10.0.0.4', raw: '10.0.0.4' }, 'a', {
        user: 'amnon',
        memMb: 2.5,
        jobId: 0,
      }),
      job(4, 9, 0, { kind: 'number', n: 4, raw: '4' }, 'b c', { user: 'root', jobId: 12 }),
      job(5, 10, 60, host('mos2'), 'd', { user: 'root', jobId: 12 }),
    ]),
  },
  {
    name: 'a header only (an empty queue)',
    input: 'PID USER MEM(MB) GRID PRI FROM COMMAND\n',
    jobIds: false,
    want: [],
  },
  { name: 'empty output', input: '', jobIds: true, want: [] },
];

describe('parseMosq', () => {
  it.each(ok)('reads $name', ({ input, jobIds, want }) => {
    expect(parseMosq(input, { jobIds })).toEqual({ rows: want, problems: [] });
  });

  const HEADER = 'PID USER MEM(MB) GRID PRI FROM COMMAND';
  const bad: { name: string; line: string; reason: RegExp }[] = [
    { name: 'too few fields', line: '5 lior - NO 50 here', reason: /6 fields where mosq prints 7/ },
    { name: 'a PID that is no number', line: '04//7 lior - NO 50 here x', reason: /PID "04\/\/7"/ },
    { name: 'PID 0', line: '0 lior - NO 50 here x', reason: /PID "0" is not a number >= 1/ },
    { name: 'MEM that is no number', line: '5 lior lots NO 50 here x', reason: /MEM\(MB\) "lots"/ },
    { name: 'GRID that is not YES or NO', line: '5 lior - F 50 here x', reason: /GRID "F" is not YES or NO/ },
    { name: 'a negative PRI', line: '5 lior - NO -1 here x', reason: /PRI "-1" is not a number/ },
    { name: 'PRI that is a word', line: '5 lior - NO WAIT here x', reason: /PRI "WAIT"/ },
    { name: 'FROM that is no node', line: '5 lior - NO 50 <remote> x', reason: /FROM "<remote>" is not a node/ },
  ];
  it.each(bad)('reports $name and keeps the order of the other rows', ({ line, reason }) => {
    const got = parseMosq(`${HEADER}\n1 a - NO RUN here x\n${line}\n2 a - NO 50 here y\n`, { jobIds: false });
    expect(got.rows.map((r) => [r.line, r.pid, r.position, r.queuePosition])).toEqual([
      [2, 1, 1, null],
      [4, 2, 2, 1],
    ]);
    expect(got.problems).toHaveLength(1);
    expect(got.problems[0]).toMatchObject({ line: 3, text: line });
    expect(got.problems[0]?.reason).toMatch(reason);
  });

  it('needs the Job ID column with -j and reads it as a number', () => {
    const got = parseMosq(`PID USER MEM(MB) GRID PRI JOBID FROM COMMAND\n5 a - NO 50 here x\n6 a - NO 50 x here y\n`, {
      jobIds: true,
    });
    expect(got.rows).toEqual([]);
    expect(got.problems.map((p) => p.reason)).toEqual([
      'it has 7 fields where mosq -j prints 8',
      'Job ID "x" is not a number',
    ]);
  });

  it('reports a missing header and still reads the rows (the columns are known by position)', () => {
    const got = parseMosq('5 a - NO 50 here x\n', { jobIds: false });
    expect(got.rows.map((r) => r.pid)).toEqual([5]);
    expect(got.problems).toEqual([
      { line: 1, text: '5 a - NO 50 here x', reason: expect.stringMatching(/expected the header line/) },
    ]);
  });

  it('reads the OCR-damaged 2009 copy without throwing, reporting what it cannot read', () => {
    const damaged =
      'PI D\tUSER\tMEM(MB)\tGRI D\tPRI FROM\tCOMMAND\n21666\tlior\t-\tNO\tRUN here\tmosrun -b testload\n04//7\tlior\t-\tNO\t50 here\tmosrun -b testload\n';
    const got = parseMosq(damaged, { jobIds: false });
    expect(got.rows.map((r) => r.pid)).toEqual([21666]);
    expect(got.problems.map((p) => p.line)).toEqual([1, 3]);
  });
});
