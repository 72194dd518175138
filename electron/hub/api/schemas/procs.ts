import { z } from 'zod';
import type { ProcsRequests } from '../../../api';
import { id, type SchemasOf } from './common';

/** As the agent checks them (agent/src/protocol/schemaKit), so a bad filter is refused here, not there. */
const jobId = z.number().int().min(0).max(2_147_483_647);
const userName = z.string().regex(/^[a-z_][a-z0-9_.-]{0,31}\$?$/i, 'must be a user name such as "alice"');

const filter = z.strictObject({
  nodeIds: z.array(id).min(1).max(1024).optional(),
  scope: z.enum(['all', 'local', 'away', 'guests', 'jobs']).optional(),
  jobId: jobId.optional(),
  user: userName.optional(),
});

export const procsSchemas: SchemasOf<keyof ProcsRequests> = {
  'procs.subscribe': z.strictObject({ clusterId: id, filter: filter.optional() }),
  'procs.unsubscribe': z.strictObject({ subscriptionId: id }),
  'procs.resync': z.strictObject({ subscriptionId: id }),
};
