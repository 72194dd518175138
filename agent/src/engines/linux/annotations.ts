import type { JobRecord } from '../../protocol/jobTypes';
import type { FreezeInfo } from '../../protocol/procTypes';

/** What the agent itself knows about a process beyond /proc: the job it belongs to, who froze it. */
export interface ProcFacts {
  job: JobRecord | null;
  freeze: FreezeInfo | null;
}

/**
 * The agent's own records, as the process view and the metrics read them. Implemented by the
 * job store and the freeze registry; `startTicks` (field 22 of /proc/<pid>/stat) guards against
 * a recycled pid inheriting another process's record.
 */
export interface ProcAnnotations {
  /** Facts for one process; `sid` is its session id, which a job's processes share. */
  forProcess(pid: number, sid: number, startTicks: number): ProcFacts;
  /** Frozen processes and running jobs, for the metrics' MOSIX-style counts. */
  counts(): { frozen: number; mosixLocal: number };
}

/** For tests and for nodes where the state directory cannot be read: nothing is known. */
export const noAnnotations: ProcAnnotations = {
  forProcess: () => ({ job: null, freeze: null }),
  counts: () => ({ frozen: 0, mosixLocal: 0 }),
};
