import { z } from 'zod';
import type { Method } from '../../api';

const noParams = z.strictObject({});
const id = z.string().min(1).max(200);

/** Every hub request's params, checked before a handler sees them. */
export const hubParamsSchemas = {
  'app.info': noParams,
  'clusters.list': noParams,
  'metrics.subscribe': z.strictObject({ clusterId: id, intervalMs: z.number().int().min(250).max(60_000) }),
  'metrics.unsubscribe': z.strictObject({ subscriptionId: id }),
} satisfies Record<Method, z.ZodType>;
