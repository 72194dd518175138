import { Chart } from 'chart.js';
import { describe, expect, it } from 'vitest';
import { HISTORY_FIELDS, type NodeHistory } from '../../../../../electron/api';
import { CHARTS, type ChartSpec } from '../../../../../renderer/src/features/nodePage/chartSpecs';
import { FALLBACK_COLOURS } from '../../../../../renderer/src/features/nodePage/chartTheme';
import { SeriesWindow } from '../../../../../renderer/src/features/nodePage/nodeSeries';
import { chartConfig, paint } from '../../../../../renderer/src/features/nodePage/useNodeChart';

/** A canvas whose 2D context does nothing: chart.js lays the chart out and draws into the void. */
function fakeCanvas(): HTMLCanvasElement {
  const canvas = { width: 600, height: 200, style: {} } as Record<string, unknown>;
  const ctx: unknown = new Proxy({ canvas, measureText: () => ({ width: 30 }) } as Record<string, unknown>, {
    get: (target, key) => (key in target ? target[key as string] : () => undefined),
    set: () => true,
  });
  canvas.getContext = () => ctx;
  return canvas as unknown as HTMLCanvasElement;
}

const T0 = 1_700_000_000_000;

function series(points: number): SeriesWindow {
  const at = Array.from({ length: points }, (_, i) => T0 + i * 1000);
  const s = Object.fromEntries(HISTORY_FIELDS.map((f) => [f, at.map((_, i) => i)])) as NodeHistory['series'];
  const w = new SeriesWindow();
  w.seed({ intervalMs: 1000, spanMs: 900_000, at, series: s });
  return w;
}

function chartOf(spec: ChartSpec, w: SeriesWindow) {
  const chart = new Chart(
    fakeCanvas(),
    chartConfig(spec, { series: w, cpuCount: 4 }, () => w.newestAt ?? 0),
  );
  paint(chart, spec, { ...FALLBACK_COLOURS, 'bar-1': 'red', 'bar-2': 'blue' });
  chart.update('none');
  return chart;
}

describe('the node chart config', () => {
  it.each(CHARTS.map((spec) => ({ id: spec.id, spec })))(
    '$id lays out over 15 minutes, labelled in minutes ago',
    ({ spec }) => {
      const chart = chartOf(spec, series(900));
      const x = chart.scales.x!;
      expect([x.min, x.max]).toEqual([-900, 0]);
      expect(x.ticks.map((t) => t.label)).toEqual(['15 min ago', '10 min ago', '5 min ago', 'now']);
      expect(chart.data.datasets.map((d) => d.borderColor)).toEqual(['red', 'blue']);
      expect(chart.data.datasets[0]?.data).toHaveLength(900);
      chart.destroy();
    },
  );

  it('puts CPU use on its own axis, 0 to 100 %', () => {
    const chart = chartOf(CHARTS[0]!, series(10));
    const y1 = chart.scales.y1!;
    expect([y1.min, y1.max]).toEqual([0, 100]);
    expect(y1.ticks.map((t) => t.label).at(-1)).toBe('100 %');
    expect(chart.scales.y!.max).toBeGreaterThanOrEqual(4);
    chart.destroy();
  });
});
