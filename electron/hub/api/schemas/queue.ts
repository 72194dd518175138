import { z } from 'zod';
import type { QueueRequests } from '../../../api';
import { id, type SchemasOf } from './common';

export const queueSchemas: SchemasOf<keyof QueueRequests> = {
  'queue.list': z.strictObject({ clusterId: id }),
};
