import type { ProcAnnotations, ProcFacts } from './annotations';
import type { JobCgroups } from './control/cgroupFreezer';
import type { FreezeRegistry } from './control/freezeRegistry';
import type { JobStore } from './jobs/jobStore';
import type { StoredRun } from './jobs/storedRun';

/**
 * The agent's records as the process view sees them. A job's processes share its launcher's
 * session id, so one map lookup per process finds the run; the launcher itself is listed as
 * part of its run too, so the view shows what holds the exit status.
 */
export function agentAnnotations(
  store: JobStore,
  freezes: FreezeRegistry,
  cgroups: JobCgroups | null,
): ProcAnnotations {
  let cachedAt = -1;
  let refreshedAt = 0;
  let bySession = new Map<number, StoredRun>();
  const runsBySession = (): Map<number, StoredRun> => {
    // A scan asks once per process: look at the launchers' files at most twice a second.
    if (Date.now() - refreshedAt > 500) {
      store.refresh();
      refreshedAt = Date.now();
    }
    if (cachedAt !== store.generation) {
      bySession = new Map(
        store
          .active()
          .filter((r) => r.record.supervisorPid > 0)
          .map((r) => [r.record.supervisorPid, r]),
      );
      cachedAt = store.generation;
    }
    return bySession;
  };
  const frozenProcesses = (run: StoredRun): number => {
    if (!run.record.cgroup || !cgroups) return run.stoppedPids.length;
    try {
      return cgroups.pids(run.record.cgroup).filter((p) => p !== run.record.supervisorPid).length;
    } catch {
      return 0;
    }
  };
  return {
    forProcess(pid, sid, startTicks): ProcFacts {
      const runs = runsBySession();
      const run = runs.get(sid) ?? runs.get(pid);
      const ownFreeze = freezes.lookup(pid, startTicks);
      if (!run) return { job: null, freeze: ownFreeze };
      return { job: run.record, freeze: run.record.freeze ?? ownFreeze };
    },
    /** Frozen counts processes, as `mon` does: each frozen run's members plus single frozen processes. */
    counts() {
      store.refresh();
      const active = store.active();
      const frozenInRuns = active
        .filter((r) => r.record.state === 'frozen')
        .reduce((n, r) => n + frozenProcesses(r), 0);
      return {
        frozen: freezes.count() + frozenInRuns,
        mosixLocal: active.filter((r) => r.record.state === 'running').length,
      };
    },
  };
}
