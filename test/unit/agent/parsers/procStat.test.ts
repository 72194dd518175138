import { describe, expect, it } from 'vitest';
import { ParseError } from '../../../../agent/src/parsers/parseError';
import { parseProcStat } from '../../../../agent/src/parsers/procStat';

/** This project's test machine: a 2-vCPU KVM guest on Linux 6.18 (intr line shortened). */
const KVM_618 = `cpu  125222 568 17543 297023 1729 0 332 851 0 0
cpu0 58956 331 8055 153400 278 0 83 428 0 0
cpu1 66266 237 9488 143623 1450 0 248 423 0 0
intr 1736231 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 1 1 16 0 0 0 0 445 255
ctxt 4349967
btime 1795250071
processes 34465
procs_running 1
procs_blocked 0
softirq 796309 0 101764 6 43379 172766 0 5 231087 12 247290
`;

/** A KVM host running guests: guest ticks are already inside user and must not be added again. */
const HOST_WITH_GUESTS = `cpu  1000 0 200 5000 100 10 20 30 700 0
cpu0 1000 0 200 5000 100 10 20 30 700 0
`;

/** Linux 2.6.9 (RHEL 4): 7 columns, no steal or guest yet. */
const RHEL4 = `cpu  4705 356 584 3699176 23527 1 12
cpu0 4705 356 584 3699176 23527 1 12
intr 3760045 3698733 2 0 0
`;

/** Linux 2.4: only user, nice, system, idle. */
const LINUX_24 = `cpu  12093 0 4501 987654
cpu0 12093 0 4501 987654
page 1234 5678
`;

const ok = [
  { name: 'a 2-vCPU KVM guest on 6.18', input: KVM_618, want: { busy: 144516, total: 443268 } },
  { name: 'a host with guest time', input: HOST_WITH_GUESTS, want: { busy: 1260, total: 6360 } },
  { name: 'Linux 2.6.9 with 7 columns', input: RHEL4, want: { busy: 5658, total: 3728361 } },
  { name: 'Linux 2.4 with 4 columns', input: LINUX_24, want: { busy: 16594, total: 1004248 } },
];

const bad = [
  { name: 'an empty file', input: '' },
  { name: 'per-CPU lines only', input: 'cpu0 1 2 3 4 5 6 7\ncpu1 1 2 3 4 5 6 7\n' },
  { name: 'a truncated cpu line', input: 'cpu  125222 568\n' },
  { name: 'a non-numeric column', input: 'cpu  1 2 3 x 5 6 7\n' },
];

describe('parseProcStat', () => {
  it.each(ok)('parses $name', ({ input, want }) => expect(parseProcStat(input)).toEqual(want));
  it.each(bad)('rejects $name', ({ input }) => expect(() => parseProcStat(input)).toThrow(ParseError));
});
