import { DEFAULT_DISKS } from '../../engines/linux/metrics';
import { everyInterval, type StartStream } from './stream';

/**
 * A `metrics` notification every intervalMs with its own reader, so its rates cover exactly
 * the time since its previous notification (null in the first). A tick skipped for flow
 * control just makes the next interval longer; the rates stay per second.
 */
export const startMetricsStream: StartStream = (ctx, subscriptionId, params) => {
  const reader = ctx.engine.metrics();
  const disks = params.disks ?? DEFAULT_DISKS;
  const { stop } = everyInterval(ctx, params.intervalMs, async () => {
    ctx.notify('metrics', { subscriptionId, sample: await reader.sample(disks) });
  });
  // No nudge: an early sample would shorten the interval its rates are measured over.
  return { stop };
};
