import { describe, expect, it } from 'vitest';
import { ttyName } from '../../../../agent/src/parsers/ttyName';

/** tty_nr as new_encode_dev(MKDEV(major, minor)) builds it. */
const dev = (major: number, minor: number): number => (minor & 0xff) | (major << 8) | ((minor & ~0xff) << 12);

const cases = [
  { name: 'no terminal', ttyNr: 0, want: null },
  { name: 'pts/0 (captured from a `script` session)', ttyNr: 34816, want: 'pts/0' },
  { name: 'pts/3', ttyNr: dev(136, 3), want: 'pts/3' },
  { name: 'pts/255', ttyNr: dev(136, 255), want: 'pts/255' },
  { name: 'pts/256 (next major)', ttyNr: dev(137, 0), want: 'pts/256' },
  { name: 'pts/1000 (minor above 255 of major 139)', ttyNr: dev(139, 232), want: 'pts/1000' },
  { name: 'pts/2047 (last of major 143)', ttyNr: dev(143, 255), want: 'pts/2047' },
  { name: 'pts/300 encoded with a large minor', ttyNr: dev(136, 300), want: 'pts/300' },
  { name: 'a virtual console', ttyNr: dev(4, 1), want: 'tty1' },
  { name: 'the last virtual console', ttyNr: dev(4, 63), want: 'tty63' },
  { name: 'the first serial line', ttyNr: dev(4, 64), want: 'ttyS0' },
  { name: 'a serial line', ttyNr: dev(4, 65), want: 'ttyS1' },
  { name: 'the system console', ttyNr: dev(5, 1), want: 'console' },
  { name: 'a USB serial adapter', ttyNr: dev(188, 0), want: 'ttyUSB0' },
  { name: 'a USB modem', ttyNr: dev(166, 2), want: 'ttyACM2' },
  { name: 'an ARM PL011 UART', ttyNr: dev(204, 64), want: 'ttyAMA0' },
  { name: 'a device we do not know', ttyNr: dev(229, 7), want: '229:7' },
];

describe('ttyName', () => {
  it.each(cases)('names $name', ({ ttyNr, want }) => expect(ttyName(ttyNr)).toBe(want));
});
