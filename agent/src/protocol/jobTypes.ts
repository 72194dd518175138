/** Jobs the agent starts (what `mosrun` does on one node) and the results of job-control actions. */
import type { FreezeInfo } from './procTypes';

export type JobState = 'starting' | 'running' | 'frozen' | 'exited' | 'lost';

export interface JobExit {
  /** Exit code, or null when a signal ended it. */
  code: number | null;
  /** Signal name ("SIGKILL"), or null. */
  signal: string | null;
  at: number;
}

/** One run, as kept in the agent's state directory; records survive agent restarts. */
export interface JobRecord {
  /** Unique per run; a Job ID (mosrun -J) may be shared by many runs. */
  runId: string;
  jobId: number;
  user: string;
  uid: number;
  argv: string[];
  cwd: string;
  /** Names only: values may hold secrets and are never written to disk. */
  envNames: string[];
  /** Declared memory need (mosrun -m), MB. */
  memMb: number | null;
  /** Expected completion (mosrun -D), ms since the epoch. */
  dueAt: number | null;
  startedAt: number;
  /** The program's pid; null until the launcher reported it. */
  pid: number | null;
  /** The launcher that waits for the program and records its exit status. */
  supervisorPid: number;
  /** The cgroup the job runs in, when the node has a cgroup v2 freezer for it. */
  cgroup: string | null;
  state: JobState;
  freeze: FreezeInfo | null;
  exit: JobExit | null;
  stdoutPath: string;
  stderrPath: string;
}

/** What a job-control action did. Processes that are already gone are not errors. */
export interface ActionResult {
  /** Processes the action was applied to. */
  pids: number[];
  /** The method used (freeze/continue only). */
  method?: 'cgroup' | 'sigstop' | 'signal';
}

export interface JobOutput {
  runId: string;
  stream: 'stdout' | 'stderr';
  offset: number;
  /** UTF-8 text; a multi-byte character cut at the end is held back until the next read. */
  data: string;
  nextOffset: number;
  sizeBytes: number;
  /** True when the job has ended, so the file will not grow any more. */
  ended: boolean;
}
