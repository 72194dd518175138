import { Chart, Filler, LinearScale, LineController, LineElement, PointElement, Tooltip } from 'chart.js';
import { onBeforeUnmount, onMounted, type Ref, watch } from 'vue';

Chart.register(LineController, LineElement, PointElement, LinearScale, Filler, Tooltip);

export interface LineChartOptions {
  label: string;
  color: string;
  /** The y axis starts at 0 and reaches at least this. */
  suggestedMax: () => number;
  /** The x axis shows this much time up to the newest point, so the line grows from the right. */
  windowMs: number;
}

/** A live line chart on a canvas; `points` must return a new array on each update. */
export function useLineChart(
  canvas: Ref<HTMLCanvasElement | null>,
  points: () => { x: number; y: number }[],
  opts: LineChartOptions,
): void {
  let chart: Chart<'line'> | undefined;
  const xRange = (data: { x: number }[]): { min?: number; max?: number } => {
    const last = data.at(-1)?.x;
    return last === undefined ? {} : { min: last - opts.windowMs, max: last };
  };
  onMounted(() => {
    if (!canvas.value) return;
    chart = new Chart(canvas.value, {
      type: 'line',
      data: {
        datasets: [
          {
            label: opts.label,
            data: points(),
            borderColor: opts.color,
            backgroundColor: `${opts.color}22`,
            fill: true,
            pointRadius: 0,
            borderWidth: 1.5,
            tension: 0.25,
          },
        ],
      },
      options: {
        animation: false,
        parsing: false,
        normalized: true,
        responsive: true,
        maintainAspectRatio: false,
        plugins: { legend: { display: false }, tooltip: { enabled: true, intersect: false } },
        scales: {
          x: { type: 'linear', display: false, ...xRange(points()) },
          y: {
            beginAtZero: true,
            suggestedMax: opts.suggestedMax(),
            ticks: { color: '#94a3b8', maxTicksLimit: 4 },
            grid: { color: '#1e293b' },
          },
        },
      },
    });
  });
  watch(points, (data) => {
    if (!chart) return;
    chart.data.datasets[0]!.data = data;
    const { x, y } = chart.options.scales ?? {};
    if (x) Object.assign(x, xRange(data));
    if (y) y.suggestedMax = opts.suggestedMax();
    chart.update('none');
  });
  onBeforeUnmount(() => chart?.destroy());
}
