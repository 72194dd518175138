import { HISTORY_FIELDS, HISTORY_READERS, type HistoryField, type MetricsSample, type NodeHistory } from '../../api';

export const HISTORY_INTERVAL_MS = 1000;
export const HISTORY_SPAN_MS = 15 * 60_000;

/**
 * A node's last 15 minutes of figures at 1 s, in fixed-size typed arrays allocated once: a
 * long session costs the same memory as a short one. Times are float64 (ms since the epoch);
 * figures are float32 (7 significant digits, plenty for a chart), NaN where the node had none.
 */
export class HistoryRing {
  private readonly at: Float64Array;
  /** Field-major: field f's value for slot i is at f * capacity + i. */
  private readonly values: Float32Array;
  private next = 0;
  private count = 0;

  constructor(readonly capacity = HISTORY_SPAN_MS / HISTORY_INTERVAL_MS) {
    this.at = new Float64Array(capacity);
    this.values = new Float32Array(capacity * HISTORY_FIELDS.length);
  }

  /** The memory the ring holds, whatever it has recorded. */
  get bytes(): number {
    return this.at.byteLength + this.values.byteLength;
  }

  get size(): number {
    return this.count;
  }

  push(at: number, sample: MetricsSample): void {
    const slot = this.next;
    this.at[slot] = at;
    HISTORY_FIELDS.forEach((field, f) => {
      const value = HISTORY_READERS[field](sample);
      this.values[f * this.capacity + slot] = value === null || !Number.isFinite(value) ? NaN : value;
    });
    this.next = (slot + 1) % this.capacity;
    this.count = Math.min(this.count + 1, this.capacity);
  }

  /** What was recorded since `now - HISTORY_SPAN_MS`, oldest first. */
  read(now: number): NodeHistory {
    const from = now - HISTORY_SPAN_MS;
    const slots: number[] = [];
    const first = (this.next - this.count + this.capacity) % this.capacity;
    for (let i = 0; i < this.count; i++) {
      const slot = (first + i) % this.capacity;
      if ((this.at[slot] as number) >= from) slots.push(slot);
    }
    const series = {} as Record<HistoryField, (number | null)[]>;
    HISTORY_FIELDS.forEach((field, f) => {
      series[field] = slots.map((slot) => {
        const v = this.values[f * this.capacity + slot] as number;
        return Number.isNaN(v) ? null : v;
      });
    });
    return {
      intervalMs: HISTORY_INTERVAL_MS,
      spanMs: HISTORY_SPAN_MS,
      at: slots.map((slot) => this.at[slot] as number),
      series,
    };
  }
}
