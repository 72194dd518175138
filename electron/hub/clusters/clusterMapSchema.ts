import { z } from 'zod';
import { isHost } from './sshSettingsSchema';

/**
 * What the hub reads of an agent's `cluster.map` answer: the path (for messages) and the
 * numbered nodes, whose hosts become saved nodes. The node count is checked by the caller,
 * with a sentence of its own.
 */
export const clusterMapSchema = z.object({
  path: z.string().min(1).max(4096),
  nodes: z
    .array(
      z.object({
        // MOSIX node numbers are 1-65535; they become node ids (n<number>).
        number: z.number().int().min(1).max(65535),
        host: z.string().max(255).refine(isHost, 'must be a host name or an IP address'),
      }),
    )
    .refine((nodes) => new Set(nodes.map((n) => n.number)).size === nodes.length, 'two nodes have the same number'),
});
