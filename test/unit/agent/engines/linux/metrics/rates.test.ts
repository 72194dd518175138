import { describe, expect, it } from 'vitest';
import {
  computeRates,
  type Counters,
  cpuUtil,
  NO_RATES,
  summedGrowth,
} from '../../../../../../agent/src/engines/linux/metrics/rates';

/** A tick of a 2-CPU node with one disk and one NIC, at t = 10 s. */
const T0: Counters = {
  monoMs: 10_000,
  cpu: { busy: 1000, total: 4000 },
  disks: [{ name: 'sda', readBytes: 1_000_000, writeBytes: 2_000_000 }],
  nets: [{ name: 'eth0', rxBytes: 50_000, txBytes: 9_000 }],
  nfsCalls: 500,
};

/** Two seconds later: 100 of 400 CPU ticks busy, 2 MB read, 1 MB written, 20 kB in, 4 kB out, 30 calls. */
const T1: Counters = {
  monoMs: 12_000,
  cpu: { busy: 1100, total: 4400 },
  disks: [{ name: 'sda', readBytes: 3_000_000, writeBytes: 3_000_000 }],
  nets: [{ name: 'eth0', rxBytes: 70_000, txBytes: 13_000 }],
  nfsCalls: 530,
};

const cases: { name: string; prev: Counters | undefined; cur: Counters; want: typeof NO_RATES }[] = [
  { name: 'the first sample has nothing to compare with', prev: undefined, cur: T0, want: NO_RATES },
  {
    name: 'two samples two seconds apart',
    prev: T0,
    cur: T1,
    want: {
      cpuUtilPercent: 25,
      readBytesPerSec: 1_000_000,
      writeBytesPerSec: 500_000,
      netInBytesPerSec: 10_000,
      netOutBytesPerSec: 2_000,
      nfsRpcPerSec: 15,
    },
  },
  { name: 'a clock that did not advance', prev: T0, cur: { ...T1, monoMs: T0.monoMs }, want: NO_RATES },
  {
    name: 'a node without NFS',
    prev: { ...T0, nfsCalls: null },
    cur: { ...T1, nfsCalls: null },
    want: {
      ...NO_RATES,
      cpuUtilPercent: 25,
      readBytesPerSec: 1e6,
      writeBytesPerSec: 5e5,
      netInBytesPerSec: 1e4,
      netOutBytesPerSec: 2e3,
    },
  },
  {
    name: 'the NFS module reloaded (calls went backwards): null, not negative',
    prev: T0,
    cur: { ...T1, nfsCalls: 3 },
    want: {
      ...NO_RATES,
      cpuUtilPercent: 25,
      readBytesPerSec: 1e6,
      writeBytesPerSec: 5e5,
      netInBytesPerSec: 1e4,
      netOutBytesPerSec: 2e3,
    },
  },
  {
    name: 'a NIC re-created (counters reset): it adds 0 for this interval',
    prev: T0,
    cur: { ...T1, nets: [{ name: 'eth0', rxBytes: 100, txBytes: 20 }] },
    want: {
      cpuUtilPercent: 25,
      readBytesPerSec: 1e6,
      writeBytesPerSec: 5e5,
      netInBytesPerSec: 0,
      netOutBytesPerSec: 0,
      nfsRpcPerSec: 15,
    },
  },
];

describe('computeRates', () => {
  it.each(cases)('$name', ({ prev, cur, want }) => expect(computeRates(prev, cur)).toEqual(want));

  it('uses the interval between the two samples, not a fixed one', () => {
    const halfSecond = computeRates({ ...T0, monoMs: 11_500 }, T1);
    expect(halfSecond.readBytesPerSec).toBe(4_000_000);
    expect(halfSecond.nfsRpcPerSec).toBe(60);
  });
});

const growth = [
  {
    name: 'sums every device',
    prev: [
      { name: 'a', n: 10 },
      { name: 'b', n: 100 },
    ],
    cur: [
      { name: 'a', n: 15 },
      { name: 'b', n: 130 },
    ],
    want: 35,
  },
  {
    name: 'a new device starts counting next time',
    prev: [{ name: 'a', n: 10 }],
    cur: [
      { name: 'a', n: 15 },
      { name: 'b', n: 9999 },
    ],
    want: 5,
  },
  {
    name: 'a removed device is simply gone',
    prev: [
      { name: 'a', n: 10 },
      { name: 'b', n: 50 },
    ],
    cur: [{ name: 'a', n: 15 }],
    want: 5,
  },
  {
    name: 'a counter that went backwards adds 0',
    prev: [
      { name: 'a', n: 10 },
      { name: 'b', n: 4_294_967_000 },
    ],
    cur: [
      { name: 'a', n: 15 },
      { name: 'b', n: 200 },
    ],
    want: 5,
  },
  { name: 'nothing to compare', prev: [], cur: [], want: 0 },
];

describe('summedGrowth', () => {
  it.each(growth)('$name', ({ prev, cur, want }) => expect(summedGrowth(prev, cur, (d) => d.n)).toBe(want));
});

const util = [
  { name: 'idle', prev: { busy: 100, total: 1000 }, cur: { busy: 100, total: 1200 }, want: 0 },
  { name: 'every CPU busy', prev: { busy: 100, total: 1000 }, cur: { busy: 300, total: 1200 }, want: 100 },
  { name: 'a third busy, rounded to 0.01', prev: { busy: 0, total: 0 }, cur: { busy: 1, total: 3 }, want: 33.33 },
  { name: 'no tick passed', prev: { busy: 100, total: 1000 }, cur: { busy: 100, total: 1000 }, want: null },
  { name: 'sums shrank (CPU unplugged)', prev: { busy: 500, total: 1000 }, cur: { busy: 400, total: 900 }, want: null },
  { name: 'busy grew more than total', prev: { busy: 100, total: 1000 }, cur: { busy: 300, total: 1100 }, want: null },
];

describe('cpuUtil', () => {
  it.each(util)('$name', ({ prev, cur, want }) => expect(cpuUtil(prev, cur)).toBe(want));
});
