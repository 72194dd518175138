import type { StoredRun } from '../jobs/storedRun';
import { ProcFiles } from '../processes/procFiles';
import { readProcIdentity } from '../procIdentity';
import type { JobCgroups } from './cgroupFreezer';

/**
 * The live processes of a run, without its launcher (signalling the launcher would lose the
 * exit status). With a cgroup the kernel's list is exact; without one, the run's processes are
 * those in the launcher's session (a process that calls setsid() itself escapes this).
 */
export function runMembers(run: StoredRun, cgroups: JobCgroups | null): number[] {
  const supervisor = run.record.supervisorPid;
  if (run.record.cgroup && cgroups) {
    try {
      return cgroups.pids(run.record.cgroup).filter((p) => p !== supervisor);
    } catch {
      return [];
    }
  }
  return new ProcFiles().pids().filter((pid) => pid !== supervisor && readProcIdentity(pid)?.sid === supervisor);
}
