/**
 * Every agent method, in one place: its params schema (checked before the handler runs),
 * its result type, and what it does. The hub imports the types; the agent imports the schemas.
 */
import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';
import type { Hello, MetricsSample } from './types';

// zod/mini keeps the agent bundle small (~20 KB instead of ~450 KB for full zod); it ships
// without messages, so load the English ones.
z.config(en());

const strictObject = z.strictObject;
const int = (min: number, max: number) => z.int().check(z.minimum(min), z.maximum(max));

export const paramsSchemas = {
  /** Handshake; must come first and may be re-sent. Fails with VersionMismatch on protocol skew. */
  hello: strictObject({ protocolVersion: int(0, 1_000_000) }),
  /** Liveness probe, so a slow node can be told apart from a dead one. */
  ping: strictObject({}),
  /** One metrics sample read now. */
  'metrics.read': strictObject({}),
  /**
   * Starts a stream: a `metrics` notification every `intervalMs`, each
   * `{ subscriptionId, sample: MetricsSample }`. Sampling pauses while stdout is not drained.
   */
  subscribe: strictObject({
    topic: z.literal('metrics'),
    intervalMs: int(250, 60_000),
  }),
  /** Ends a stream started by `subscribe`. */
  unsubscribe: strictObject({ subscriptionId: z.string().check(z.minLength(1), z.maxLength(64)) }),
} as const;

export type AgentMethod = keyof typeof paramsSchemas;

export interface AgentMethods {
  hello: { params: z.infer<(typeof paramsSchemas)['hello']>; result: Hello };
  ping: { params: z.infer<(typeof paramsSchemas)['ping']>; result: { pong: true; at: number } };
  'metrics.read': { params: z.infer<(typeof paramsSchemas)['metrics.read']>; result: MetricsSample };
  subscribe: {
    params: z.infer<(typeof paramsSchemas)['subscribe']>;
    result: { subscriptionId: string };
  };
  unsubscribe: {
    params: z.infer<(typeof paramsSchemas)['unsubscribe']>;
    result: { removed: boolean };
  };
}

/** Notifications the agent sends without being asked, after `subscribe`. */
export interface AgentNotifications {
  metrics: { subscriptionId: string; sample: MetricsSample };
}

export type Params<M extends AgentMethod> = AgentMethods[M]['params'];
export type Result<M extends AgentMethod> = AgentMethods[M]['result'];
