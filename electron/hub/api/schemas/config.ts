import { z } from 'zod';
import { APPLY_ID, CONFIG_FILE_NAME, MAX_CONFIG_FILE_BYTES } from '../../../../agent/src/protocol/configTypes';
import type { ApplyNodePhase, ConfigRequests } from '../../../api';
import { id, type SchemasOf } from './common';

/** A node's phase in an apply, as the journal and the tasks record keep it. */
export const applyNodePhaseSchema = z.enum([
  'waiting',
  'staging',
  'staged',
  'declined',
  'failed',
  'discarded',
  'switching',
  'switched',
  'unknown',
] as const satisfies readonly ApplyNodePhase[]);

const applyId = z.string().regex(APPLY_ID, 'must be an apply id as config.backups lists them');
const fileText = z
  .string()
  .refine(
    (t) => Buffer.byteLength(t, 'utf8') <= MAX_CONFIG_FILE_BYTES,
    `must be at most ${MAX_CONFIG_FILE_BYTES / 1024} KiB: a configuration file is a few KiB`,
  );

const change = z.strictObject({
  name: z.string().regex(CONFIG_FILE_NAME, 'must be a file of /etc/mosix: mosix.map, partners/<name>, ...'),
  text: fileText.nullable(),
  base: z
    .string()
    .regex(/^[0-9a-f]{64}$/, 'must be the sha256 config.read gave for the file')
    .nullable(),
});

const nodeChanges = z.strictObject({
  nodeId: id,
  changes: z
    .array(change)
    .min(1, 'there is nothing to change on this node')
    .max(64)
    .refine((list) => new Set(list.map((c) => c.name)).size === list.length, 'must name each file once'),
});

/** A cluster of a few hundred nodes is the largest we mean; this bounds a request, not a cluster. */
const MAX_APPLY_NODES = 5000;

export const configSchemas: SchemasOf<keyof ConfigRequests> = {
  'config.read': z.strictObject({ clusterId: id }),
  'config.apply': z.strictObject({
    clusterId: id,
    nodes: z.array(nodeChanges).min(1, 'there is nothing to apply').max(MAX_APPLY_NODES),
  }),
  'config.backups': z.strictObject({ clusterId: id }),
  'config.rollback': z.strictObject({
    clusterId: id,
    backupId: applyId,
    nodeIds: z.array(id).min(1).max(MAX_APPLY_NODES).optional(),
  }),
  'config.applies': z.strictObject({ clusterId: id }),
};
