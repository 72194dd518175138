/** The hub API's metrics group: one batched stream per cluster, and each node's recent history. */
import type { NodeStatus } from '../../agent/src/protocol/metricsTypes';
import type { MetricsSample } from '../../agent/src/protocol/types';

export type { DaemonState, NodeStatus } from '../../agent/src/protocol/metricsTypes';

/** One node's newest sample in a cluster's batch. */
export interface NodeSample {
  nodeId: string;
  sample: MetricsSample;
}

/**
 * The figures the hub keeps per node for the last 15 minutes, at 1 s. Bytes are bytes, rates are
 * per second, `util` is the busy share of all CPUs in percent, `frozen` counts processes.
 */
export const HISTORY_FIELDS = [
  'load',
  'util',
  'memUsed',
  'memTotal',
  'swapUsed',
  'swapTotal',
  'readBps',
  'writeBps',
  'netInBps',
  'netOutBps',
  'nfsRpc',
  'frozen',
] as const;
export type HistoryField = (typeof HISTORY_FIELDS)[number];

/**
 * How each kept figure is read from a sample (null where the node does not have it yet): the hub
 * records history with these, and a window appends live samples with the same, so they agree.
 */
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

/**
 * A node's history, oldest first. `at` is when the hub received each sample (the hub's clock, so
 * nodes with skewed clocks still line up); a figure the node did not have is null. A gap in `at`
 * is time the node was not answering.
 */
export interface NodeHistory {
  intervalMs: number;
  /** How far back the hub keeps history. */
  spanMs: number;
  at: number[];
  series: Record<HistoryField, (number | null)[]>;
}

export interface MetricsRequests {
  /**
   * Starts `metrics.batch` events for a cluster: one event every `intervalMs` carrying the newest
   * sample of every node that sent one since the last event (not one event per node).
   */
  'metrics.subscribe': {
    params: { clusterId: string; intervalMs: number };
    result: { subscriptionId: string };
  };
  'metrics.unsubscribe': { params: { subscriptionId: string }; result: { removed: boolean } };
  /** The last 15 minutes of a node's figures, as the hub recorded them. */
  'metrics.history': { params: { clusterId: string; nodeId: string }; result: NodeHistory };
  /**
   * The node's `mosctl status` / `localstatus` fields, read from its agent now. `unavailable`
   * while the node is not up. `utilPercent` compares with the hub's previous call for the node,
   * so it is null on the first.
   */
  'metrics.status': { params: { clusterId: string; nodeId: string }; result: NodeStatus };
}

export interface MetricsEvents {
  /** May be dropped when the window does not keep up: the next batch carries the newest figures. */
  'metrics.batch': { subscriptionId: string; clusterId: string; samples: NodeSample[] };
}

export const METRICS_METHODS = {
  'metrics.subscribe': 1,
  'metrics.unsubscribe': 1,
  'metrics.history': 1,
  'metrics.status': 1,
} as const satisfies Record<keyof MetricsRequests, 1>;
export const METRICS_EVENTS = { 'metrics.batch': 1 } as const satisfies Record<keyof MetricsEvents, 1>;
