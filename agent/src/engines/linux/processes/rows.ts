import type { ProcFacts } from '../annotations';
import { PF_KTHREAD } from '../../../parsers/procPidStat';
import { ttyName } from '../../../parsers/ttyName';
import type { FrzCode, ProcRow } from '../../../protocol/procTypes';
import type { ProcSample } from './sample';

/** Who the agent runs as: it can freeze (signal) a process only if it is root or the owner. */
export interface AgentIdentity {
  uid: number;
  euid: number;
}

/** kthreadd's pid: it and its children are kernel threads even where PF_KTHREAD is not shown. */
const KTHREADD = 2;

export function isKernelThread(s: Pick<ProcSample, 'pid' | 'ppid' | 'flags'>): boolean {
  return (s.flags & PF_KTHREAD) !== 0 || s.pid === KTHREADD || s.ppid === KTHREADD;
}

/**
 * FRZ: the agent's freeze record wins; N/A for what the agent cannot stop (kernel threads,
 * zombies, other users' processes when it is not root: kill(2) would refuse); '-' otherwise.
 * Ownership is judged by the effective uid, which is what /proc/<pid> shows; kill(2) compares
 * real and saved uids too, so a setuid process may be refused although it shows '-'.
 */
export function frzOf(s: ProcSample, facts: ProcFacts, agent: AgentIdentity): FrzCode {
  if (facts.freeze) return facts.freeze.code;
  if (isKernelThread(s) || s.state === 'Z' || s.state === 'X') return 'N/A';
  if (agent.euid !== 0 && s.uid !== agent.uid && s.uid !== agent.euid) return 'N/A';
  return '-';
}

/**
 * The mosps row of one process on a linux node: nothing migrates, so WHERE and FROM are "here".
 * A process of a job the agent started is a MOSIX process of class local (DUE from the job,
 * NMIGS 0, ORIGPID its own pid); anything else is native, with no MOSIX columns.
 */
export function buildRow(s: ProcSample, facts: ProcFacts, agent: AgentIdentity): ProcRow {
  const job = facts.job;
  return {
    pid: s.pid,
    ppid: s.ppid,
    user: s.user,
    uid: s.uid,
    state: s.state,
    cpuPercent: s.cpuPercent,
    cpuTimeMs: s.cpuTimeMs,
    rssBytes: s.rssBytes,
    tty: ttyName(s.ttyNr),
    startedAt: s.startedAt,
    command: s.command,
    where: 'here',
    from: 'here',
    class: job ? 'local' : 'native',
    frz: frzOf(s, facts, agent),
    freeze: facts.freeze,
    dueAt: job ? job.dueAt : null,
    nmigs: job ? 0 : null,
    origPid: job ? s.pid : null,
    jobId: job ? job.jobId : null,
    runId: job ? job.runId : null,
  };
}
