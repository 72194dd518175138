import type { HistoryField, MetricsSample } from '../../api';

/** How each kept figure is read from a sample; null where the node does not have it yet. */
export const HISTORY_READERS: Record<HistoryField, (s: MetricsSample) => number | null> = {
  load: (s) => s.load.one,
  util: (s) => s.rates.cpuUtilPercent,
  memUsed: (s) => s.memory.usedBytes,
  memTotal: (s) => s.memory.totalBytes,
  swapUsed: (s) => s.memory.swapTotalBytes - s.memory.swapFreeBytes,
  swapTotal: (s) => s.memory.swapTotalBytes,
  readBps: (s) => s.rates.readBytesPerSec,
  writeBps: (s) => s.rates.writeBytesPerSec,
  netInBps: (s) => s.rates.netInBytesPerSec,
  netOutBps: (s) => s.rates.netOutBytesPerSec,
  nfsRpc: (s) => (s.hasNfs ? s.rates.nfsRpcPerSec : null),
  frozen: (s) => s.processes.frozen,
};
