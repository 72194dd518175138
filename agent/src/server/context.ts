import type { ProcAnnotations } from '../engines/linux/annotations';
import type { JobCgroups } from '../engines/linux/control/cgroupFreezer';
import type { FreezeRegistry } from '../engines/linux/control/freezeRegistry';
import type { JobControl } from '../engines/linux/control/jobControl';
import type { JobStore } from '../engines/linux/jobs/jobStore';
import type { AgentNotifications } from '../protocol/methods';
import type { AgentUser, FreezeMethod } from '../protocol/types';

export interface Logger {
  info(message: string): void;
  error(message: string, err?: unknown): void;
}

export interface JobServices {
  store: JobStore;
  freezes: FreezeRegistry;
  control: JobControl;
}

/** Long-lived parts of the engine that handlers share for the life of the agent process. */
export interface AgentServices {
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

/** What a handler may touch: the session's state and the way back to the hub. */
export interface Ctx {
  greeted: boolean;
  readonly log: Logger;
  readonly services: AgentServices;
  readonly subscriptions: Map<string, { stop(): void; nudge?(): void }>;
  /** Per-session state a handler group keeps between calls (e.g. the previous metrics sample). */
  readonly session: Map<string, unknown>;
  notify<N extends keyof AgentNotifications>(method: N, params: AgentNotifications[N]): void;
  /** False while the hub is not reading our output; streams skip their tick then. */
  canWrite(): boolean;
}
