import { describe, expect, it } from 'vitest';
import { parseNetDev } from '../../../../agent/src/parsers/netDev';
import { ParseError } from '../../../../agent/src/parsers/parseError';

const HEADER = `Inter-|   Receive                                                |  Transmit
 face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed
`;

/** This project's test machine (Linux 6.18): loopback, two idle ifb devices, one NIC. */
const KVM_618 = `${HEADER}    lo: 7151111    2692    0    0    0     0          0         0  7151111    2692    0    0    0     0       0          0
  ifb0:       0       0    0    0    0     0          0         0        0       0    0    0    0     0       0          0
  ifb1:       0       0    0    0    0     0          0         0        0       0    0    0    0     0       0          0
  eth0: 1200667089   35753    0    0    0     0          0         0  4035253   25307    0    0    0     0       0          0
`;

/** Linux 2.6 with a busy NIC: the receive byte count runs into the colon. */
const GLUED = `${HEADER}    lo:   52006     601    0    0    0     0          0         0    52006     601    0    0    0     0       0          0
  eth1:4294967200 9012345    0   12    0     0          0      1201 812345678 6012345    0    0    0     0       0          0
`;

/** A docker host: interface names with dots, dashes and an @-less VLAN. */
const DOCKER = `${HEADER}enp3s0.100: 9000 90 0 0 0 0 0 0 8000 80 0 0 0 0 0 0
veth1a2b3c4: 1200 12 0 0 0 0 0 0 3400 34 0 0 0 0 0 0
`;

const ok = [
  {
    name: 'a KVM guest',
    input: KVM_618,
    want: [
      { name: 'lo', rxBytes: 7151111, txBytes: 7151111 },
      { name: 'ifb0', rxBytes: 0, txBytes: 0 },
      { name: 'ifb1', rxBytes: 0, txBytes: 0 },
      { name: 'eth0', rxBytes: 1200667089, txBytes: 4035253 },
    ],
  },
  {
    name: 'a number glued to the colon',
    input: GLUED,
    want: [
      { name: 'lo', rxBytes: 52006, txBytes: 52006 },
      { name: 'eth1', rxBytes: 4294967200, txBytes: 812345678 },
    ],
  },
  {
    name: 'dotted and dashed names',
    input: DOCKER,
    want: [
      { name: 'enp3s0.100', rxBytes: 9000, txBytes: 8000 },
      { name: 'veth1a2b3c4', rxBytes: 1200, txBytes: 3400 },
    ],
  },
  { name: 'no interfaces at all', input: HEADER, want: [] },
];

const bad = [
  { name: 'an empty file', input: '' },
  { name: 'no header', input: '  eth0: 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16\n' },
  { name: 'a truncated line', input: `${HEADER}  eth0: 1200667089   35753    0\n` },
  { name: 'a line without a colon', input: `${HEADER}  eth0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16\n` },
  { name: 'a word among the numbers', input: `${HEADER}  eth0: 1 2 3 4 5 6 7 8 x 10 11 12 13 14 15 16\n` },
];

describe('parseNetDev', () => {
  it.each(ok)('parses $name', ({ input, want }) => expect(parseNetDev(input)).toEqual(want));
  it.each(bad)('rejects $name', ({ input }) => expect(() => parseNetDev(input)).toThrow(ParseError));
});
