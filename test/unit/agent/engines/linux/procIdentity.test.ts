import { describe, expect, it } from 'vitest';
import { parseStatIdentity } from '../../../../../agent/src/engines/linux/procIdentity';

// Real lines from /proc/<pid>/stat (trimmed after field 22 is fine: only fields up to 22 are read).
const SLEEP =
  '4242 (sleep) S 4200 4242 4200 34816 4242 4194304 100 0 0 0 0 0 0 0 20 0 1 0 8765432 5500928 129 18446744073709551615';
const KTHREAD = '2 (kthreadd) S 0 0 0 0 -1 2129984 0 0 0 0 0 1 0 0 20 0 1 0 4 0 0 18446744073709551615';
const ODD_COMM = '777 (a) b (c)) R 1 777 777 0 -1 4194560 10 0 0 0 50 3 0 0 20 0 1 0 99 1000 10 18446744073709551615';

describe('parseStatIdentity', () => {
  it.each([
    {
      name: 'a sleep',
      input: SLEEP,
      want: { pid: 4242, uid: 1000, state: 'S', ppid: 4200, sid: 4200, startTicks: 8765432, kernelThread: false },
    },
    {
      name: 'a kernel thread',
      input: KTHREAD,
      want: { pid: 2, uid: 1000, state: 'S', ppid: 0, sid: 0, startTicks: 4, kernelThread: true },
    },
    {
      name: 'comm with spaces and parentheses',
      input: ODD_COMM,
      want: { pid: 777, uid: 1000, state: 'R', ppid: 1, sid: 777, startTicks: 99, kernelThread: false },
    },
  ])('$name', ({ input, want }) => expect(parseStatIdentity(want.pid, input, 1000)).toEqual(want));

  it.each(['', 'garbage', '12 (x) S 1'])('refuses %j', (input) => expect(parseStatIdentity(1, input, 0)).toBeNull());
});
