/**
 * The hub API's jobs group: jobs started from mosdesk (the agents' `job.run`), on every node of
 * a cluster, with their output; and sets of command lines (mosrun -S) that the hub runs on one
 * node with at most maxJobs at once.
 */
import type { JobOutput, JobRecord } from '../../agent/src/protocol/jobTypes';

export type { JobExit, JobOutput, JobRecord, JobState } from '../../agent/src/protocol/jobTypes';

/** A job record with the node it runs on. */
export interface ClusterJob extends JobRecord {
  nodeId: string;
  nodeName: string;
}

/** One line of a set and what became of it. */
export interface JobSetLine {
  line: string;
  state: 'waiting' | 'running' | 'done' | 'failed';
  runId?: string;
  /** Exit code (null: ended by a signal); set once the line ended. */
  exitCode?: number | null;
  /** Why the line failed: its exit status, or why it could not start. */
  why?: string;
}

/** A set of command lines (mosrun -S maxjobs) run by the hub on one node. */
export interface JobSet {
  setId: string;
  clusterId: string;
  nodeId: string;
  nodeName: string;
  maxJobs: number;
  startedAt: number;
  endedAt: number | null;
  lines: JobSetLine[];
}

export interface ClusterJobs {
  clusterId: string;
  at: number;
  /** Newest first. */
  jobs: ClusterJob[];
  /** Nodes whose jobs could not be read now, with why. */
  unreachable: { nodeId: string; nodeName: string; reason: string }[];
  sets: JobSet[];
}

/** What `jobs.run` starts on a node, as the agent's `job.run` takes it. */
export interface JobStart {
  argv: string[];
  cwd: string;
  env?: Record<string, string>;
  jobId?: number;
  memMb?: number;
  dueMinutes?: number;
  /** mosrun options (MOSIX nodes only; a linux node refuses them with its reason). */
  mosrun?: string[];
}

export interface JobsRequests {
  'jobs.list': { params: { clusterId: string }; result: ClusterJobs };
  'jobs.run': { params: { clusterId: string; nodeId: string; start: JobStart }; result: ClusterJob };
  /** Runs every line (a program and its arguments) with at most `maxJobs` at once; lines are split as a shell would, without running one. */
  'jobs.runSet': {
    params: {
      clusterId: string;
      nodeId: string;
      lines: string[];
      maxJobs: number;
      start: Omit<JobStart, 'argv'>;
    };
    result: JobSet;
  };
  'jobs.output': {
    params: { clusterId: string; nodeId: string; runId: string; stream: 'stdout' | 'stderr'; offset: number };
    result: JobOutput;
  };
  'jobs.forget': { params: { clusterId: string; nodeId: string; runId: string }; result: { removed: boolean } };
}

// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- no events yet; the renderer polls.
export interface JobsEvents {}

export const JOBS_METHODS = {
  'jobs.list': 1,
  'jobs.run': 1,
  'jobs.runSet': 1,
  'jobs.output': 1,
  'jobs.forget': 1,
} as const satisfies Record<keyof JobsRequests, 1>;
export const JOBS_EVENTS = {} as const satisfies Record<keyof JobsEvents, 1>;
