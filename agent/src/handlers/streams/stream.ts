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
 * Runs `tick` every `intervalMs` (the first right after the subscribe answer), at a fixed rate:
 * the next tick is due an interval after this one was due, not after it ended, so a 1 Hz stream
 * sends one notification a second however long its scans take. A tick longer than an interval
 * skips the slots it overran rather than running back to back. A tick is skipped while the hub
 * is not reading (flow control), and a failing tick is logged, never fatal.
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
  /** performance.now() when the pending (or running) tick is due. */
  let dueAt = performance.now();
  const schedule = (at: number): void => {
    dueAt = at;
    timer = setTimeout(() => void run(), Math.max(0, at - performance.now()));
  };
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
    if (stopped) return;
    const now = performance.now();
    schedule(nudged ? now : nextSlot(dueAt, intervalMs, now));
  };
  // The first tick waits for a timer turn, so the `subscribe` answer (which carries the id the
  // notifications refer to) is always written before the first notification.
  schedule(dueAt);
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
      // The interval counts from here: the nudged tick is the one due now.
      schedule(performance.now());
    },
  };
}

/** The first slot of the grid `dueAt + k × intervalMs` (k >= 1) that is not yet past. */
export function nextSlot(dueAt: number, intervalMs: number, now: number): number {
  const next = dueAt + intervalMs;
  return next > now ? next : dueAt + Math.ceil((now - dueAt) / intervalMs) * intervalMs;
}
