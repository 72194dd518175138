/**
 * The linux engine: what plain Linux allows. Figures from /proc, processes from /proc (nothing
 * migrates, no guests), job control with signals and the cgroup freezer, jobs the agent starts
 * itself. What needs MOSIX fails with the sentence saying so.
 */
import type { Engine, ProcReader } from '../engine';
import type { Logger } from '../../server/context';
import { unsupported } from '../unsupported';
import { LINUX_REASONS, linuxCapabilities } from './capabilities';
import { readClusterMap } from './clusterMap';
import { readIdentity } from './identity';
import { jobServicesOf, linuxJobs } from './jobsOf';
import { buildNodeStatus, createMetricsSampler } from './metrics';
import { RowCache } from './processes/rowCache';
import { ProcessScanner, type ScanPolicy } from './processes/scanner';
import { readProcTable } from './processes/table';
import type { ProcAnnotations } from './annotations';
import { createLinuxServices, type LinuxServices } from './services';

/**
 * A stream checks a known process's command line and owner every third tick (a third of them
 * each tick): those reads were 40 % of a scan's system calls, and a new title shows within 3 s
 * at 1 Hz. It keeps the stat files open between ticks, which halves the cost of reading them.
 */
const STREAM_POLICY: ScanPolicy = { recheckEvery: 3, keepStatFiles: true };

/** Reads of /proc as mosps rows; a stream's reader keeps rows and stat files between ticks. */
export function procReader(log: Logger, annotations: ProcAnnotations, use: 'list' | 'stream'): ProcReader {
  const scanner = use === 'stream' ? new ProcessScanner(log, {}, STREAM_POLICY) : new ProcessScanner(log);
  const cache = use === 'stream' ? new RowCache() : undefined;
  return {
    read: async (filter) => readProcTable(scanner, annotations, filter, cache),
    close: () => scanner.close(),
  };
}

export interface LinuxEngineOptions {
  /** Why the linux engine was chosen (e.g. "no MOSIX tools on this node"). */
  reason: string;
  /** The MOSIX map to read for `cluster.map` (tests give their own file). */
  mapPath?: string;
}

export function linuxEngineOf(services: LinuxServices, log: Logger, options: LinuxEngineOptions): Engine {
  const { annotations } = services;
  const control = () => jobServicesOf(services).control;
  return {
    name: 'linux',
    reason: options.reason,
    user: services.user,
    jobFreezeMethod: services.jobFreezeMethod,
    annotations,
    capabilities: () => linuxCapabilities(services),
    identity: readIdentity,
    metrics: () => createMetricsSampler(annotations),
    status: () => {
      const sampler = createMetricsSampler(annotations);
      return { read: async () => buildNodeStatus(await sampler.sample([])) };
    },
    processes: (use) => procReader(log, annotations, use),
    control: {
      freeze: (target) => control().freeze(target),
      continue: (target) => control().continue(target),
      signal: (target, signal) => control().signal(target, signal),
      migrate: async () => {
        throw unsupported(LINUX_REASONS.migrate);
      },
      checkpoint: async () => {
        throw unsupported(LINUX_REASONS.checkpoint);
      },
    },
    jobs: linuxJobs(services),
    queue: {
      list: async () => {
        throw unsupported(LINUX_REASONS.queue);
      },
      act: async () => {
        throw unsupported(LINUX_REASONS.queue);
      },
    },
    clusterMap: () => readClusterMap(options.mapPath),
  };
}

export async function createLinuxEngine(log: Logger, options: LinuxEngineOptions): Promise<Engine> {
  return linuxEngineOf(await createLinuxServices(log), log, options);
}
