/**
 * What the monitor's bar chart draws: one bar per node, already reduced to numbers and words by
 * the current display. The chart only draws and reports hover and click; it knows no metrics.
 */

/** How a bar is drawn. */
export type BarKind =
  /** Figures: `segments` stacked bottom up. */
  | 'value'
  /** A text display (status, version): `caption` is drawn along the bar, no height. */
  | 'caption'
  /** The node is up but this figure does not exist for it: "n/a", `reason` says why. */
  | 'na'
  /** Up, no sample yet. */
  | 'waiting'
  /** Dead or unreachable: a marked gap, `reason` and `since` say why and since when. */
  | 'dead';

export interface Bar {
  nodeId: string;
  /** The number under the bar. */
  label: string;
  /** The node's name, for hover and the table. */
  name: string;
  kind: BarKind;
  /** In the model's unit, bottom up, one per `ChartModel.segments`; empty unless kind is 'value'. */
  segments: number[];
  /** The same figures in the display's raw unit (bytes, bytes/s, load), for the table and its readers. */
  raw?: number[];
  /** For kind 'caption': a short word or two ("up", "6.1.0", "3 d 4 h"). */
  caption?: string;
  /**
   * The exact figures in words, as hover and the accessible table show them:
   * "load 1.52 (0.76 per CPU), frozen 2". For 'na', 'waiting' and 'dead' a sentence.
   */
  text: string;
  /** For 'na' and 'dead': why, in a sentence. */
  reason?: string;
  /** For 'dead': since when, ms since the epoch. */
  since?: number;
}

export interface Segment {
  label: string;
  /** A CSS colour or var(--…) so both themes work. */
  color: string;
}

export interface ChartModel {
  /** The display and its current sub-view, as shown above the chart ("Load + frozen"). */
  title: string;
  /** The sub-views of this display in cycle order, current one at `current`. */
  cycle: string[];
  current: number;
  /** Unit of the axis ("", "GiB", "MB/s", "%"). */
  unit: string;
  /** Top of the scale, in the unit; > 0. */
  max: number;
  /** Formats an axis tick value. */
  tick: (value: number) => string;
  segments: Segment[];
  bars: Bar[];
}
