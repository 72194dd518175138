/**
 * The bar chart's geometry, in CSS pixels, apart from the canvas so it can be tested: where the
 * plot sits, how wide each node's slot is, which labels fit, which bar the mouse is over, and
 * the y scale.
 */

export interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** Room for tick labels left of the plot. */
export const AXIS_WIDTH = 44;
/** Room for node labels under the plot. */
export const LABEL_HEIGHT = 18;
/** Room above the plot for the ✕ that marks a dead node on a dense chart. */
const TOP_PAD = 12;
const RIGHT_PAD = 6;
/** A few nodes get bars this wide at most, drawn from the left, not stretched across the window. */
export const MAX_SLOT = 48;
/** Narrower than this, a fractional slot would make bars alternate by a pixel: use whole pixels. */
const WHOLE_PIXEL_BELOW = 12;

/** The plot area inside a canvas of this size. */
export function plotBox(width: number, height: number): Box {
  return {
    left: AXIS_WIDTH,
    top: TOP_PAD,
    width: Math.max(0, width - AXIS_WIDTH - RIGHT_PAD),
    height: Math.max(0, height - TOP_PAD - LABEL_HEIGHT),
  };
}

export interface Slots {
  /** Left edge of the first slot. */
  left: number;
  /** Width of one node's slot: its bar plus the gap. */
  slot: number;
  /** Width of the bar inside the slot, centred in it. */
  barWidth: number;
  count: number;
}

export function slotLayout(count: number, plot: Box): Slots {
  if (count <= 0) return { left: plot.left, slot: 0, barWidth: 0, count: 0 };
  let slot = Math.min(MAX_SLOT, plot.width / count);
  if (slot >= 2 && slot < WHOLE_PIXEL_BELOW) slot = Math.floor(slot);
  return { left: plot.left, slot, barWidth: slot - gapFor(slot), count };
}

/** A gap keeps neighbouring bars apart; below 4 px a bar needs every pixel it has. */
function gapFor(slot: number): number {
  if (slot >= WHOLE_PIXEL_BELOW) return Math.min(12, Math.round(slot * 0.25));
  return slot >= 4 ? 1 : 0;
}

/** Left edge of bar `i`. */
export function barLeft(s: Slots, i: number): number {
  return s.left + i * s.slot + (s.slot - s.barWidth) / 2;
}

/** Centre of slot `i`, where its label goes. */
export function slotCentre(s: Slots, i: number): number {
  return s.left + (i + 0.5) * s.slot;
}

/** The bar whose slot holds x (gaps included, so thin bars are easy to hit), or -1. */
export function barAt(s: Slots, x: number): number {
  if (s.slot <= 0 || x < s.left) return -1;
  const i = Math.floor((x - s.left) / s.slot);
  return i < s.count ? i : -1;
}

/** Label steps a reader counts in: every 2nd, 5th, 10th… */
const STEPS = [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000];

/**
 * Which labels to draw so none overlaps: all when they fit, else the first, the last, and every
 * n-th slot between (n from STEPS), lined up on round node numbers (10, 20, …) when the labels
 * are numbers. Each drawn label still sits under its own bar, so thinning never mislabels one.
 */
export function labelIndices(labels: string[], slot: number, width: (text: string) => number, gap = 4): number[] {
  const n = labels.length;
  if (n === 0 || slot <= 0) return [];
  const widest = Math.max(...labels.map(width)) + gap;
  const step = STEPS.find((s) => s * slot >= widest) ?? Math.ceil(widest / slot);
  if (step === 1) return labels.map((_, i) => i);
  const last = n - 1;
  // Labels are centred, so two clash when their slots are closer than one label's width.
  const clear = (i: number): boolean => i * slot >= widest && (last - i) * slot >= widest;
  const out = [0];
  for (let i = roundOffset(labels, step); i < last; i += step) if (clear(i)) out.push(i);
  if (last > 0) out.push(last);
  return out;
}

const isMultiple = (label: string, step: number): boolean => label.trim() !== '' && Number(label) % step === 0;

/** The first index from which every step-th label is a multiple of step, if there is one. */
function roundOffset(labels: string[], step: number): number {
  let best = 0;
  let bestHits = 0;
  for (let offset = 0; offset < step && offset < labels.length; offset++) {
    let hits = 0;
    for (let i = offset; i < labels.length; i += step) if (isMultiple(labels[i]!, step)) hits++;
    if (hits > bestHits) [best, bestHits] = [offset, hits];
  }
  return best;
}

/** A round step near `raw`: 1, 2, 2.5 or 5 times a power of ten. */
export function niceStep(raw: number): number {
  if (!(raw > 0) || !Number.isFinite(raw)) return 1;
  const power = 10 ** Math.floor(Math.log10(raw));
  const f = raw / power;
  const nice = f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10;
  return nice * power;
}

/** Axis ticks from 0 up to max: 3 to 5 of them, at round values. */
export function yTicks(max: number): number[] {
  if (!(max > 0) || !Number.isFinite(max)) return [0];
  const step = niceStep(max / 4);
  const ticks: number[] = [];
  // Rounding to 12 digits keeps 0.1 + 0.2 from becoming a tick labelled 0.30000000000000004.
  for (let k = 0; k * step <= max * (1 + 1e-9); k++) ticks.push(Number((k * step).toPrecision(12)));
  return ticks;
}

/** The y of a value: 0 at the plot's bottom, max at its top, clamped to the plot. */
export function yOf(value: number, max: number, plot: Box): number {
  const f = max > 0 && Number.isFinite(value) ? Math.min(1, Math.max(0, value / max)) : 0;
  return plot.top + plot.height * (1 - f);
}

export interface StackedPart {
  /** Index into the model's segments, for the colour. */
  index: number;
  top: number;
  bottom: number;
}

/**
 * A 'value' bar's segments stacked bottom up; zero-height parts are left out. `clipped` says the
 * total went above the scale, so the chart can mark the bar instead of silently cutting it.
 */
export function stack(values: number[], max: number, plot: Box): { parts: StackedPart[]; clipped: boolean } {
  const parts: StackedPart[] = [];
  let sum = 0;
  values.forEach((v, index) => {
    if (!(v > 0)) return;
    const bottom = yOf(sum, max, plot);
    sum += v;
    const top = yOf(sum, max, plot);
    if (bottom - top > 0) parts.push({ index, top, bottom });
  });
  return { parts, clipped: sum > max };
}
