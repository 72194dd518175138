import { excerpt, ParseError } from './parseError';

/** The kernel counts in 512-byte sectors here whatever the device's own sector size. */
const SECTOR_BYTES = 512;

export interface DiskCounters {
  name: string;
  /** Bytes read and written since boot (or since the device appeared). */
  readBytes: number;
  writeBytes: number;
}

/**
 * Parses /proc/diskstats: "major minor name reads merged sectors ms writes merged sectors ...".
 * Linux 2.6.25+ prints at least 14 columns for every device (more since 4.18 and 5.5); older
 * kernels printed partitions with 7 ("major minor name reads sectors writes sectors").
 */
export function parseDiskStats(text: string): DiskCounters[] {
  const disks: DiskCounters[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '') continue;
    const f = line.split(/\s+/);
    const numbers = f.slice(3);
    if (!/^\d+$/.test(f[0] ?? '') || !/^\d+$/.test(f[1] ?? '') || !numbers.every((n) => /^\d+$/.test(n))) {
      throw new ParseError('/proc/diskstats', `unexpected line ${excerpt(line)}`);
    }
    const name = f[2] as string;
    if (f.length >= 14) {
      disks.push({ name, readBytes: Number(f[5]) * SECTOR_BYTES, writeBytes: Number(f[9]) * SECTOR_BYTES });
    } else if (f.length === 7) {
      disks.push({ name, readBytes: Number(f[4]) * SECTOR_BYTES, writeBytes: Number(f[6]) * SECTOR_BYTES });
    } else {
      throw new ParseError('/proc/diskstats', `${f.length} columns in ${excerpt(line)}`);
    }
  }
  return disks;
}

/**
 * Devices whose I/O another counted device already carries, or that are not disks at all:
 * loop (I/O lands on the disk holding the image file), dm- and md (LVM, crypt, RAID over
 * real disks), ram/zram (memory). Counting them would count the same bytes twice.
 */
const STACKED_OR_VIRTUAL = /^(loop|dm-|md|ram|zram)/;

/**
 * Keeps whole physical disks: drops the devices above, and partitions, recognised by name as
 * a listed disk's name plus digits ("sda1" of "sda", "vdb12") or plus "p" and digits when the
 * disk's name ends in a digit ("nvme0n1p2", "mmcblk0p1"). Pure name logic, so it needs no
 * /sys lookup per tick; the kernel names partitions this way for every common driver.
 */
export function wholeDisks(disks: DiskCounters[]): DiskCounters[] {
  const names = new Set(disks.map((d) => d.name));
  const isPartition = (name: string): boolean => {
    // The name without its trailing digits: "sda" of "sda1", "nvme0n1p" of "nvme0n1p2".
    const stem = /^(.*\D)\d+$/.exec(name)?.[1];
    if (stem === undefined) return false;
    const beforeP = stem.endsWith('p') ? stem.slice(0, -1) : undefined;
    if (beforeP !== undefined && /\d$/.test(beforeP) && names.has(beforeP)) return true;
    return names.has(stem);
  };
  return disks.filter((d) => !STACKED_OR_VIRTUAL.test(d.name) && !isPartition(d.name));
}
