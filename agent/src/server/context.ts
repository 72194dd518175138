import type { AgentNotifications } from '../protocol/methods';

export interface Logger {
  info(message: string): void;
  error(message: string, err?: unknown): void;
}

/** What a handler may touch: the session's state and the way back to the hub. */
export interface Ctx {
  greeted: boolean;
  readonly log: Logger;
  readonly subscriptions: Map<string, { stop(): void }>;
  notify<N extends keyof AgentNotifications>(method: N, params: AgentNotifications[N]): void;
  /** False while the hub is not reading our output; streams skip their tick then. */
  canWrite(): boolean;
}
