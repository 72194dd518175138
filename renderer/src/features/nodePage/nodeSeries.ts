/**
 * A node's figures over the last 15 minutes for the node page's charts: seeded from the hub's
 * history, then one point per live sample. Fixed-size typed arrays, allocated once, so a page
 * left open all day holds what a fresh one does.
 */
import {
  HISTORY_FIELDS,
  HISTORY_READERS,
  type HistoryField,
  type MetricsSample,
  type NodeHistory,
} from '../../../../electron/api';

export const SPAN_MS = 15 * 60_000;
export const INTERVAL_MS = 1000;

/** A chart point: x in seconds before the newest point (so <= 0), y null where there is no figure. */
export interface ChartPoint {
  x: number;
  y: number | null;
}

type Values = Record<HistoryField, number | null>;

const finiteOrNull = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

export class SeriesWindow {
  readonly capacity: number;
  private readonly at: Float64Array;
  /** NaN where the node had no figure. */
  private readonly values: Record<HistoryField, Float64Array>;
  private first = 0;
  private count = 0;

  constructor(
    readonly spanMs = SPAN_MS,
    readonly intervalMs = INTERVAL_MS,
  ) {
    this.capacity = Math.ceil(spanMs / intervalMs);
    this.at = new Float64Array(this.capacity);
    this.values = Object.fromEntries(HISTORY_FIELDS.map((f) => [f, new Float64Array(this.capacity)])) as Record<
      HistoryField,
      Float64Array
    >;
  }

  get size(): number {
    return this.count;
  }

  /** How much time the window covers, oldest point to newest, in ms (0 while empty). */
  get spanCovered(): number {
    return this.count === 0 ? 0 : (this.at[this.slot(this.count - 1)] as number) - (this.at[this.first] as number);
  }

  /** When the newest point was taken, or undefined while empty. */
  get newestAt(): number | undefined {
    return this.count === 0 ? undefined : this.at[this.slot(this.count - 1)];
  }

  /**
   * Puts the hub's history before the points already appended (live samples that came while
   * the history was on its way); history points that overlap them are left out.
   */
  seed(history: NodeHistory): void {
    const live = this.drain();
    const firstLive = live[0]?.at ?? Infinity;
    history.at.forEach((at, i) => {
      if (!Number.isFinite(at) || at >= firstLive - this.intervalMs / 2) return;
      // The hub sends oldest first; anything else is not a time series to draw.
      const newest = this.newestAt;
      if (newest !== undefined && at <= newest) return;
      const values = {} as Values;
      for (const f of HISTORY_FIELDS) values[f] = finiteOrNull(history.series[f]?.[i]);
      this.push(at, values);
    });
    for (const p of live) this.push(p.at, p.values);
  }

  /**
   * Adds a live sample taken at `at`. A time within half an interval of the newest point (or
   * before it) is the same sample seen twice, or out of order, and is dropped: returns false.
   */
  append(at: number, sample: MetricsSample): boolean {
    const newest = this.newestAt;
    if (!Number.isFinite(at) || (newest !== undefined && at < newest + this.intervalMs / 2)) return false;
    const values = {} as Values;
    for (const f of HISTORY_FIELDS) values[f] = finiteOrNull(HISTORY_READERS[f](sample));
    this.push(at, values);
    return true;
  }

  /** Drops the points older than `spanMs` before `now`. */
  cut(now: number): void {
    while (this.count > 0 && (this.at[this.first] as number) < now - this.spanMs) {
      this.first = (this.first + 1) % this.capacity;
      this.count--;
    }
  }

  /** The newest figure of a field, or null when the newest point has none (or there is none). */
  newest(field: HistoryField): number | null {
    if (this.count === 0) return null;
    const v = this.values[field][this.slot(this.count - 1)] as number;
    return Number.isNaN(v) ? null : v;
  }

  /**
   * A field's points for a chart, oldest first, x in seconds before the newest point. Where
   * the node sent nothing for longer than 2.5 intervals a null point breaks the line, so time
   * the node was away shows as a gap, not as a straight line across it.
   */
  points(field: HistoryField): ChartPoint[] {
    const newest = this.newestAt;
    if (newest === undefined) return [];
    const out: ChartPoint[] = [];
    const column = this.values[field];
    let prev: number | undefined;
    for (let i = 0; i < this.count; i++) {
      const slot = this.slot(i);
      const at = this.at[slot] as number;
      if (prev !== undefined && at - prev > this.intervalMs * 2.5)
        out.push({ x: (prev + this.intervalMs - newest) / 1000, y: null });
      const v = column[slot] as number;
      out.push({ x: (at - newest) / 1000, y: Number.isNaN(v) ? null : v });
      prev = at;
    }
    return out;
  }

  private slot(i: number): number {
    return (this.first + i) % this.capacity;
  }

  private push(at: number, values: Values): void {
    // Full: the oldest point makes room, as the span is fixed.
    if (this.count === this.capacity) {
      this.first = (this.first + 1) % this.capacity;
      this.count--;
    }
    const slot = this.slot(this.count);
    this.at[slot] = at;
    for (const f of HISTORY_FIELDS) this.values[f][slot] = values[f] ?? NaN;
    this.count++;
    this.cut(at);
  }

  /** Every point, oldest first, and the window emptied. */
  private drain(): { at: number; values: Values }[] {
    const out: { at: number; values: Values }[] = [];
    for (let i = 0; i < this.count; i++) {
      const slot = this.slot(i);
      const values = {} as Values;
      for (const f of HISTORY_FIELDS) {
        const v = this.values[f][slot] as number;
        values[f] = Number.isNaN(v) ? null : v;
      }
      out.push({ at: this.at[slot] as number, values });
    }
    this.first = 0;
    this.count = 0;
    return out;
  }
}
