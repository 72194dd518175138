import type { JobRecord } from '../../../protocol/jobTypes';
import * as z from 'zod/mini';
import { issueSentence } from '../../../protocol/issueSentence';

/**
 * A run as kept on disk: the record the hub sees, plus what the agent needs to recognise its
 * processes after a restart (start ticks guard against recycled pids).
 */
export interface StoredRun {
  record: JobRecord;
  supervisorStartTicks: number;
  pidStartTicks: number | null;
  /** Processes of the run stopped with SIGSTOP by a freeze (when the run has no cgroup). */
  stoppedPids: number[];
}

const nullableInt = z.nullable(z.int());
const freeze = z.nullable(
  z.object({
    code: z.enum(['A', 'E', 'M']),
    by: z.string(),
    method: z.enum(['cgroup', 'sigstop']),
    at: z.number(),
  }),
);

/** A record file is input like any other: checked before it is trusted. */
const storedRunSchema = z.object({
  record: z.object({
    runId: z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{0,63}$/)),
    jobId: z.int(),
    user: z.string(),
    uid: z.int(),
    argv: z.array(z.string()),
    cwd: z.string(),
    envNames: z.array(z.string()),
    memMb: nullableInt,
    dueAt: z.nullable(z.number()),
    startedAt: z.number(),
    pid: nullableInt,
    supervisorPid: z.int(),
    cgroup: z.nullable(z.string()),
    state: z.enum(['starting', 'running', 'frozen', 'exited', 'lost']),
    freeze,
    exit: z.nullable(z.object({ code: nullableInt, signal: z.nullable(z.string()), at: z.number() })),
    stdoutPath: z.string(),
    stderrPath: z.string(),
  }),
  supervisorStartTicks: z.number(),
  pidStartTicks: z.nullable(z.number()),
  stoppedPids: z.array(z.int()),
});

export function parseStoredRun(value: unknown): StoredRun | string {
  const parsed = storedRunSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  return issueSentence(parsed.error.issues);
}
