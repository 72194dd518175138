import {
  Chart,
  type ChartConfiguration,
  type ChartOptions,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  type Scale,
  Tooltip,
} from 'chart.js';
import { onBeforeUnmount, onMounted, type Ref, watch } from 'vue';
import { type AxisContext, type AxisSpec, binaryTop, type ChartSpec } from './chartSpecs';
import { type ChartColours, documentColours, onThemeChange } from './chartTheme';
import type { ChartPoint } from './nodeSeries';
import { throttle } from './throttle';

Chart.register(LineController, LineElement, PointElement, LinearScale, Tooltip);

/** However often figures come, a chart is drawn at most this often. */
const REDRAW_MS = 1000;

export type NodeChart = Chart<'line', ChartPoint[]>;
type AxisOptions = NonNullable<NonNullable<ChartOptions<'line'>['scales']>[string]>;

const agoLabel = (seconds: number): string => (seconds === 0 ? 'now' : `${Math.round(-seconds / 60)} min ago`);

function yAxis(axis: AxisSpec, ctx: AxisContext, position: 'left' | 'right'): AxisOptions {
  return {
    type: 'linear',
    position,
    beginAtZero: true,
    ...(axis.max !== undefined && { max: axis.max }),
    ...(axis.suggestedMax && { suggestedMax: axis.suggestedMax(ctx) }),
    ticks: { maxTicksLimit: 5, callback: (v) => axis.format(Number(v)) },
    ...(axis.binary && {
      // After chart.js found the data's range: a binary top, and four steps under it.
      afterDataLimits: (scale: Scale) => {
        scale.max = binaryTop(scale.max);
        (scale.options as unknown as { ticks: { stepSize?: number } }).ticks.stepSize = scale.max / 4;
      },
    }),
    // The right axis draws no grid of its own: one grid is enough to read both.
    grid: { drawOnChartArea: position === 'left' },
  };
}

function options(spec: ChartSpec, ctx: AxisContext, newest: () => number): ChartOptions<'line'> {
  const spanSec = ctx.series.spanMs / 1000;
  const axisOf = (id: string): AxisSpec => (id === 'y1' && spec.axes.y1 ? spec.axes.y1 : spec.axes.y);
  return {
    animation: false,
    parsing: false,
    normalized: true,
    responsive: true,
    maintainAspectRatio: false,
    spanGaps: false,
    interaction: { mode: 'index', intersect: false },
    plugins: {
      tooltip: {
        callbacks: {
          title: (items) => new Date(newest() + (items[0]?.parsed.x ?? 0) * 1000).toLocaleTimeString(),
          label: (item) => {
            const y = item.parsed.y;
            const axis = axisOf(spec.lines[item.datasetIndex]?.axis ?? 'y');
            return `${item.dataset.label ?? ''}: ${y === null ? 'no figure' : axis.format(y)}`;
          },
        },
      },
    },
    scales: {
      x: {
        type: 'linear',
        min: -spanSec,
        max: 0,
        ticks: { stepSize: 300, callback: (v) => agoLabel(Number(v)) },
      },
      y: yAxis(spec.axes.y, ctx, 'left'),
      ...(spec.axes.y1 && { y1: yAxis(spec.axes.y1, ctx, 'right') }),
    },
  };
}

export function chartConfig(
  spec: ChartSpec,
  ctx: AxisContext,
  newest: () => number,
): ChartConfiguration<'line', ChartPoint[]> {
  return {
    type: 'line',
    data: {
      datasets: spec.lines.map((l) => ({
        label: l.label,
        data: ctx.series.points(l.field),
        yAxisID: l.axis,
        pointRadius: 0,
        borderWidth: 1.5,
        tension: 0,
      })),
    },
    options: options(spec, ctx, newest),
  };
}

/** Paints a chart in the theme's colours; the caller updates it. */
export function paint(chart: NodeChart, spec: ChartSpec, colours: ChartColours): void {
  chart.data.datasets.forEach((d, i) => {
    const colour = colours[spec.lines[i]?.colour ?? 'bar-1'];
    d.borderColor = colour;
    d.backgroundColor = colour;
  });
  for (const scale of Object.values(chart.options.scales ?? {})) {
    if (!scale) continue;
    if (scale.ticks) scale.ticks.color = colours.muted;
    if (scale.grid) scale.grid.color = colours.border;
    if ('border' in scale && scale.border) scale.border.color = colours.border;
  }
  const tooltip = chart.options.plugins?.tooltip;
  if (tooltip) tooltip.titleColor = tooltip.bodyColor = colours.text;
}

/**
 * A chart of two of a node's figures over the window's span, drawn without animation and at
 * most once a second however often `version` changes; it follows the theme's colours.
 */
export function useNodeChart(
  canvas: Ref<HTMLCanvasElement | null>,
  spec: ChartSpec,
  ctx: () => AxisContext,
  version: () => number,
): void {
  let chart: NodeChart | undefined;
  let stopTheme: (() => void) | undefined;
  const newest = (): number => ctx().series.newestAt ?? Date.now();

  const redraw = throttle(() => {
    if (!chart) return;
    const c = ctx();
    chart.data.datasets.forEach((d, i) => (d.data = c.series.points(spec.lines[i]?.field ?? 'load')));
    const y = chart.options.scales?.y;
    if (y && spec.axes.y.suggestedMax) y.suggestedMax = spec.axes.y.suggestedMax(c);
    chart.update('none');
  }, REDRAW_MS);

  onMounted(() => {
    if (!canvas.value) return;
    chart = new Chart(canvas.value, chartConfig(spec, ctx(), newest));
    paint(chart, spec, documentColours());
    chart.update('none');
    stopTheme = onThemeChange(() => {
      if (!chart) return;
      paint(chart, spec, documentColours());
      chart.update('none');
    });
  });
  watch(version, () => redraw.request());
  onBeforeUnmount(() => {
    redraw.cancel();
    stopTheme?.();
    chart?.destroy();
    chart = undefined;
  });
}
