import { userInfo } from 'node:os';
import type { AgentUser, FreezeMethod } from '../../protocol/types';
import type { Logger } from '../../server/context';
import type { ProcAnnotations } from './annotations';
import type { JobCgroups } from './control/cgroupFreezer';
import { agentAnnotations } from './agentAnnotations';
import { noAnnotations } from './annotations';
import { detectJobCgroups } from './control/cgroupFreezer';
import { FreezeRegistry } from './control/freezeRegistry';
import { JobControl } from './control/jobControl';
import { JobStore } from './jobs/jobStore';
import { openJobStoreOf } from './jobs/otherUserJobs';
import { defaultStateDir, ensurePrivateDir } from './stateDir';
import { parseMemInfo } from '../../parsers/meminfo';
import { readProcText, PROC } from './procfs';
import { UserNames } from './processes/userNames';

export interface JobServices {
  store: JobStore;
  freezes: FreezeRegistry;
  control: JobControl;
}

/** The linux engine's long-lived parts, shared by every session for the life of the agent. */
export interface LinuxServices {
  readonly user: AgentUser;
  readonly jobFreezeMethod: FreezeMethod;
  readonly cgroups: JobCgroups | null;
  /** Job and freeze records, for process rows and counts. */
  readonly annotations: ProcAnnotations;
  /** Jobs and job control, or the sentence saying why they are unavailable on this node. */
  readonly jobs: JobServices | string;
  userName(uid: number): string;
  /** Bytes the node can give new work now (MemAvailable). */
  availableMemory(): Promise<number>;
}

function currentUser(): AgentUser {
  const uid = process.getuid?.() ?? -1;
  return { name: userInfo().username, uid, isRoot: uid === 0 };
}

/** The linux engine's long-lived parts: who we are, the job records, the freezer. */
export async function createLinuxServices(log: Logger): Promise<LinuxServices> {
  const user = currentUser();
  const cgroupsOrReason = detectJobCgroups();
  const cgroups = typeof cgroupsOrReason === 'string' ? null : cgroupsOrReason;
  const jobFreezeMethod: FreezeMethod = cgroups ? 'cgroup' : 'sigstop';
  if (!cgroups) log.info(`jobs are frozen with SIGSTOP: ${cgroupsOrReason as string}`);
  const stateDir = defaultStateDir();
  const names = new UserNames((err) => log.error('cannot read /etc/passwd; other users show as numbers', err));
  const userName = (uid: number): string => {
    names.beginScan();
    return uid === user.uid ? user.name : names.name(uid);
  };
  const base = { user, jobFreezeMethod, cgroups, userName };
  try {
    ensurePrivateDir(stateDir);
    const store = new JobStore(stateDir, log, (run) => {
      if (run.record.cgroup) cgroups?.remove(run.record.cgroup);
    });
    store.load();
    const freezes = new FreezeRegistry(stateDir, log);
    freezes.load();
    const storeOf = (name: string): JobStore => openJobStoreOf(name, log);
    const control = new JobControl({ ...base, store, storeOf, freezes });
    return {
      ...base,
      annotations: agentAnnotations(store, freezes, cgroups),
      jobs: { store, freezes, control },
      availableMemory,
    };
  } catch (err) {
    const reason = `the agent's state directory ${stateDir} cannot be used (${(err as Error).message})`;
    log.error(reason);
    return { ...base, annotations: noAnnotations, jobs: reason, availableMemory };
  }
}

async function availableMemory(): Promise<number> {
  return parseMemInfo(await readProcText(PROC.meminfo)).availableBytes;
}
