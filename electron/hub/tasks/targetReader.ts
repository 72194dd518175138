import { z } from 'zod';
import type { Params } from '../../../agent/src/protocol/methods';
import type { TaskTarget } from '../../api';
import type { AgentClient } from '../agents/agentClient';
import { HubError } from '../errors';
import { describeIssue } from '../store/jsonFile';
import type { SeenRow } from './observe';

/** What the rules read of `procs.list`; an agent may send more, but this must be right. */
const listSchema = z.looseObject({
  rows: z.array(
    z.looseObject({
      pid: z.number().int(),
      user: z.string().max(256),
      state: z.string().max(8),
      frz: z.string().max(8),
      where: z.string().max(256),
      nmigs: z.number().int().nullish(),
      startedAt: z.number(),
      freeze: z.looseObject({ method: z.string().max(32) }).nullish(),
    }),
  ),
});

/** A start time is the node's boot time (whole seconds, which may shift by one) plus the process's ticks. */
const START_SLACK_MS = 1500;

/**
 * Reads a task's target on its node: the rows of one pid, or of a Job ID. A pid is first looked
 * for among all processes, then only among its user's; a row with the pid but another start
 * time is another process (the pid was reused), so the target counts as gone.
 */
export class TargetReader {
  private user: string | undefined;
  private startedAt: number | undefined;

  constructor(
    private readonly target: TaskTarget,
    /** The agent's own user: a Job ID's processes are that user's unless the target names one. */
    private readonly agentUser: string | undefined,
  ) {}

  async read(client: AgentClient, timeoutMs: number): Promise<SeenRow[]> {
    const checked = listSchema.safeParse(await client.request('procs.list', this.params(), timeoutMs));
    if (!checked.success) {
      throw new HubError(
        'internal',
        `The agent sent a process list that is not valid (${describeIssue(checked.error)}).`,
      );
    }
    const rows: SeenRow[] = checked.data.rows;
    return 'pid' in this.target ? this.ofPid(this.target.pid, rows) : rows;
  }

  private params(): Params<'procs.list'> {
    const t = this.target;
    if ('pid' in t) return this.user === undefined ? {} : { user: this.user };
    const user = t.user ?? this.agentUser;
    return user === undefined ? { jobId: t.jobId } : { jobId: t.jobId, user };
  }

  private ofPid(pid: number, rows: SeenRow[]): SeenRow[] {
    const row = rows.find((r) => r.pid === pid);
    if (!row) return [];
    if (this.startedAt === undefined) {
      this.startedAt = row.startedAt;
      this.user = row.user;
    }
    return Math.abs(row.startedAt - this.startedAt) <= START_SLACK_MS ? [row] : [];
  }
}
