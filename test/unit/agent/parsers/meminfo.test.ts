import { describe, expect, it } from 'vitest';
import { parseMemInfo } from '../../../../agent/src/parsers/meminfo';
import { ParseError } from '../../../../agent/src/parsers/parseError';

const KiB = 1024;

/** A 16 GB workstation on Linux 6.1 (abridged only in the middle of the file). */
const MODERN = `MemTotal:       16303196 kB
MemFree:         1203944 kB
MemAvailable:   10238576 kB
Buffers:          523188 kB
Cached:          8655620 kB
SwapCached:         1024 kB
Active:          5123456 kB
Inactive:        7890123 kB
Active(anon):    2345678 kB
Inactive(anon):   123456 kB
Active(file):    2777778 kB
Inactive(file):  7766667 kB
Unevictable:       65432 kB
Mlocked:              16 kB
SwapTotal:       2097148 kB
SwapFree:        2090000 kB
Dirty:               512 kB
Shmem:            345678 kB
HugePages_Total:       0
HugePages_Free:        0
HugePages_Rsvd:        0
HugePages_Surp:        0
Hugepagesize:       2048 kB
Hugetlb:               0 kB
DirectMap4k:      345678 kB
DirectMap2M:    12345678 kB
`;

/** CentOS 6 (Linux 2.6.32): no MemAvailable line; SwapCached must not be read as Cached. */
const OLD_KERNEL = `MemTotal:        8061336 kB
MemFree:          812340 kB
Buffers:          204800 kB
Cached:          3072000 kB
SwapCached:       999999 kB
Active:          4000000 kB
Inactive:        2500000 kB
SwapTotal:       4194300 kB
SwapFree:        4194300 kB
HugePages_Total:       0
Hugepagesize:       2048 kB
`;

/** A compute node with swap disabled. */
const NO_SWAP = `MemTotal:       263842148 kB
MemFree:        200000000 kB
MemAvailable:   250000000 kB
Buffers:            1024 kB
Cached:          40000000 kB
SwapCached:            0 kB
SwapTotal:             0 kB
SwapFree:              0 kB
`;

/** A container view (lxcfs) that prints no swap lines at all. */
const NO_SWAP_LINES = `MemTotal:        4194304 kB
MemFree:         3145728 kB
MemAvailable:    3670016 kB
`;

/** Old kernel whose free + buffers + cache estimate exceeds the total (shared page accounting). */
const OVER_ESTIMATE = `MemTotal:        1000000 kB
MemFree:          600000 kB
Buffers:          200000 kB
Cached:           300000 kB
`;

const ok = [
  {
    name: 'modern kernel with MemAvailable',
    input: MODERN,
    want: {
      totalBytes: 16303196 * KiB,
      freeBytes: 1203944 * KiB,
      availableBytes: 10238576 * KiB,
      usedBytes: (16303196 - 10238576) * KiB,
      swapTotalBytes: 2097148 * KiB,
      swapFreeBytes: 2090000 * KiB,
    },
  },
  {
    name: 'old kernel without MemAvailable (free + buffers + cached estimate)',
    input: OLD_KERNEL,
    want: {
      totalBytes: 8061336 * KiB,
      freeBytes: 812340 * KiB,
      availableBytes: (812340 + 204800 + 3072000) * KiB,
      usedBytes: (8061336 - 812340 - 204800 - 3072000) * KiB,
      swapTotalBytes: 4194300 * KiB,
      swapFreeBytes: 4194300 * KiB,
    },
  },
  {
    name: 'node with swap disabled',
    input: NO_SWAP,
    want: {
      totalBytes: 263842148 * KiB,
      freeBytes: 200000000 * KiB,
      availableBytes: 250000000 * KiB,
      usedBytes: 13842148 * KiB,
      swapTotalBytes: 0,
      swapFreeBytes: 0,
    },
  },
  {
    name: 'container view without swap lines',
    input: NO_SWAP_LINES,
    want: {
      totalBytes: 4194304 * KiB,
      freeBytes: 3145728 * KiB,
      availableBytes: 3670016 * KiB,
      usedBytes: (4194304 - 3670016) * KiB,
      swapTotalBytes: 0,
      swapFreeBytes: 0,
    },
  },
  {
    name: 'old-kernel estimate capped at the total',
    input: OVER_ESTIMATE,
    want: {
      totalBytes: 1000000 * KiB,
      freeBytes: 600000 * KiB,
      availableBytes: 1000000 * KiB,
      usedBytes: 0,
      swapTotalBytes: 0,
      swapFreeBytes: 0,
    },
  },
  {
    name: 'file read without the trailing newline',
    input: 'MemTotal:  2048 kB\nMemFree:  1024 kB\nMemAvailable:  1536 kB',
    want: {
      totalBytes: 2048 * KiB,
      freeBytes: 1024 * KiB,
      availableBytes: 1536 * KiB,
      usedBytes: 512 * KiB,
      swapTotalBytes: 0,
      swapFreeBytes: 0,
    },
  },
];

const bad = [
  { name: 'empty file', input: '', missing: 'MemTotal' },
  { name: 'missing MemTotal', input: MODERN.replace(/^MemTotal:.*\n/m, ''), missing: 'MemTotal' },
  { name: 'missing MemFree', input: MODERN.replace(/^MemFree:.*\n/m, ''), missing: 'MemFree' },
  { name: 'MemTotal cut off before its unit', input: 'MemTotal:       16303\n', missing: 'MemTotal' },
  { name: 'loadavg file read by mistake', input: '0.20 0.18 0.12 1/80 11206\n', missing: 'MemTotal' },
];

describe('parseMemInfo', () => {
  it.each(ok)('parses $name', ({ input, want }) => expect(parseMemInfo(input)).toEqual(want));
  it.each(bad)('rejects $name', ({ input, missing }) => {
    expect(() => parseMemInfo(input)).toThrow(ParseError);
    expect(() => parseMemInfo(input)).toThrow(new RegExp(`/proc/meminfo: no ${missing} line`));
  });
});
