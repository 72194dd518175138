/** Runs a task once every task queued before it has settled. */
export type SerialQueue = <T>(task: () => Promise<T>) => Promise<T>;

/**
 * Read-modify-write on one file must not interleave: two `add`s at once would each read the
 * old list and the second write would drop the first. A failed task does not stop later ones.
 */
export function createSerialQueue(): SerialQueue {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(task: () => Promise<T>): Promise<T> => {
    const run = tail.then(task);
    tail = run.catch(() => undefined);
    return run;
  };
}
