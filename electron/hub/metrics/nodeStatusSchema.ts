import { z } from 'zod';
import type { NodeStatus } from '../../api';

/**
 * What the hub checks of an agent's `status.read` answer before a window shows it: a node
 * sends data, never trusted data. Every field the window reads is checked for type and bounds;
 * objects are not strict, so a newer agent may add fields.
 */
const text = z.string().max(1000);
const figure = z.number().finite().min(0);
const count = z.number().int().min(0);

export const nodeStatusSchema: z.ZodType<NodeStatus> = z.object({
  status: text,
  load: figure,
  loadPerCpu: figure,
  speed: z.object({
    perCpuMhz: figure,
    totalMhz: figure,
    source: z.enum(['cpufreq', 'cpuinfo', 'unknown']),
  }),
  cpus: count,
  frozen: count,
  utilPercent: z.number().finite().min(0).max(100).nullable(),
  avail: z.boolean(),
  procs: count,
  accept: z.object({ yes: z.boolean(), reason: text }),
  memory: z.object({ availableBytes: figure, totalBytes: figure }),
  swap: z.object({ freeBytes: figure, totalBytes: figure }),
  daemons: z
    .array(
      z.object({
        name: z.string().min(1).max(100),
        state: z.enum(['up', 'down', 'not-applicable']),
        reason: text.optional(),
      }),
    )
    .max(64),
  guests: z.object({ current: count, max: count }),
});
