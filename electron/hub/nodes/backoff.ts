/**
 * Delay before reconnect attempt `attempt` (0-based): doubling from `baseMs` up to `maxMs`,
 * with "equal jitter" (a random point in the upper half of the ceiling), so many nodes that
 * failed together do not all retry together, and none retries at once.
 */
export function backoffDelay(
  attempt: number,
  random: () => number = Math.random,
  baseMs = 500,
  maxMs = 30_000,
): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.min(attempt, 30));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
