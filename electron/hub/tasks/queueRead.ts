/** Reads a node's view of the cluster's MOSIX queue (`queue.list`), checked: the agent's word is data. */
import { z } from 'zod';
import type { QueueEntry } from '../../api';
import type { AgentClient } from '../agents/agentClient';
import { HubError } from '../errors';
import { describeIssue } from '../store/jsonFile';

/** More than MOSIX's own limit (about 30,000 processes for all users) is not a queue. */
const MAX_JOBS = 40_000;

const text = (max: number) => z.string().max(max);
const entrySchema: z.ZodType<QueueEntry> = z.looseObject({
  position: z.number().int().min(1),
  pid: z.number().int().min(1),
  user: text(64),
  memMb: z.number().min(0).nullable(),
  grid: z.boolean(),
  priority: z.number().int().min(0).nullable(),
  running: z.boolean(),
  from: text(256),
  jobId: z.number().int().min(0).nullable(),
  command: text(8192),
  seenSince: z.number().int().min(0),
});
const listSchema = z.looseObject({
  at: z.number(),
  jobs: z.array(entrySchema).max(MAX_JOBS),
  problems: z.array(text(2000)).max(1000),
});

export type CheckedQueue = z.infer<typeof listSchema>;

export async function readQueue(client: AgentClient, nodeName: string, timeoutMs: number): Promise<CheckedQueue> {
  const checked = listSchema.safeParse(await client.request('queue.list', {}, timeoutMs));
  if (!checked.success) {
    throw new HubError('internal', `${nodeName} sent a queue that is not valid (${describeIssue(checked.error)}).`);
  }
  return checked.data;
}
