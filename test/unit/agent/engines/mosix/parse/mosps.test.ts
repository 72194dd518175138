import { describe, expect, it } from 'vitest';
import { parseMosps, type MospsRow, type NodeRef } from '../../../../../../agent/src/engines/mosix/parse';

const here: NodeRef = { kind: 'here', raw: 'here' };
const queue: NodeRef = { kind: 'queue', raw: 'queue' };
const host = (name: string): NodeRef => ({ kind: 'host', name, raw: name });
const ip = (address: string): NodeRef => ({ kind: 'ip', address, raw: address });
const num = (n: number): NodeRef => ({ kind: 'number', n, raw: String(n) });

const NONE: Omit<MospsRow, 'line' | 'pid'> = {
  user: null,
  stat: null,
  timeMs: null,
  tty: null,
  where: null,
  from: null,
  class: null,
  frz: null,
  due: null,
  nmigs: null,
  origPid: null,
  jobId: null,
  command: null,
};
const row = (line: number, pid: number, rest: Partial<MospsRow>): MospsRow => ({ ...NONE, line, pid, ...rest });
/** A row of `mosps -AMn` (WHERE FROM CLASS FRZ NMIGS TTY CMD). */
const amn = (
  line: number,
  pid: number,
  where: NodeRef,
  from: NodeRef,
  cls: MospsRow['class'],
  frz: MospsRow['frz'],
  nmigs: number | null,
  tty: string | null,
  command: string,
) => row(line, pid, { where, from, class: cls, frz, nmigs, tty, command });

/** reference/mosix.md §1.3, the tutorial's `mosps -AMn` laid out in columns. */
const REFERENCE = `PID   WHERE    FROM  CLASS FRZ NMIGS TTY   CMD
24078 cmos-18  here  local  -   1    pts/1 mosrun -b testload
24081 here     here  local  -   0    pts/1 mosrun -b testload
30145 queue    here  N/A   N/A N/A   pts/1 mosqueue -b testload
30115 here     here  local  M   0    pts/1 mosrun testload
30253 here     mos3  local N/A N/A   ?     /sbin/remote
`;

/** seeds/001 (MOSIX2 Tutorial, July 2008), verbatim: tabs, the NMIGS header split by the PDF, a tab in the command. */
const SEED_2008 =
  'PID\tWHERE\tFROM\tCLASS\tFRZ\tNMI\tGS\tTTY\tCMD\n24078\tcmos-18\there\tlocal\t-\t1\tpts/1\tmosrun -b\ttestload\n24081\there\there\tlocal\t-\t0\tpts/1\tmosrun -b\ttestload\n24089\tcmos-16\there\tlocal\t-\t1\tpts/1\tmosrun -b\ttestload\n30145\tqueue\there\tN/A\tN/A\tN/A\tpts/1\tmosqueue -b\ttestload\n30115\there\there\tlocal\tM\t0\tpts/1\tmosrun\ttestload\n30253\there\tmos3\tlocal\tN/A\tN/A\t?\t/sbin/remote\t\n';

const AMN = ['WHERE', 'FROM', 'CLASS', 'FRZ', 'NMIGS', 'TTY', 'CMD'].join(' ');

const ok: { name: string; input: string; want: MospsRow[] }[] = [
  {
    name: 'the reference example',
    input: REFERENCE,
    want: [
      amn(2, 24078, host('cmos-18'), here, 'local', '-', 1, 'pts/1', 'mosrun -b testload'),
      amn(3, 24081, here, here, 'local', '-', 0, 'pts/1', 'mosrun -b testload'),
      amn(4, 30145, queue, here, 'N/A', 'N/A', null, 'pts/1', 'mosqueue -b testload'),
      amn(5, 30115, here, here, 'local', 'M', 0, 'pts/1', 'mosrun testload'),
      amn(6, 30253, here, host('mos3'), 'local', 'N/A', null, null, '/sbin/remote'),
    ],
  },
  {
    name: 'the 2008 seed verbatim',
    input: SEED_2008,
    want: [
      amn(2, 24078, host('cmos-18'), here, 'local', '-', 1, 'pts/1', 'mosrun -b\ttestload'),
      amn(3, 24081, here, here, 'local', '-', 0, 'pts/1', 'mosrun -b\ttestload'),
      amn(4, 24089, host('cmos-16'), here, 'local', '-', 1, 'pts/1', 'mosrun -b\ttestload'),
      amn(5, 30145, queue, here, 'N/A', 'N/A', null, 'pts/1', 'mosqueue -b\ttestload'),
      amn(6, 30115, here, here, 'local', 'M', 0, 'pts/1', 'mosrun\ttestload'),
      amn(7, 30253, here, host('mos3'), 'local', 'N/A', null, null, '/sbin/remote'),
    ],
  },
  {
    name: 'nodes as IP addresses (-I), full host names (-h) and node numbers',
    input: `PID ${AMN}\n1 10.0.0.2 here local - 3 pts/0 a\n2 here mos3.cs.huji.ac.il 2 N/A N/A ? /sbin/remote\n3 7 12 local - 1 pts/0 b\n`,
    want: [
      amn(2, 1, ip('10.0.0.2'), here, 'local', '-', 3, 'pts/0', 'a'),
      amn(3, 2, here, host('mos3.cs.huji.ac.il'), 2, 'N/A', null, null, '/sbin/remote'),
      amn(4, 3, num(7), num(12), 'local', '-', 1, 'pts/0', 'b'),
    ],
  },
  {
    name: 'every FRZ code',
    input: `PID FRZ CMD\n1 A x\n2 E x\n3 M x\n4 - x\n5 N/A x\n`,
    want: (['A', 'E', 'M', '-', 'N/A'] as const).map((frz, i) => row(i + 2, i + 1, { frz, command: 'x' })),
  },
  {
    name: 'every CLASS: local, 0 (also local), a -G number, batch, native, N/A',
    input: `PID CLASS CMD\n1 local x\n2 0 x\n3 7 x\n4 batch x\n5 native x\n6 N/A x\n`,
    want: (['local', 'local', 7, 'batch', 'native', 'N/A'] as const).map((c, i) =>
      row(i + 2, i + 1, { class: c, command: 'x' }),
    ),
  },
  {
    name: 'ps columns mixed in, in another order, with ORIGPID, DUE and JOBID',
    input:
      'USER      PID STAT     TIME WHERE  FROM ORIGPID DUE  JOBID TTY   COMMAND\n' +
      'lior     4101 R     1:02:03 here   mos2 3311   3600 5    ?     /sbin/remote\n' +
      'root       77 S+      00:05 here   here N/A    -    -    pts/2 mosrun   -b   "a  b"\n' +
      'amnon   90001 Rl  2-00:00:01 10.1.1.1 here -  N/A  0    tty1  sim\n',
    want: [
      row(2, 4101, {
        user: 'lior',
        stat: 'R',
        timeMs: 3_723_000,
        where: here,
        from: host('mos2'),
        origPid: 3311,
        due: 3600,
        jobId: 5,
        command: '/sbin/remote',
      }),
      row(3, 77, {
        user: 'root',
        stat: 'S+',
        timeMs: 5000,
        where: here,
        from: here,
        tty: 'pts/2',
        command: 'mosrun   -b   "a  b"',
      }),
      row(4, 90001, {
        user: 'amnon',
        stat: 'Rl',
        timeMs: 172_801_000,
        where: ip('10.1.1.1'),
        from: here,
        jobId: 0,
        tty: 'tty1',
        command: 'sim',
      }),
    ],
  },
  {
    name: 'unknown columns (%CPU, RSS, START) skipped wherever they stand',
    input: ' PID %CPU  RSS WHERE START NMIGS CMD\n  12  0.0 1024 here  Jan12     0 sleep 100\n',
    want: [row(2, 12, { where: here, nmigs: 0, command: 'sleep 100' })],
  },
  {
    name: 'CRLF line endings, trailing spaces, right-aligned PIDs, very wide columns',
    input: `    PID            WHERE      CMD   \r\n      7            here       a b   \r\n  65535      cmos-18.x        c\t \r\n`,
    want: [row(2, 7, { where: here, command: 'a b' }), row(3, 65535, { where: host('cmos-18.x'), command: 'c' })],
  },
  {
    name: 'a header naming the command before other columns: the last column takes the rest',
    input: 'PID CMD WHERE\n5 sleep 10.0.0.9\n',
    want: [row(2, 5, { command: 'sleep', where: ip('10.0.0.9') })],
  },
  {
    name: 'blank lines between rows and a header of one column',
    input: '\n\nPID\n\n42\n\n',
    want: [row(5, 42, {})],
  },
  { name: 'a header only', input: `PID ${AMN}\n`, want: [] },
  { name: 'empty output', input: '', want: [] },
  { name: 'only white space', input: '  \n\t\r\n', want: [] },
];

describe('parseMosps', () => {
  it.each(ok)('reads $name', ({ input, want }) => {
    const got = parseMosps(input);
    expect(got.problems).toEqual([]);
    expect(got.rows).toEqual(want);
  });

  it('names the columns it read, in header order', () => {
    expect(parseMosps(SEED_2008).columns).toEqual(['pid', 'where', 'from', 'class', 'frz', 'nmigs', 'tty', 'command']);
    expect(parseMosps('PID %CPU JOB COMMAND\n').columns).toEqual(['pid', 'jobId', 'command']);
  });
});
