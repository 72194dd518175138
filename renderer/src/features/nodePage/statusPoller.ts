import type { Timers } from './throttle';

export interface PollerOptions<T> {
  read(): Promise<T>;
  intervalMs: number;
  onResult(value: T): void;
  onError(err: unknown): void;
  timers?: Pick<Timers, 'setTimeout' | 'clearTimeout'>;
}

export interface Poller {
  /** Reads now, then `intervalMs` after each answer, until stop(). Starting twice is one poll. */
  start(): void;
  /** No more reads; an answer still on its way is dropped. */
  stop(): void;
}

const realTimers: NonNullable<PollerOptions<unknown>['timers']> = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Reads one after another, never two at once, so a slow node never has calls pile up. */
export function createPoller<T>(opts: PollerOptions<T>): Poller {
  const timers = opts.timers ?? realTimers;
  let generation = 0;
  let running = false;
  let timer: unknown;

  async function tick(mine: number): Promise<void> {
    try {
      const value = await opts.read();
      if (mine === generation) opts.onResult(value);
    } catch (err) {
      if (mine === generation) opts.onError(err);
    }
    if (mine === generation) timer = timers.setTimeout(() => void tick(mine), opts.intervalMs);
  }

  return {
    start() {
      if (running) return;
      running = true;
      void tick(++generation);
    },
    stop() {
      running = false;
      generation++;
      if (timer !== undefined) timers.clearTimeout(timer);
      timer = undefined;
    },
  };
}
