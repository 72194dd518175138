import { z } from 'zod';
import type { AgentNotifications } from '../../../agent/src/protocol/methods';
import type { Capability, CapabilityName, Hello } from '../../../agent/src/protocol/types';

/**
 * What the hub checks of an agent's answers before it uses them: a node sends data, never
 * trusted data (a damaged or hostile agent must not crash the hub or feed it nonsense).
 * Objects are not strict, so an agent may add fields; what the hub reads must be right.
 */

const shortText = z.string().max(1000);
const capability: z.ZodType<Capability> = z.union([z.literal(true), shortText]);

const capabilities: z.ZodType<Record<CapabilityName, Capability>> = z.object({
  monitor: capability,
  processes: capability,
  freeze: capability,
  signal: capability,
  run: capability,
  migrate: capability,
  checkpoint: capability,
  queue: capability,
  grid: capability,
});

export const helloSchema: z.ZodType<Hello> = z.object({
  protocolVersion: z.number().int().min(0),
  agentVersion: z.string().min(1).max(100),
  engine: z.enum(['linux', 'mosix']),
  engineReason: shortText,
  node: z.object({
    hostname: z.string().min(1).max(255),
    addresses: z.array(z.string().max(100)).max(256),
    kernel: shortText,
    cpuModel: shortText,
    cpuCount: z.number().int().min(0),
  }),
  user: z.object({ name: z.string().max(256), uid: z.number().int().min(0), isRoot: z.boolean() }),
  jobFreezeMethod: z.enum(['cgroup', 'sigstop']),
  capabilities,
});

const subscriptionId = z.string().min(1).max(64);

/** Each notification's params. A sample or a change set is checked for its shape, not field by field. */
export const notificationSchemas = {
  metrics: z.object({ subscriptionId, sample: z.looseObject({ at: z.number() }) }),
  procs: z.object({
    subscriptionId,
    changes: z.looseObject({
      at: z.number(),
      full: z.boolean(),
      upserted: z.array(z.looseObject({ pid: z.number().int() })),
      removed: z.array(z.number().int()),
    }),
  }),
} satisfies Record<keyof AgentNotifications, z.ZodType>;

export function isNotificationMethod(method: string): method is keyof AgentNotifications {
  return Object.hasOwn(notificationSchemas, method);
}

/** An agent's JSON-RPC error object, as far as the hub uses it. */
export const rpcErrorSchema = z.object({
  code: z.number().int(),
  message: z.string().max(4096),
  data: z.unknown().optional(),
});
