import type { Bar } from './chartModel';

/** "since 14:02:11" today; with the date when it was another day, so an old death reads old. */
export function sinceText(since: number, now: number = Date.now()): string {
  const then = new Date(since);
  const sameDay = then.toDateString() === new Date(now).toDateString();
  return `since ${sameDay ? then.toLocaleTimeString() : then.toLocaleString()}`;
}

/** The bar's state in words, for the tooltip and the table's State column. */
export function stateText(bar: Bar, now?: number): string {
  const since = bar.since === undefined ? '' : `, ${sinceText(bar.since, now)}`;
  switch (bar.kind) {
    case 'dead':
      return `dead${bar.reason ? `: ${bar.reason}` : ''}${since}`;
    case 'na':
      return `n/a${bar.reason ? `: ${bar.reason}` : ''}`;
    case 'waiting':
      return 'waiting for a first sample';
    default:
      return 'up';
  }
}
