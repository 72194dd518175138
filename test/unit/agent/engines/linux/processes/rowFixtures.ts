import type { ProcSample } from '../../../../../../agent/src/engines/linux/processes/sample';
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

/** A user's `sleep 600` on pts/0, as the scanner would hand it over. */
export const SLEEP_SAMPLE: ProcSample = {
  pid: 4242,
  ppid: 4000,
  sid: 4000,
  comm: 'sleep',
  state: 'S',
  flags: 0x400000,
  uid: 1000,
  user: 'alice',
  cpuPercent: 0,
  cpuTimeMs: 20,
  rssBytes: 1_818_624,
  ttyNr: 34816,
  startedAt: 1_795_252_000_000,
  startTicks: 230_186,
  command: 'sleep 600',
};
