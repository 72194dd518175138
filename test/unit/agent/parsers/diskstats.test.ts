import { describe, expect, it } from 'vitest';
import { parseDiskStats, wholeDisks } from '../../../../agent/src/parsers/diskstats';
import { ParseError } from '../../../../agent/src/parsers/parseError';

/** This project's test machine (Linux 6.18, 17 numeric columns): loop devices, one virtio disk, zram. */
const KVM_618 = `   7       0 loop0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0
   7       1 loop1 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0
 254       0 vda 103032 14818 4640466 90664 50108 115106 6448776 30427 0 27264 126682 62619 41 2941408 5127 6259 462
 253       0 zram0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0
`;

/** A Linux 5.15 server: SATA disk with partitions under LVM, an NVMe disk, a RAID, a DVD drive. */
const SERVER_515 = `   8       0 sda 48211 10522 6390226 31208 220488 301377 9114968 412092 0 297468 453300 0 0 0 0 10031 9998
   8       1 sda1 312 1203 14208 77 2 0 2 0 0 92 77 0 0 0 0 0 0
   8       2 sda2 47811 9319 6371810 31088 220486 301377 9114966 412092 0 297336 443180 0 0 0 0 0 0
 259       0 nvme0n1 900112 1200 88113344 402113 77112 901 12991024 80112 0 377112 488331 0 0 0 0 3311 6106
 259       1 nvme0n1p1 899900 1200 88100000 402000 77100 901 12990000 80100 0 377000 482100 0 0 0 0 0 0
  11       0 sr0 19 0 152 12 0 0 0 0 0 40 12 0 0 0 0 0 0
 253       0 dm-0 57200 0 6223392 40112 521865 0 9114960 1012332 0 298100 1052444 0 0 0 0 0 0
 253       1 dm-1 96 0 4144 20 0 0 0 0 0 20 20 0 0 0 0 0 0
   9       0 md0 1200 0 96000 0 300 0 2400 0 0 0 0 0 0 0 0 0 0
`;

/** Linux 2.6.18 (RHEL 5): 14 columns for disks, 7 for partitions. */
const RHEL5 = `   8    0 sda 51234 8821 1900322 402211 90211 120331 1680012 2011020 0 503312 2413220
   8    1 sda1 1012 2024 40 320
   8    2 sda2 59043 1898298 210542 1679692
`;

const SECTOR = 512;
const ok = [
  {
    name: 'a KVM guest with loop and zram devices',
    input: KVM_618,
    want: [
      { name: 'loop0', readBytes: 0, writeBytes: 0 },
      { name: 'loop1', readBytes: 0, writeBytes: 0 },
      { name: 'vda', readBytes: 4640466 * SECTOR, writeBytes: 6448776 * SECTOR },
      { name: 'zram0', readBytes: 0, writeBytes: 0 },
    ],
  },
  {
    name: 'old partition lines with 7 columns',
    input: RHEL5,
    want: [
      { name: 'sda', readBytes: 1900322 * SECTOR, writeBytes: 1680012 * SECTOR },
      { name: 'sda1', readBytes: 2024 * SECTOR, writeBytes: 320 * SECTOR },
      { name: 'sda2', readBytes: 1898298 * SECTOR, writeBytes: 1679692 * SECTOR },
    ],
  },
  { name: 'an empty file (no block devices)', input: '', want: [] },
];

const bad = [
  { name: 'a truncated line', input: '   8       0 sda 48211 10522 6390226\n' },
  { name: 'a word among the numbers', input: '   8    1 sda1 1012 x 40 320\n' },
  { name: 'a missing minor number', input: '   8 sda 1 2 3 4 5 6 7 8 9 10 11\n' },
  { name: 'another file', input: 'cpu  1 2 3 4 5 6 7 8 9 10\n' },
];

describe('parseDiskStats', () => {
  it.each(ok)('parses $name', ({ input, want }) => expect(parseDiskStats(input)).toEqual(want));
  it.each(bad)('rejects $name', ({ input }) => expect(() => parseDiskStats(input)).toThrow(ParseError));
  it('reads a 17-column 5.15 line by position', () => {
    expect(parseDiskStats(SERVER_515)[0]).toEqual({
      name: 'sda',
      readBytes: 6390226 * SECTOR,
      writeBytes: 9114968 * SECTOR,
    });
  });
});

const kept = [
  { name: 'this test machine: vda only', input: KVM_618, want: ['vda'] },
  { name: 'a server: disks, not partitions, LVM or RAID', input: SERVER_515, want: ['sda', 'nvme0n1', 'sr0'] },
  { name: 'an old kernel with 7-column partitions', input: RHEL5, want: ['sda'] },
];

/** Names only, for the cases the captured files do not cover. */
const named = [
  {
    name: 'mmc card: p-partitions dropped, boot areas kept',
    names: ['mmcblk0', 'mmcblk0p1', 'mmcblk0p2', 'mmcblk0boot0'],
    want: ['mmcblk0', 'mmcblk0boot0'],
  },
  { name: 'disk names ending in p are not p-partitions', names: ['sdp', 'sdp1', 'sdpa'], want: ['sdp', 'sdpa'] },
  {
    name: 'many disks: sdaa is a disk, sdaa3 a partition',
    names: ['sda', 'sdaa', 'sdaa3', 'sdb'],
    want: ['sda', 'sdaa', 'sdb'],
  },
  { name: 'xen and virtio partitions', names: ['xvda', 'xvda1', 'vdb', 'vdb12'], want: ['xvda', 'vdb'] },
  { name: 'a partition whose disk is not listed stays', names: ['sdc1'], want: ['sdc1'] },
  { name: 'ram disks and network block devices', names: ['ram0', 'ram15', 'nbd0', 'nbd0p1'], want: ['nbd0'] },
];

describe('wholeDisks', () => {
  it.each(kept)('keeps whole disks of $name', ({ input, want }) =>
    expect(wholeDisks(parseDiskStats(input)).map((d) => d.name)).toEqual(want),
  );
  it.each(named)('$name', ({ names, want }) => {
    const disks = names.map((name) => ({ name, readBytes: 0, writeBytes: 0 }));
    expect(wholeDisks(disks).map((d) => d.name)).toEqual(want);
  });
});
