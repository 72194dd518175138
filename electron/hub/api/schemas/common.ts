import { z } from 'zod';
import type { Method, Params } from '../../../api';

/** A group's params schemas, each typed against its method's params, not only keyed by it. */
export type SchemasOf<K extends Method> = { [M in K]: z.ZodType<Params<M>> };

export const noParams = z.strictObject({});
export const id = z.string().min(1).max(200);
