/** A bounded series: appending past `capacity` drops the oldest point. Returns a new array. */
export function appendBounded<T>(series: readonly T[], point: T, capacity: number): T[] {
  const next = series.length >= capacity ? series.slice(series.length - capacity + 1) : series.slice();
  next.push(point);
  return next;
}
