import { describe, expect, it } from 'vitest';
import { ParseError } from '../../../../agent/src/parsers/parseError';
import { PF_KTHREAD, parsePidStat } from '../../../../agent/src/parsers/procPidStat';

/** Lines captured from /proc/<pid>/stat on Linux 6.18 (Debian 12), unless a row says otherwise. */
const SLEEP_ODD_NAME =
  '2537 (my (odd) prog)) S 2532 2532 806 0 -1 4194304 130 0 0 0 0 0 0 0 20 0 1 0 230186 2990080 444 18446744073709551615 94449022738432 94449022756361 140734493825968 0 0 0 0 6 0 1 0 0 17 0 0 0 0 0 0 94449022770448 94449022771712 94449153110016 140734493833933 140734493833956 140734493833956 140734493835236 0\n';
const FAKE_FIELDS_IN_COMM =
  '13111 (x) R 1 2 3) S 13107 13107 806 0 -1 4194304 137 0 0 0 0 0 0 0 20 0 1 0 259620 2990080 410 18446744073709551615 94078110707712 94078110725641 140724608365312 0 0 0 0 6 0 1 0 0 17 1 0 0 0 0 0 94078110739728 94078110740992 94078762692608 140724608367321 140724608367340 140724608367340 140724608368616 0\n';
const UTF8_COMM =
  '13112 (ünïcødé) S 13107 13107 806 0 -1 4194304 139 0 0 0 0 0 0 0 20 0 1 0 259620 2990080 410 18446744073709551615 94839212408832 94839212426761 140736771833856 0 0 0 0 6 0 1 0 0 17 1 0 0 0 0 0 94839212440848 94839212442112 94839327019008 140736771836630 140736771836650 140736771836650 140736771837927 0\n';
const KTHREADD =
  '2 (kthreadd) S 0 0 0 0 -1 2129984 0 0 0 0 0 2 0 0 20 0 1 0 22 0 0 18446744073709551615 0 0 0 0 0 0 0 2147483647 0 1 0 0 0 1 0 0 0 0 0 0 0 0 0 0 0 0 0\n';
const KWORKER =
  '4 (kworker/R-rcu_gp) I 2 0 0 0 -1 69238880 0 0 0 0 0 0 0 0 0 -20 1 0 22 0 0 18446744073709551615 0 0 0 0 0 0 0 2147483647 0 1 0 0 17 0 0 0 0 0 0 0 0 0 0 0 0 0 0\n';
const ZOMBIE =
  '2607 (python3) Z 2544 2532 806 0 -1 4227148 226 0 0 0 0 0 0 0 20 0 1 0 230225 0 0 18446744073709551615 0 0 0 0 0 0 0 16781312 2 1 0 0 17 1 0 0 0 0 0 0 0 0 0 0 0 0 0\n';
const BUSY_NODE =
  '13170 (node) R 13168 13168 806 0 -1 4194304 2317 0 0 0 149 0 0 0 20 0 7 0 259767 812822528 10928 18446744073709551615 11988992 39846385 140726743978288 0 0 0 0 16781312 17922 0 0 0 17 1 0 0 0 0 0 90418888 90555584 1046626304 140726743980766 140726743980784 140726743980784 140726743982058 0\n';
const ON_A_PTY =
  '2738 (cat) R 2737 2738 2738 34816 2738 4194304 231 0 0 0 0 0 0 0 20 0 1 0 230566 3133440 359 18446744073709551615 94172785336320 94172785356201 140731040186352 0 0 0 0 0 0 0 0 0 17 0 0 0 0 0 0 94172785372208 94172785373824 94173725593600 140731040193246 140731040193266 140731040193266 140731040194539 0\n';
/** BUSY_NODE cut to the 44 fields Linux 2.6.32 (CentOS 6) prints. */
const OLD_KERNEL = BUSY_NODE.split(' ').slice(0, 44).join(' ');

const ok = [
  {
    name: 'a comm with spaces and parens',
    input: SLEEP_ODD_NAME,
    want: {
      pid: 2537,
      comm: 'my (odd) prog)',
      state: 'S',
      ppid: 2532,
      sid: 806,
      ttyNr: 0,
      cpuTicks: 0,
      startTicks: 230186,
      rssPages: 444,
      argStart: 140734493833933,
      argEnd: 140734493833956,
    },
  },
  {
    name: 'a comm that looks like fields',
    input: FAKE_FIELDS_IN_COMM,
    want: { pid: 13111, comm: 'x) R 1 2 3', state: 'S', ppid: 13107, sid: 806, startTicks: 259620, rssPages: 410 },
  },
  { name: 'a UTF-8 comm', input: UTF8_COMM, want: { pid: 13112, comm: 'ünïcødé', state: 'S' } },
  {
    name: 'kthreadd',
    input: KTHREADD,
    want: {
      pid: 2,
      comm: 'kthreadd',
      state: 'S',
      ppid: 0,
      sid: 0,
      cpuTicks: 2,
      startTicks: 22,
      rssPages: 0,
    },
  },
  { name: 'an idle kernel worker', input: KWORKER, want: { pid: 4, comm: 'kworker/R-rcu_gp', state: 'I', ppid: 2 } },
  { name: 'a zombie', input: ZOMBIE, want: { pid: 2607, state: 'Z', ppid: 2544, rssPages: 0, argStart: 0, argEnd: 0 } },
  {
    name: 'a busy process',
    input: BUSY_NODE,
    want: { pid: 13170, state: 'R', cpuTicks: 149, startTicks: 259767, rssPages: 10928 },
  },
  { name: 'a process on pts/0', input: ON_A_PTY, want: { pid: 2738, sid: 2738, ttyNr: 34816 } },
  {
    name: 'a 2.6.32 line with 44 fields',
    input: OLD_KERNEL,
    want: { pid: 13170, startTicks: 259767, rssPages: 10928, argStart: 0, argEnd: 0 },
  },
];

const bad = [
  { name: 'an empty read', input: '' },
  { name: 'no comm', input: '2537 S 2532 2532 806 0 -1\n' },
  { name: 'cut after the comm', input: '2537 (sleep) S 2532 2532 806 0 -1 4194304 130 0\n' },
  { name: 'a letter where a number goes', input: SLEEP_ODD_NAME.replace(' 230186 ', ' x ') },
  { name: 'two letters for the state', input: ZOMBIE.replace(') Z ', ') ZZ ') },
  { name: 'a pid that is not a number', input: ZOMBIE.replace('2607 (', 'abc (') },
];

describe('parsePidStat', () => {
  it.each(ok)('parses $name', ({ input, want }) => expect(parsePidStat(input)).toMatchObject(want));
  it.each(bad)('rejects $name', ({ input }) => expect(() => parsePidStat(input)).toThrow(ParseError));

  it.each([
    { name: 'kthreadd', input: KTHREADD, kthread: true },
    { name: 'a kernel worker', input: KWORKER, kthread: true },
    { name: 'a zombie', input: ZOMBIE, kthread: false },
    { name: 'a user process', input: BUSY_NODE, kthread: false },
  ])('reads PF_KTHREAD from the flags of $name', ({ input, kthread }) => {
    expect((parsePidStat(input).flags & PF_KTHREAD) !== 0).toBe(kthread);
  });
});
