import { z } from 'zod';
import type { TrustRequests } from '../../../api';
import { id, noParams, type SchemasOf } from './common';

export const trustSchemas: SchemasOf<keyof TrustRequests> = {
  'hostkeys.pending': noParams,
  'hostkeys.answer': z.strictObject({ promptId: id, accept: z.boolean() }),
  'hostkeys.forget': z.strictObject({ clusterId: id, nodeId: id }),
};
