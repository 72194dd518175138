import { buildNodeStatus, createMetricsSampler, DEFAULT_DISKS, type MetricsSampler } from '../engines/linux/metrics';
import type { Ctx } from '../server/context';
import { defineHandler, type HandlerGroup } from './define';

/**
 * The session's own sampler for one method, made on first use. metrics.read and status.read
 * keep separate ones, so a status.read in between never shortens metrics.read's rate interval.
 */
function sessionSampler(ctx: Ctx, key: string): MetricsSampler {
  let sampler = ctx.session.get(key) as MetricsSampler | undefined;
  if (!sampler) {
    sampler = createMetricsSampler(ctx.services.annotations);
    ctx.session.set(key, sampler);
  }
  return sampler;
}

export const metricsHandlers = {
  /** Rates cover the time since this session's previous metrics.read; null on its first. */
  'metrics.read': defineHandler('metrics.read', (params, ctx) =>
    sessionSampler(ctx, 'metrics.read:sampler').sample(params.disks ?? DEFAULT_DISKS),
  ),
  /**
   * Util compares with this session's previous status.read, so it is null on the first call
   * and a real figure from the second on; no disk is measured, as status shows none.
   */
  'status.read': defineHandler('status.read', async (_params, ctx) =>
    buildNodeStatus(await sessionSampler(ctx, 'status.read:sampler').sample([])),
  ),
} satisfies HandlerGroup;
