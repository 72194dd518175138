import type { Params } from '../../protocol/methods';
import type { Ctx } from '../../server/context';

export interface Stream {
  stop(): void;
}

/** Starts one subscription's stream; it notifies through `ctx.notify` until stopped. */
export type StartStream = (ctx: Ctx, subscriptionId: string, params: Params<'subscribe'>) => Stream;

/**
 * Runs `tick` every `intervalMs` (the first right after the subscribe answer). A tick is skipped while the hub is not
 * reading (flow control), and a failing tick is logged, never fatal.
 */
export function everyInterval(ctx: Ctx, intervalMs: number, tick: () => Promise<void>): Stream {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const run = async (): Promise<void> => {
    if (ctx.canWrite()) {
      try {
        await tick();
      } catch (err) {
        ctx.log.error('stream tick failed', err);
      }
    }
    if (!stopped) timer = setTimeout(() => void run(), intervalMs);
  };
  // The first tick waits for a timer turn, so the `subscribe` answer (which carries the id the
  // notifications refer to) is always written before the first notification.
  timer = setTimeout(() => void run(), 0);
  return {
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
