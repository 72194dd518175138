/** What every sub-view of the monitor is made of, and the helpers they share. */
import type { Hello, MetricsSample, NodeState } from '../../../../../electron/api';
import type { Segment } from '../chartModel';
import type { MonitorNode } from '../nodeLabels';

/** What a sub-view makes of one node that is up. Segments are in the view's raw unit (bytes, bytes/s, …). */
export type Figures =
  | { kind: 'value'; segments: number[]; text: string; caption?: string }
  | { kind: 'caption'; caption: string; text: string }
  | { kind: 'na'; reason: string; text: string }
  | { kind: 'waiting' };

/** The axis: raw figures are divided by `per` to give the model's unit; `max` is in that unit. */
export interface Scale {
  unit: string;
  per: number;
  max: number;
}

export interface Context {
  now: number;
}

export type SampledNode = MonitorNode & { sample: MetricsSample };

export interface SubView {
  /** Shown above the chart; the cycle name when absent. */
  title?: string;
  segments: Segment[];
  /** The axis for the tallest bar, in raw units (0 when no bar has figures). */
  scale: (rawMax: number) => Scale;
  /** The figures of an up node that has sent a sample. */
  figures: (node: SampledNode, context: Context) => Figures;
  /** For views that can say something before the first sample (status, version); otherwise 'waiting'. */
  unsampled?: (node: MonitorNode, context: Context) => Figures;
  /** Dead bars carry their state word as caption (the status view, which is about states). */
  deadCaption?: boolean;
}

export const NEEDS_SECOND_SAMPLE = 'needs a second sample';

export const na = (reason: string, text = `Not available: ${reason}.`): Figures => ({ kind: 'na', reason, text });

export const value = (segments: number[], text: string, caption?: string): Figures =>
  caption === undefined ? { kind: 'value', segments, text } : { kind: 'value', segments, text, caption };

/** The theme's bar colours, so both themes work. */
export const BAR_1 = 'var(--bar-1)';
export const BAR_2 = 'var(--bar-2)';
/** What is left of a whole (free memory): quiet, so the used part stands out. */
export const BAR_FREE = 'var(--bar-free)';

/**
 * The node's engine. The hub has the agent's hello for every node that is up; should one be
 * missing, plain Linux is the honest guess: it is the engine that claims the least.
 */
export const engineOf = (node: MonitorNode): Hello['engine'] => node.node.hello?.engine ?? 'linux';

export const plural = (count: number, one: string, many = `${one}s`): string => `${count} ${count === 1 ? one : many}`;

/** A node's state in words, for dead bars' reasons and captions. */
export const STATE_WORDS: Readonly<Record<NodeState, string>> = {
  connecting: 'connecting',
  up: 'up',
  dead: 'dead',
  'hostkey-unknown': 'host key not accepted yet',
  'hostkey-changed': 'host key changed',
  'auth-failed': 'authentication failed',
  'no-node': 'no Node.js for the agent',
  error: 'error',
};

// Steps between powers of ten, fine enough that a 7.8 GiB node gets an 8 GiB axis, not 10.
const NICE_STEPS = [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10];

/** The smallest round number >= value, and never below `floor` (> 0), so the axis is never 0. */
export function niceMax(value: number, floor: number): number {
  if (!(value > floor) || !Number.isFinite(value)) return floor;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  for (const step of NICE_STEPS) {
    const candidate = Number((step * magnitude).toPrecision(12));
    if (candidate >= value) return candidate;
  }
  return 10 * magnitude;
}

/** A fixed unit: raw figures divided by `per`, the top rounded up and at least `floor`. */
export const linearScale =
  (unit: string, per: number, floor: number) =>
  (rawMax: number): Scale => ({ unit, per, max: niceMax(rawMax / per, floor) });

export const fixedScale = (unit: string, max: number) => (): Scale => ({ unit, per: 1, max });

/** Units from small to large with their size in raw units; the axis takes the largest that fits the tallest bar. */
export type UnitLadder = readonly (readonly [unit: string, per: number])[];

export const BYTE_RATES: UnitLadder = [
  ['B/s', 1],
  ['KiB/s', 1024],
  ['MiB/s', 1024 ** 2],
  ['GiB/s', 1024 ** 3],
];

/** Raw figures are bytes/s; network links are counted in bits, as mmon's Mbps. */
export const BIT_RATES: UnitLadder = [
  ['bit/s', 1 / 8],
  ['kbit/s', 1e3 / 8],
  ['Mbit/s', 1e6 / 8],
  ['Gbit/s', 1e9 / 8],
];

export const ladderScale =
  (ladder: UnitLadder) =>
  (rawMax: number): Scale => {
    let [unit, per] = ladder[0] ?? ['', 1];
    for (const [u, p] of ladder) if (p <= rawMax) [unit, per] = [u, p];
    return { unit, per, max: niceMax(rawMax / per, 1) };
  };

/** Tick labels with as many decimals as the axis needs, trailing zeros dropped: 0.25, 1.5, 40. */
export function tickFor(max: number): (value: number) => string {
  const digits = max >= 100 ? 0 : max >= 10 ? 1 : 2;
  return (tick) => String(Number(tick.toFixed(digits)));
}
