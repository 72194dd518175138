import type { Params } from '../../protocol/methods';
import type { Ctx } from '../../server/context';

export interface Stream {
  stop(): void;
  /** Ticks at once, out of turn (after an action changed what it shows); streams that have no use for it lack it. */
  nudge?(): void;
}

/** Starts one subscription's stream; it notifies through `ctx.notify` until stopped. */
export type StartStream = (ctx: Ctx, subscriptionId: string, params: Params<'subscribe'>) => Stream;

/**
 * Runs `tick` every `intervalMs` (the first right after the subscribe answer). A tick is skipped while the hub is not
 * reading (flow control), and a failing tick is logged, never fatal.
 */
export function everyInterval(
  ctx: Ctx,
  intervalMs: number,
  tick: (prompt: boolean) => Promise<void>,
): Required<Stream> {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let running = false;
  /** A nudge came: the next tick runs at once and says it is early. */
  let nudged = false;
  const run = async (): Promise<void> => {
    running = true;
    const prompt = nudged;
    nudged = false;
    if (ctx.canWrite()) {
      try {
        await tick(prompt);
      } catch (err) {
        ctx.log.error('stream tick failed', err);
      }
    }
    running = false;
    if (!stopped) timer = setTimeout(() => void run(), nudged ? 0 : intervalMs);
  };
  // The first tick waits for a timer turn, so the `subscribe` answer (which carries the id the
  // notifications refer to) is always written before the first notification.
  timer = setTimeout(() => void run(), 0);
  return {
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
    nudge() {
      if (stopped) return;
      nudged = true;
      if (running) return; // the tick in progress reschedules at once
      clearTimeout(timer);
      timer = setTimeout(() => void run(), 0);
    },
  };
}
