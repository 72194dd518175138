import { describe, expect, it } from 'vitest';
import { parseBootTime } from '../../../../agent/src/parsers/bootTime';
import { ParseError } from '../../../../agent/src/parsers/parseError';

/** /proc/stat of a 2-CPU Debian 12 VM (Linux 6.18), the long "intr" line shortened. */
const DEBIAN = `cpu  151741 568 24938 339971 2848 0 422 892 0 0
cpu0 71279 331 11686 176033 697 0 89 447 0 0
cpu1 80462 237 13251 163937 2151 0 333 445 0 0
intr 2317958 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 1 1 16 0 0 0 0 524 288
ctxt 9487213
btime 1795250071
processes 31954
procs_running 2
procs_blocked 0
softirq 1702187 0 299150 14 81920 0 0 6155 698004 0 616944
`;

describe('parseBootTime', () => {
  it.each([
    { name: 'a modern /proc/stat', input: DEBIAN, want: 1795250071 },
    {
      name: 'Linux 2.6.32 (no softirq line)',
      input: 'cpu  1 2 3 4\nctxt 5\nbtime 1300000000\nprocesses 6\n',
      want: 1300000000,
    },
  ])('reads $name', ({ input, want }) => expect(parseBootTime(input)).toBe(want));
  it.each([
    { name: 'a file without btime', input: 'cpu  1 2 3 4\nctxt 5\n' },
    { name: 'btime that is not a number', input: 'btime soon\n' },
    { name: 'an empty read', input: '' },
  ])('rejects $name', ({ input }) => expect(() => parseBootTime(input)).toThrow(ParseError));
});
