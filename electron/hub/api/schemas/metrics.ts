import { z } from 'zod';
import type { MetricsRequests } from '../../../api';
import { id, type SchemasOf } from './common';

export const metricsSchemas: SchemasOf<keyof MetricsRequests> = {
  'metrics.subscribe': z.strictObject({ clusterId: id, intervalMs: z.number().int().min(250).max(60_000) }),
  'metrics.unsubscribe': z.strictObject({ subscriptionId: id }),
  'metrics.history': z.strictObject({ clusterId: id, nodeId: id }),
  'metrics.status': z.strictObject({ clusterId: id, nodeId: id }),
};
