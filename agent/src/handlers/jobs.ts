import { defineHandler, type HandlerGroup } from './define';

export const jobHandlers = {
  'job.run': defineHandler('job.run', (params, ctx) => ctx.engine.jobs.run(params)),
  'jobs.list': defineHandler('jobs.list', async ({ includeEnded }, ctx) =>
    ctx.engine.jobs.list(includeEnded !== false),
  ),
  'job.output': defineHandler('job.output', (params, ctx) => ctx.engine.jobs.output(params)),
  'job.forget': defineHandler('job.forget', async ({ runId }, ctx) => ctx.engine.jobs.forget(runId)),
} satisfies HandlerGroup;
