/** The strip of cluster totals above the monitor's bars. Pure. */
import { engineOf } from './displays/subView';
import { NO_GUESTS_ON_LINUX } from './displays/grid';
import type { MonitorNode } from './nodeLabels';

export interface ClusterTotals {
  /** Nodes in state up, sample or not. */
  up: number;
  /** Nodes in any other state (dead, connecting, refused, …). */
  dead: number;
  /** Up nodes with a sample: the ones the sums below are over. */
  reporting: number;
  cpus: number;
  /** Sum of the 1-minute load averages. */
  load: number;
  memoryUsedBytes: number;
  memoryTotalBytes: number;
  frozen: number;
  /** Guest processes on the mosix-engine nodes; null when no reporting node can take guests. */
  guests: number | null;
  /** Why guests is null. */
  guestsReason?: string;
}

/** Sums over the nodes that are up and have sent a sample; a dead node's last sample is old news. */
export function clusterTotals(nodes: readonly MonitorNode[]): ClusterTotals {
  const up = nodes.filter(({ node }) => node.state === 'up');
  const reporting = up.flatMap((node) => (node.sample ? [{ ...node, sample: node.sample }] : []));
  const sum = (of: (node: (typeof reporting)[number]) => number): number =>
    reporting.reduce((total, node) => total + of(node), 0);
  const withGuests = reporting.filter((node) => engineOf(node) !== 'linux');
  const totals: ClusterTotals = {
    up: up.length,
    dead: nodes.length - up.length,
    reporting: reporting.length,
    cpus: sum(({ sample }) => sample.cpuCount),
    load: sum(({ sample }) => sample.load.one),
    memoryUsedBytes: sum(({ sample }) => sample.memory.usedBytes),
    memoryTotalBytes: sum(({ sample }) => sample.memory.totalBytes),
    frozen: sum(({ sample }) => sample.processes.frozen),
    guests: withGuests.reduce((total, { sample }) => total + sample.processes.guests, 0),
  };
  if (withGuests.length > 0) return totals;
  const guestsReason = reporting.length > 0 ? NO_GUESTS_ON_LINUX : 'no node has reported yet';
  return { ...totals, guests: null, guestsReason };
}
