import type { Engine } from '../engines/engine';
import type { AgentNotifications } from '../protocol/methods';

export interface Logger {
  info(message: string): void;
  error(message: string, err?: unknown): void;
}

/** What a handler may touch: the session's state, the node's engine and the way back to the hub. */
export interface Ctx {
  greeted: boolean;
  readonly log: Logger;
  readonly engine: Engine;
  readonly subscriptions: Map<string, { stop(): void; nudge?(): void }>;
  /** Per-session state a handler group keeps between calls (e.g. the previous metrics sample). */
  readonly session: Map<string, unknown>;
  notify<N extends keyof AgentNotifications>(method: N, params: AgentNotifications[N]): void;
  /** False while the hub is not reading our output; streams skip their tick then. */
  canWrite(): boolean;
}
