/** The agents' job records and output, checked: the agent's word is data. */
import { z } from 'zod';
import type { JobOutput, JobRecord } from '../../api';
import type { AgentClient } from '../agents/agentClient';
import { HubError } from '../errors';
import { describeIssue } from '../store/jsonFile';

const text = (max: number) => z.string().max(max);
const nullableInt = z.number().int().nullable();

const recordSchema: z.ZodType<JobRecord> = z.looseObject({
  runId: text(64),
  jobId: z.number().int().min(0),
  user: text(64),
  uid: z.number().int().min(0),
  argv: z.array(text(65_536)).min(1).max(4096),
  cwd: text(4096),
  envNames: z.array(text(128)).max(4096),
  memMb: z.number().min(0).nullable(),
  dueAt: z.number().nullable(),
  startedAt: z.number(),
  pid: z.number().int().min(1).nullable(),
  supervisorPid: z.number().int().min(1),
  cgroup: text(4096).nullable(),
  state: z.enum(['starting', 'running', 'frozen', 'exited', 'lost']),
  freeze: z.looseObject({}).nullable() as unknown as z.ZodType<JobRecord['freeze']>,
  exit: z.looseObject({ code: nullableInt, signal: text(32).nullable(), at: z.number() }).nullable(),
  stdoutPath: text(4096),
  stderrPath: text(4096),
});

const outputSchema: z.ZodType<JobOutput> = z.looseObject({
  runId: text(64),
  stream: z.enum(['stdout', 'stderr']),
  offset: z.number().int().min(0),
  data: text(4 * 1024 * 1024),
  nextOffset: z.number().int().min(0),
  sizeBytes: z.number().int().min(0),
  ended: z.boolean(),
});

function checked<T>(schema: z.ZodType<T>, value: unknown, nodeName: string, what: string): T {
  const result = schema.safeParse(value);
  if (!result.success)
    throw new HubError('internal', `${nodeName} sent ${what} that is not valid (${describeIssue(result.error)}).`);
  return result.data;
}

export async function readJobs(client: AgentClient, nodeName: string, timeoutMs: number): Promise<JobRecord[]> {
  const list = await client.request('jobs.list', {}, timeoutMs);
  return checked(z.array(recordSchema).max(100_000), list, nodeName, 'a job list');
}

export const checkJobRecord = (value: unknown, nodeName: string): JobRecord =>
  checked(recordSchema, value, nodeName, 'a job record');

export const checkJobOutput = (value: unknown, nodeName: string): JobOutput =>
  checked(outputSchema, value, nodeName, 'job output');
