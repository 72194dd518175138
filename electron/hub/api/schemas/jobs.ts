import { z } from 'zod';
import type { JobsRequests } from '../../../api';
import { id, type SchemasOf } from './common';

/** As the agent checks job.run (agent/src/protocol/methods), so a bad start is refused here, with the field named. */
const noNul = (s: string) => !s.includes('\0');
const word = (max: number) => z.string().max(max).refine(noNul, 'must not contain a NUL character');
const absolutePath = z
  .string()
  .min(1)
  .max(4096)
  .refine((p) => p.startsWith('/') && noNul(p), 'must be an absolute path such as /home/alice');
const envName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,127}$/, 'must be an environment variable name');
const runId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'must be a run id from jobs.list');

const startFields = {
  cwd: absolutePath,
  env: z.record(envName, word(131_072)).optional(),
  jobId: z.number().int().min(0).max(2_147_483_647).optional(),
  memMb: z.number().int().min(1).max(16_777_216).optional(),
  dueMinutes: z
    .number()
    .int()
    .min(1)
    .max(100 * 24 * 60)
    .optional(),
  mosrun: z.array(word(4096).regex(/^-/, 'each mosrun option starts with "-"')).max(64).optional(),
};
const start = z.strictObject({ argv: z.array(word(65_536)).min(1).max(4096), ...startFields });

/** The most lines in one set: enough for a sweep, bounded so one request cannot hold the hub. */
export const MAX_SET_LINES = 10_000;

export const jobsSchemas: SchemasOf<keyof JobsRequests> = {
  'jobs.list': z.strictObject({ clusterId: id }),
  'jobs.run': z.strictObject({ clusterId: id, nodeId: id, start }),
  'jobs.runSet': z.strictObject({
    clusterId: id,
    nodeId: id,
    lines: z.array(word(65_536).min(1)).min(1).max(MAX_SET_LINES),
    maxJobs: z.number().int().min(1).max(1000),
    start: z.strictObject(startFields),
  }),
  'jobs.output': z.strictObject({
    clusterId: id,
    nodeId: id,
    runId,
    stream: z.enum(['stdout', 'stderr']),
    offset: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  }),
  'jobs.forget': z.strictObject({ clusterId: id, nodeId: id, runId }),
};
