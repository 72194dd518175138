import type { EventName, HubEvents } from '../../api';

/** A stream a connection started. */
export interface Subscription {
  stop(): void;
  /** Follows its cluster after nodes were added or forgotten. */
  sync(): void;
}

/** One window (IPC) or one browser tab (WebSocket) talking to the hub. */
export interface ConnectionState {
  readonly emit: <E extends EventName>(event: E, payload: HubEvents[E]) => void;
  /** Streams this connection started, stopped when it closes. */
  readonly subscriptions: Map<string, Subscription>;
  /**
   * True while the transport holds more unsent data than it should (a browser tab that is not
   * reading): streams that must not drop hold back instead. Absent over Electron IPC.
   */
  readonly isBehind?: () => boolean;
}
