import type { ProcRow } from '../../../../../../agent/src/protocol/procTypes';

/** A native row with the given changes: the shape every filter and diff test starts from. */
export function row(changes: Partial<ProcRow> & { pid: number }): ProcRow {
  return {
    ppid: 1,
    user: 'alice',
    uid: 1000,
    state: 'S',
    cpuPercent: 0,
    cpuTimeMs: 0,
    rssBytes: 4096,
    tty: null,
    startedAt: 1_795_252_000_000,
    command: 'sleep 600',
    where: 'here',
    from: 'here',
    class: 'native',
    frz: '-',
    freeze: null,
    dueAt: null,
    nmigs: null,
    origPid: null,
    jobId: null,
    runId: null,
    ...changes,
  };
}

/** A row of a job the agent started. */
export function jobRow(pid: number, jobId: number, runId: string, user = 'alice'): ProcRow {
  return row({ pid, user, class: 'local', jobId, runId, nmigs: 0, origPid: pid });
}
