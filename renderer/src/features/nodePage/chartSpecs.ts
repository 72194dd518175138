/** What each chart of the node page draws, how its axes read, and what its legend says now. */
import type { HistoryField } from '../../../../electron/api';
import { formatBytes, formatLoad } from '../../shared/format';
import type { SeriesWindow } from './nodeSeries';

/** The two line colours, as the theme names them. */
export type LineColour = 'bar-1' | 'bar-2';

export interface LineSpec {
  field: HistoryField;
  label: string;
  axis: 'y' | 'y1';
  colour: LineColour;
  /** The legend's words for the newest figure ("memory used 3.2 GiB of 15.5 GiB"). */
  now(series: SeriesWindow): string;
}

export interface AxisContext {
  series: SeriesWindow;
  /** The node's CPU count, 0 when not known. */
  cpuCount: number;
}

export interface AxisSpec {
  format(value: number): string;
  /** The axis reaches at least this (it grows past it with the data). */
  suggestedMax?(ctx: AxisContext): number;
  /** A fixed top, for percentages. */
  max?: number;
  /** Bytes: the top and the ticks at binary steps (8 GiB, not 9.3 GiB), as formatBytes prints them. */
  binary?: true;
}

/**
 * The top of a byte axis: the smallest power of two in the value's binary unit that holds it
 * (23.5 GiB → 32 GiB, 768 MiB → 1 GiB), so four ticks fall on round figures.
 */
export function binaryTop(value: number): number {
  if (!(value > 0)) return 1024;
  return 2 ** Math.ceil(Math.log2(value));
}

export interface ChartSpec {
  id: string;
  title: string;
  lines: [LineSpec, LineSpec];
  axes: { y: AxisSpec; y1?: AxisSpec };
}

export const formatRate = (bytesPerSec: number): string => `${formatBytes(bytesPerSec)}/s`;
export const formatPercent = (value: number): string => (Number.isFinite(value) ? `${value.toFixed(0)} %` : '—');

/** "label figure", or "label: no figure" where the newest point has none. */
function said(label: string, value: number | null, format: (v: number) => string): string {
  return value === null ? `${label}: no figure` : `${label} ${format(value)}`;
}

/** Used bytes with the total beside them, or that there is none at all. */
function usedOf(label: string, series: SeriesWindow, used: HistoryField, total: HistoryField): string {
  const whole = series.newest(total);
  if (whole === 0) return `${label}: none configured`;
  const part = said(label, series.newest(used), formatBytes);
  return whole === null ? part : `${part} of ${formatBytes(whole)}`;
}

function line(field: HistoryField, label: string, colour: LineColour, format: (v: number) => string): LineSpec {
  return { field, label, axis: 'y', colour, now: (s) => said(label, s.newest(field), format) };
}

export const CHARTS: readonly ChartSpec[] = [
  {
    id: 'load',
    title: 'Load and CPU use',
    lines: [
      line('load', 'load (1 min)', 'bar-1', formatLoad),
      { ...line('util', 'CPU use', 'bar-2', formatPercent), axis: 'y1' },
    ],
    axes: {
      // A fully busy node's load is its CPU count, so the scale shows at least that much.
      y: { format: formatLoad, suggestedMax: ({ cpuCount }) => Math.max(1, cpuCount) },
      y1: { format: formatPercent, max: 100 },
    },
  },
  {
    id: 'memory',
    title: 'Memory and swap',
    lines: [
      {
        ...line('memUsed', 'memory used', 'bar-1', formatBytes),
        now: (s) => usedOf('memory used', s, 'memUsed', 'memTotal'),
      },
      {
        ...line('swapUsed', 'swap used', 'bar-2', formatBytes),
        now: (s) => usedOf('swap used', s, 'swapUsed', 'swapTotal'),
      },
    ],
    axes: { y: { format: formatBytes, binary: true, suggestedMax: ({ series }) => series.newest('memTotal') ?? 0 } },
  },
  {
    id: 'disk',
    title: 'Disk I/O',
    lines: [line('readBps', 'read', 'bar-1', formatRate), line('writeBps', 'write', 'bar-2', formatRate)],
    axes: { y: { format: formatRate, binary: true } },
  },
  {
    id: 'network',
    title: 'Network',
    lines: [line('netInBps', 'in', 'bar-1', formatRate), line('netOutBps', 'out', 'bar-2', formatRate)],
    axes: { y: { format: formatRate, binary: true } },
  },
];
