/**
 * Nodes + samples + the key state -> the ChartModel the monitor's chart draws. Pure; each
 * display's sub-views live in ./displays/, this file applies the rules every view shares:
 * dead nodes (or none, with showDead off), waiting nodes, the axis over the visible bars.
 */
import { formatUptime } from '../../shared/format';
import type { Bar, ChartModel } from './chartModel';
import { type DisplayId, type MonitorKeyState, SUB_VIEWS } from './displayKeys';
import { GRID_VIEWS } from './displays/grid';
import { LOAD_VIEWS, UTIL_VIEWS } from './displays/load';
import { MEMORY_VIEWS } from './displays/memory';
import { IO_VIEWS, NETWORK_VIEWS } from './displays/rates';
import { STATUS_VIEWS } from './displays/status';
import { type Context, type Figures, STATE_WORDS, type SubView, tickFor } from './displays/subView';
import type { MonitorNode } from './nodeLabels';

export type { MonitorNode } from './nodeLabels';

/** In SUB_VIEWS' order, one per cycle name. */
const VIEWS: Readonly<Record<DisplayId, readonly SubView[]>> = {
  load: LOAD_VIEWS,
  memory: MEMORY_VIEWS,
  grid: GRID_VIEWS,
  io: IO_VIEWS,
  network: NETWORK_VIEWS,
  status: STATUS_VIEWS,
  util: UTIL_VIEWS,
};

const capitalised = (words: string): string => words.charAt(0).toUpperCase() + words.slice(1);

function deadBar({ node }: MonitorNode, view: SubView, now: number): Omit<Bar, 'nodeId' | 'label' | 'name'> {
  const word = STATE_WORDS[node.state];
  const reason = node.reason ?? word;
  const lasting = formatUptime(Math.max(0, now - node.since) / 1000);
  const text = `${capitalised(word)} for ${lasting}${node.reason ? `: ${node.reason}` : '.'}`;
  const bar = { kind: 'dead' as const, segments: [], text, reason, since: node.since };
  return view.deadCaption ? { ...bar, caption: word } : bar;
}

/** An up node's figures as a bar, segments still in the view's raw unit. */
function figuresBar(figures: Figures): Omit<Bar, 'nodeId' | 'label' | 'name'> {
  switch (figures.kind) {
    case 'waiting':
      return { kind: 'waiting', segments: [], text: 'Up, waiting for the first sample.' };
    case 'na':
      return { kind: 'na', segments: [], text: figures.text, reason: figures.reason };
    case 'caption':
      return { kind: 'caption', segments: [], text: figures.text, caption: figures.caption };
    case 'value':
      return { ...figures, segments: [...figures.segments] };
  }
}

function barOf(monitorNode: MonitorNode, view: SubView, context: Context): Bar {
  const { node, label, sample } = monitorNode;
  const identity = { nodeId: node.id, label, name: node.name };
  if (node.state !== 'up') return { ...identity, ...deadBar(monitorNode, view, context.now) };
  const figures = sample
    ? view.figures({ ...monitorNode, sample }, context)
    : (view.unsampled?.(monitorNode, context) ?? { kind: 'waiting' as const });
  return { ...identity, ...figuresBar(figures) };
}

const stackHeight = (bar: Bar): number => bar.segments.reduce((sum, segment) => sum + segment, 0);

/** What the chart draws for the display and sub-view in `state`. */
export function chartModel(state: MonitorKeyState, nodes: readonly MonitorNode[], now: number): ChartModel {
  const cycle: string[] = [...SUB_VIEWS[state.display]];
  const current = Math.min(Math.max(0, state.sub), cycle.length - 1);
  const view = VIEWS[state.display][current];
  if (!view) throw new Error(`no sub-view ${current} of ${state.display}`);
  const visible = state.showDead ? nodes : nodes.filter(({ node }) => node.state === 'up');
  const rawBars = visible.map((node) => barOf(node, view, { now }));
  const scale = view.scale(Math.max(0, ...rawBars.filter((bar) => bar.kind === 'value').map(stackHeight)));
  const bars = rawBars.map((bar) => ({
    ...bar,
    raw: bar.segments,
    segments: bar.segments.map((raw) => raw / scale.per),
  }));
  return {
    title: view.title ?? cycle[current] ?? '',
    cycle,
    current,
    unit: scale.unit,
    max: scale.max,
    tick: tickFor(scale.max),
    segments: view.segments,
    bars,
  };
}
