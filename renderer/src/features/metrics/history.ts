/** A bounded series: appending past `capacity` drops the oldest point. Returns a new array. */
export function appendBounded<T>(series: readonly T[], point: T, capacity: number): T[] {
  const next = series.length >= capacity ? series.slice(series.length - capacity + 1) : series.slice();
  next.push(point);
  return next;
}

export interface LoadPoint {
  /** ms since the epoch */
  x: number;
  /** 1-minute load average */
  y: number;
}

/**
 * The hub's recorded points (`at`, `values`; null where the node had no figure) that come before
 * the first live point, then the live ones, at most `capacity`; undefined when the hub adds nothing.
 */
export function withHubPast(
  live: readonly LoadPoint[],
  at: readonly number[],
  values: readonly (number | null)[],
  capacity: number,
): LoadPoint[] | undefined {
  const firstLive = live[0]?.x ?? Infinity;
  const past: LoadPoint[] = [];
  at.forEach((x, i) => {
    const y = values[i];
    if (x < firstLive && y !== null && y !== undefined) past.push({ x, y });
  });
  return past.length === 0 ? undefined : [...past, ...live].slice(-capacity);
}
