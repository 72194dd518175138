/**
 * The hub API: one typed contract of requests and events between the renderer and the hub.
 * Electron IPC carries it in the desktop app, a WebSocket in browser mode; the renderer
 * never sees which. The methods and events live in per-domain groups under api/; this file
 * joins them. Nothing here imports from hub/, and there is no runtime code beyond the name tables.
 */
import type { Hello, MetricsSample } from '../agent/src/protocol/types';
import { APP_EVENTS, APP_METHODS, type AppEvents, type AppRequests } from './api/app';
import { CLUSTER_EVENTS, CLUSTER_METHODS, type ClusterEvents, type ClusterRequests } from './api/clusters';
import { CONFIG_EVENTS, CONFIG_METHODS, type ConfigEvents, type ConfigRequests } from './api/config';
import { JOBS_EVENTS, JOBS_METHODS, type JobsEvents, type JobsRequests } from './api/jobs';
import { METRICS_EVENTS, METRICS_METHODS, type MetricsEvents, type MetricsRequests } from './api/metrics';
import { PROCS_EVENTS, PROCS_METHODS, type ProcsEvents, type ProcsRequests } from './api/processes';
import { QUEUE_EVENTS, QUEUE_METHODS, type QueueEvents, type QueueRequests } from './api/queue';
import { TASKS_EVENTS, TASKS_METHODS, type TasksEvents, type TasksRequests } from './api/tasks';
import { TRUST_EVENTS, TRUST_METHODS, type TrustEvents, type TrustRequests } from './api/trust';

export type { Hello, MetricsSample };
export type * from './api/app';
export type * from './api/clusters';
export type * from './api/common';
export type * from './api/config';
export type * from './api/jobs';
export type * from './api/metrics';
export type * from './api/processes';
export type * from './api/queue';
export type * from './api/tasks';
export type * from './api/trust';
export { HISTORY_FIELDS, HISTORY_READERS } from './api/metrics';

export interface HubRequests
  extends
    AppRequests,
    ClusterRequests,
    TrustRequests,
    MetricsRequests,
    ProcsRequests,
    QueueRequests,
    JobsRequests,
    TasksRequests,
    ConfigRequests {}
export interface HubEvents
  extends
    AppEvents,
    ClusterEvents,
    TrustEvents,
    MetricsEvents,
    ProcsEvents,
    QueueEvents,
    JobsEvents,
    TasksEvents,
    ConfigEvents {}

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

/** Runtime name tables, one per group: each group's `satisfies` fails the build if one is missing or extra. */
export const METHODS = {
  ...APP_METHODS,
  ...CLUSTER_METHODS,
  ...TRUST_METHODS,
  ...METRICS_METHODS,
  ...PROCS_METHODS,
  ...QUEUE_METHODS,
  ...JOBS_METHODS,
  ...TASKS_METHODS,
  ...CONFIG_METHODS,
} as const satisfies Record<Method, 1>;
export const EVENTS = {
  ...APP_EVENTS,
  ...CLUSTER_EVENTS,
  ...TRUST_EVENTS,
  ...METRICS_EVENTS,
  ...PROCS_EVENTS,
  ...QUEUE_EVENTS,
  ...JOBS_EVENTS,
  ...TASKS_EVENTS,
  ...CONFIG_EVENTS,
} as const satisfies Record<EventName, 1>;

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
