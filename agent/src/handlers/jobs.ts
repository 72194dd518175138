import { launchJob } from '../engines/linux/jobs/jobLauncher';
import { readJobOutput } from '../engines/linux/jobs/jobOutput';
import type { StoredRun } from '../engines/linux/jobs/storedRun';
import { RpcError, RpcErrorCode } from '../protocol/errors';
import type { JobServices } from '../server/context';
import { defineHandler, type HandlerGroup } from './define';
import { jobServices } from './jobServices';

function findRun(jobs: JobServices, runId: string): StoredRun {
  const run = jobs.store.get(runId);
  if (!run) throw new RpcError(RpcErrorCode.NotFound, `No run ${runId} in this agent's job records.`);
  return run;
}

export const jobHandlers = {
  'job.run': defineHandler('job.run', async (params, ctx) => {
    const jobs = jobServices(ctx);
    const { user, cgroups, availableMemory } = ctx.services;
    const run = await launchJob(params, { store: jobs.store, user, cgroups, availableMemory });
    return run.record;
  }),
  'jobs.list': defineHandler('jobs.list', async ({ includeEnded }, ctx) => {
    const all = jobServices(ctx).store.list();
    return includeEnded === false ? all.filter((r) => r.state !== 'exited' && r.state !== 'lost') : all;
  }),
  'job.output': defineHandler('job.output', async ({ runId, stream, offset, maxBytes }, ctx) =>
    readJobOutput(findRun(jobServices(ctx), runId), stream, offset, maxBytes ?? 64 * 1024),
  ),
  'job.forget': defineHandler('job.forget', async ({ runId }, ctx) => {
    const result = jobServices(ctx).store.forget(runId);
    if (result === 'running') {
      throw new RpcError(RpcErrorCode.InvalidRequest, `Run ${runId} is still running; end it before forgetting it.`);
    }
    return { removed: result };
  }),
} satisfies HandlerGroup;
