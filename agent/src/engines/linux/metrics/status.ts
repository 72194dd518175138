import type { DaemonState, MetricsSample, NodeStatus } from '../../../protocol/metricsTypes';

const NO_DAEMON = 'The linux engine runs no MOSIX daemons; the agent reads the node directly.';

/** The four daemons `mosctl localstatus` lists, none of which exists on a plain Linux node. */
const DAEMONS: DaemonState[] = [
  { name: 'Master Daemon', state: 'not-applicable', reason: NO_DAEMON },
  { name: 'MOSIX Daemon', state: 'not-applicable', reason: NO_DAEMON },
  {
    name: 'Queue Manager',
    state: 'not-applicable',
    reason: 'No MOSIX queue: jobs started through the agent run at once.',
  },
  { name: 'Remote Daemon', state: 'not-applicable', reason: 'No MOSIX kernel: this node serves no guest processes.' },
];

export const LINUX_STATUS = 'Running normally (linux engine: no MOSIX kernel)';

export const LINUX_ACCEPT = {
  yes: false,
  reason: 'Plain Linux cannot receive migrated processes; MOSIX is needed for that.',
} as const;

/**
 * The `mosctl status` / `localstatus` fields for a linux node, from one metrics sample. Values
 * are honest rather than MOSIX-like: load and speed are the raw figures (MOSIX would normalise
 * them to a standard CPU), util is the CPU busy share (null on a session's first status.read,
 * which has no earlier sample), and the node is available but accepts no migrated processes.
 */
export function buildNodeStatus(sample: MetricsSample): NodeStatus {
  return {
    status: LINUX_STATUS,
    load: sample.load.one,
    loadPerCpu: sample.loadPerCpu,
    speed: sample.speed,
    cpus: sample.cpuCount,
    frozen: sample.processes.frozen,
    utilPercent: sample.rates.cpuUtilPercent,
    avail: true,
    procs: sample.processes.mosixLocal,
    accept: { ...LINUX_ACCEPT },
    memory: { availableBytes: sample.memory.availableBytes, totalBytes: sample.memory.totalBytes },
    swap: { freeBytes: sample.memory.swapFreeBytes, totalBytes: sample.memory.swapTotalBytes },
    daemons: DAEMONS.map((d) => ({ ...d })),
    guests: { current: 0, max: 0 },
  };
}
