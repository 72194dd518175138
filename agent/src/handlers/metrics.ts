import { randomUUID } from 'node:crypto';
import { readMetrics } from '../engines/linux/metrics';
import { RpcError, RpcErrorCode } from '../protocol/errors';
import type { Ctx } from '../server/context';
import { defineHandler, type HandlerGroup } from './define';

/** Streams are cheap, but a confused hub must not be able to start thousands of them. */
const MAX_SUBSCRIPTIONS = 16;

/** Samples every `intervalMs`; a tick is skipped while the hub is not reading (flow control). */
function startMetricsStream(ctx: Ctx, subscriptionId: string, intervalMs: number): { stop(): void } {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const tick = async (): Promise<void> => {
    if (ctx.canWrite()) {
      try {
        ctx.notify('metrics', { subscriptionId, sample: await readMetrics() });
      } catch (err) {
        ctx.log.error('metrics sample failed', err);
      }
    }
    if (!stopped) timer = setTimeout(() => void tick(), intervalMs);
  };
  void tick();
  return {
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}

export const metricsHandlers = {
  'metrics.read': defineHandler('metrics.read', () => readMetrics()),
  subscribe: defineHandler('subscribe', async ({ intervalMs }, ctx) => {
    if (ctx.subscriptions.size >= MAX_SUBSCRIPTIONS) {
      throw new RpcError(
        RpcErrorCode.InvalidRequest,
        `At most ${MAX_SUBSCRIPTIONS} streams at once; unsubscribe one first.`,
      );
    }
    const subscriptionId = randomUUID();
    ctx.subscriptions.set(subscriptionId, startMetricsStream(ctx, subscriptionId, intervalMs));
    return { subscriptionId };
  }),
  unsubscribe: defineHandler('unsubscribe', async ({ subscriptionId }, ctx) => {
    const sub = ctx.subscriptions.get(subscriptionId);
    sub?.stop();
    return { removed: ctx.subscriptions.delete(subscriptionId) };
  }),
} satisfies HandlerGroup;
