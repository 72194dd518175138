import { randomUUID } from 'node:crypto';
import { RpcError, RpcErrorCode } from '../protocol/errors';
import { defineHandler, type HandlerGroup } from './define';
import { startMetricsStream } from './streams/metricsStream';
import { startProcsStream } from './streams/procsStream';
import type { StartStream } from './streams/stream';

/** Streams are cheap, but a confused hub must not be able to start thousands of them. */
const MAX_SUBSCRIPTIONS = 16;

const starters: Record<'metrics' | 'procs', StartStream> = {
  metrics: startMetricsStream,
  procs: startProcsStream,
};

export const subscribeHandlers = {
  subscribe: defineHandler('subscribe', async (params, ctx) => {
    if (ctx.subscriptions.size >= MAX_SUBSCRIPTIONS) {
      throw new RpcError(
        RpcErrorCode.InvalidRequest,
        `At most ${MAX_SUBSCRIPTIONS} streams at once; unsubscribe one first.`,
      );
    }
    if (params.topic === 'procs' && params.intervalMs < 1000) {
      throw new RpcError(
        RpcErrorCode.InvalidParams,
        'Invalid params: "intervalMs": a procs stream ticks at most once a second.',
      );
    }
    const subscriptionId = randomUUID();
    ctx.subscriptions.set(subscriptionId, starters[params.topic](ctx, subscriptionId, params));
    return { subscriptionId };
  }),
  unsubscribe: defineHandler('unsubscribe', async ({ subscriptionId }, ctx) => {
    const sub = ctx.subscriptions.get(subscriptionId);
    sub?.stop();
    return { removed: ctx.subscriptions.delete(subscriptionId) };
  }),
} satisfies HandlerGroup;
