/** The clock and timers a throttle uses; tests pass fake ones. */
export interface Timers {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realTimers: Timers = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface Throttle {
  /** Runs `fn` now if it has not run for `ms`, else once when `ms` have passed. */
  request(): void;
  cancel(): void;
}

/** At most one run of `fn` per `ms`, and never a request left unserved. */
export function throttle(fn: () => void, ms: number, timers: Timers = realTimers): Throttle {
  let last = -Infinity;
  let pending: unknown;
  const run = (): void => {
    pending = undefined;
    last = timers.now();
    fn();
  };
  return {
    request() {
      if (pending !== undefined) return;
      const wait = last + ms - timers.now();
      if (wait <= 0) run();
      else pending = timers.setTimeout(run, wait);
    },
    cancel() {
      if (pending !== undefined) timers.clearTimeout(pending);
      pending = undefined;
    },
  };
}
