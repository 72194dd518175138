/**
 * What a handler may ask of the node, whatever runs on it. The linux engine answers from /proc
 * and its own job records; the mosix engine drives the MOSIX tools. Handlers see only this.
 */
import type { ClusterMap } from '../protocol/clusterMapTypes';
import type { ActionResult, JobOutput, JobRecord } from '../protocol/jobTypes';
import type { Params } from '../protocol/methods';
import type { MetricsSample, NodeStatus } from '../protocol/metricsTypes';
import type { ProcRow } from '../protocol/procTypes';
import type { QueueActionResult, QueueList } from '../protocol/queueTypes';
import type {
  AgentUser,
  Capability,
  CapabilityName,
  Engine as EngineName,
  FreezeMethod,
  NodeIdentity,
} from '../protocol/types';
import type { ProcAnnotations } from './linux/annotations';
import type { ProcFilter } from './linux/processes/filters';

export type Target = Params<'proc.freeze'>;

/** A process table read again and again (a session's list, a stream's ticks): it keeps its CPU% baseline. */
export interface ProcReader {
  read(filter: ProcFilter): Promise<{ at: number; rows: ProcRow[] }>;
  close(): void;
}

/** Metrics read again and again; rates cover the time since this reader's previous sample. */
export interface MetricsReader {
  sample(disks: readonly string[]): Promise<MetricsSample>;
}

/** The `mosctl status` / `localstatus` fields; util compares with this reader's previous read. */
export interface StatusReader {
  read(): Promise<NodeStatus>;
}

export interface EngineControl {
  freeze(target: Target): Promise<ActionResult>;
  continue(target: Target): Promise<ActionResult>;
  signal(target: Target, signal: NodeJS.Signals): Promise<ActionResult>;
  migrate(target: Target, to: string): Promise<ActionResult>;
  checkpoint(target: Target, then: Params<'proc.checkpoint'>['then']): Promise<ActionResult>;
}

export interface EngineJobs {
  run(params: Params<'job.run'>): Promise<JobRecord>;
  list(includeEnded: boolean): JobRecord[];
  output(params: Params<'job.output'>): Promise<JobOutput>;
  forget(runId: string): { removed: boolean };
}

export interface EngineQueue {
  list(): Promise<QueueList>;
  act(params: Params<'queue.act'>): Promise<QueueActionResult>;
}

export interface Engine {
  readonly name: EngineName;
  /** Why this engine runs on this node, for `hello` ("MOSIX runs: mosctl status says ..."). */
  readonly reason: string;
  readonly user: AgentUser;
  readonly jobFreezeMethod: FreezeMethod;
  /** Job and freeze records, for the process counts of the metrics. */
  readonly annotations: ProcAnnotations;
  capabilities(): Record<CapabilityName, Capability>;
  identity(): Promise<NodeIdentity>;
  metrics(): MetricsReader;
  status(): StatusReader;
  /** `stream`: a reader for a stream's ticks, which may keep more between reads. */
  processes(use: 'list' | 'stream'): ProcReader;
  readonly control: EngineControl;
  readonly jobs: EngineJobs;
  readonly queue: EngineQueue;
  clusterMap(): Promise<ClusterMap>;
}
