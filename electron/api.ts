/**
 * The hub API: one typed contract of requests and events between the renderer and the hub.
 * Electron IPC carries it in the desktop app, a WebSocket in browser mode; the renderer
 * never sees which. This file imports nothing from hub/ and holds no runtime code beyond
 * the name tables.
 */
import type { Hello, MetricsSample } from '../agent/src/protocol/types';

export type { Hello, MetricsSample };

/** Requests that take no parameters are sent with `{}`. */
export type NoParams = Record<string, never>;

/** Where the hub is in talking to a node's agent. */
export type NodeState = 'connecting' | 'up' | 'dead' | 'error';

export interface NodeView {
  /** Stable within its cluster. */
  id: string;
  /** What the user calls it: a host name, or the machine's own name for "This computer". */
  name: string;
  state: NodeState;
  /** Why the node is dead or in error, in a sentence; absent when up. */
  reason?: string;
  /** Since when the node has been in its current state, ms since the epoch. */
  since: number;
  /** The agent's `hello`, once it has answered. */
  hello?: Hello;
}

export interface ClusterSummary {
  id: string;
  name: string;
  /** `local`: the workstation itself, agent spawned without SSH. */
  kind: 'local';
  nodes: NodeView[];
}

export interface AppInfo {
  version: string;
  /** Which shell carries the hub API to this window. */
  shell: 'electron' | 'browser';
}

export interface HubRequests {
  'app.info': { params: NoParams; result: AppInfo };
  'clusters.list': { params: NoParams; result: ClusterSummary[] };
  /** Starts `metrics.sample` events for every node of a cluster, every `intervalMs`. */
  'metrics.subscribe': {
    params: { clusterId: string; intervalMs: number };
    result: { subscriptionId: string };
  };
  'metrics.unsubscribe': { params: { subscriptionId: string }; result: { removed: boolean } };
}

export interface HubEvents {
  'metrics.sample': { subscriptionId: string; clusterId: string; nodeId: string; sample: MetricsSample };
  'node.state': { clusterId: string; node: NodeView };
}

export type Method = keyof HubRequests;
export type EventName = keyof HubEvents;
export type Params<M extends Method> = HubRequests[M]['params'];
export type Result<M extends Method> = HubRequests[M]['result'];

/** Stable error codes; the message is a sentence for the user, never a stack. */
export type HubErrorCode = 'bad-request' | 'forbidden' | 'not-found' | 'unavailable' | 'timeout' | 'internal';

export interface HubErrorData {
  code: HubErrorCode;
  message: string;
}

export type Reply<T> = { ok: true; value: T } | { ok: false; error: HubErrorData };

/** Runtime name tables. `satisfies` fails the build if one is missing or extra. */
export const METHODS = {
  'app.info': 1,
  'clusters.list': 1,
  'metrics.subscribe': 1,
  'metrics.unsubscribe': 1,
} as const satisfies Record<Method, 1>;

export const EVENTS = { 'metrics.sample': 1, 'node.state': 1 } as const satisfies Record<EventName, 1>;

export function isMethod(name: unknown): name is Method {
  return typeof name === 'string' && Object.hasOwn(METHODS, name);
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(EVENTS, name);
}

/** What the renderer sees. The preload bridge and the WebSocket client both implement it. */
export interface HubClient {
  call<M extends Method>(method: M, params: Params<M>): Promise<Result<M>>;
  on<E extends EventName>(event: E, cb: (payload: HubEvents[E]) => void): () => void;
}

/**
 * Shape of the messages on the browser-mode WebSocket. The page sends
 * `{ id, method, params }` and gets back one of these.
 */
export type WsServerMessage = { id: number; reply: Reply<unknown> } | { event: EventName; payload: unknown };

/** What the Electron preload exposes as `window.hub`: replies stay as data across the bridge. */
export interface HubBridge {
  call(method: string, params: unknown): Promise<Reply<unknown>>;
  on(event: string, cb: (payload: unknown) => void): () => void;
}
