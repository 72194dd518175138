import { z } from 'zod';
import type { QueueOp, Signal, TaskAction, TaskTarget, TasksRequests } from '../../../api';
import { id, type SchemasOf } from './common';

const QUEUE_OPS = ['delete', 'run', 'cngpri', 'advance', 'retard'] as const satisfies readonly QueueOp[];
const SIGNALS = ['TERM', 'KILL', 'HUP', 'INT', 'STOP', 'CONT', 'USR1', 'USR2'] as const satisfies readonly Signal[];

/** The kernel's PID_MAX_LIMIT; 0 and negative pids would address process groups in kill(2). */
const pid = z.number().int().min(1).max(4_194_304);
const jobId = z.number().int().min(0).max(2_147_483_647);
const userName = z.string().regex(/^[a-z_][a-z0-9_.-]{0,31}\$?$/i, 'must be a user name such as "alice"');

export const taskActionSchema: z.ZodType<TaskAction> = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('freeze') }),
  z.strictObject({ kind: z.literal('continue') }),
  z.strictObject({ kind: z.literal('signal'), signal: z.enum(SIGNALS) }),
  z.strictObject({ kind: z.literal('migrate'), to: id }),
  z.strictObject({ kind: z.literal('home') }),
  z.strictObject({ kind: z.literal('checkpoint'), then: z.enum(['continue', 'stop', 'exit']) }),
  z
    .strictObject({
      kind: z.literal('queue'),
      op: z.enum(QUEUE_OPS),
      priority: z.number().int().min(0).max(1000).optional(),
    })
    .refine((a) => (a.op === 'cngpri') === (a.priority !== undefined), {
      message: 'a priority goes with "cngpri" only, and "cngpri" needs one',
    }),
]);

export const taskTargetSchema: z.ZodType<TaskTarget> = z.union([
  z.strictObject({ pid }),
  z.strictObject({ jobId, user: userName.optional() }),
]);

/** A selection of many processes is many items; more than this in one call is a bug, not a use. */
export const MAX_TASK_ITEMS = 5000;

export const tasksSchemas: SchemasOf<keyof TasksRequests> = {
  'tasks.start': z.strictObject({
    clusterId: id,
    items: z
      .array(
        z.strictObject({
          nodeId: id,
          target: taskTargetSchema,
          action: taskActionSchema,
          // A command line may be as long as Linux allows (MAX_ARG_STRLEN); the record keeps its start.
          command: z.string().max(131_072).optional(),
        }),
      )
      .min(1, 'there is nothing to do')
      .max(MAX_TASK_ITEMS),
  }),
  'tasks.list': z.strictObject({ limit: z.number().int().min(1).max(2000).optional() }),
  'tasks.seen': z.strictObject({ taskIds: z.array(id).max(2000) }),
};
