/**
 * `m`: memory, swap, disk space. As mmon draws used inside the node's total, each bar is used +
 * free, so its full height is that node's own total on an axis scaled to the largest node.
 */
import type { MetricsSample } from '../../../../../electron/api';
import { formatBytes } from '../../../shared/format';
import { BAR_1, BAR_FREE, linearScale, na, type SubView, value } from './subView';

const GiB = 1024 ** 3;

const USED_FREE = [
  { label: 'used', color: BAR_1 },
  { label: 'free', color: BAR_FREE },
];

const usedOf = (used: number, total: number, what = ''): string =>
  `${formatBytes(used)} used of ${formatBytes(total)}${what}`;

// Free is total - used (not MemFree): caches count as free, as `free` reports "available".
const memory: SubView = {
  segments: USED_FREE,
  scale: linearScale('GiB', GiB, 1),
  figures: ({ sample: { memory: mem } }) =>
    value([mem.usedBytes, mem.totalBytes - mem.usedBytes], usedOf(mem.usedBytes, mem.totalBytes)),
};

const swap: SubView = {
  segments: USED_FREE,
  scale: linearScale('GiB', GiB, 1),
  figures: ({ sample: { memory: mem } }) => {
    if (mem.swapTotalBytes <= 0) return na('this node has no swap space');
    const used = mem.swapTotalBytes - mem.swapFreeBytes;
    return value([used, mem.swapFreeBytes], usedOf(used, mem.swapTotalBytes, ' swap'));
  },
};

type DiskUsage = MetricsSample['disks'][number];
type ReadDisk = Extract<DiskUsage, { totalBytes: number }>;
const isRead = (disk: DiskUsage): disk is ReadDisk => !('error' in disk);

/** The watched mount points summed; one unreadable mount makes the sum a lie, so the bar is n/a. */
const diskSpace: SubView = {
  segments: USED_FREE,
  scale: linearScale('GiB', GiB, 1),
  figures: ({ sample: { disks } }) => {
    if (disks.length === 0) return na('the agent watches no mount points on this node');
    const failed = disks.filter((disk) => !isRead(disk));
    if (failed.length > 0)
      return na(failed.map((disk) => `${disk.mount}: ${'error' in disk ? disk.error : ''}`).join('; '));
    const read = disks.filter(isRead);
    const used = read.reduce((sum, disk) => sum + disk.usedBytes, 0);
    const total = read.reduce((sum, disk) => sum + disk.totalBytes, 0);
    return value([used, total - used], usedOf(used, total, ` on ${read.map((disk) => disk.mount).join(', ')}`));
  },
};

export const MEMORY_VIEWS: readonly SubView[] = [memory, swap, diskSpace];
