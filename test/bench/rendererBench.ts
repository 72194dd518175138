/**
 * The renderer while 200 nodes stream at 1 Hz: Debian's Chromium (1280×800) on a synthetic hub,
 * on the cluster monitor's route. Frame intervals and each frame's work from a
 * requestAnimationFrame loop in the page, long tasks, the JS heap after a forced GC (CDP) after
 * the first minute and at the end, and the hub's CPU (/proc) and history over the same window.
 */
import type { CDPSession, Page } from 'playwright-core';
import { launchChromium } from '../support/chromium';
import { monitorUrl, showCluster, startSyntheticHub, type SyntheticHub } from '../support/syntheticHub';
import { sleep } from './support/format';
import { cpuSeconds, memoryOf } from './support/procStatCpu';

export interface RendererOptions {
  nodes: number;
  /** When the first heap figure is taken, and the whole window, in minutes. */
  firstMinutes: number;
  totalMinutes: number;
}

export interface RendererResult extends RendererOptions {
  /** False when the page did not know the route and the cluster was chosen in the sidebar. */
  routed: boolean;
  /** Intervals between animation frames; `late`: longer than 1.5 frames of a 60 Hz display (a frame missed). */
  frames: { count: number; late: number; p50: number; p95: number; worst: number };
  work: { p50: number; p95: number; worst: number };
  longTasks: { count: number; totalMs: number; worstMs: number } | null;
  heapFirstBytes: number;
  heapLastBytes: number;
  /** Share of the page's main thread spent in tasks over the window, percent. */
  mainThreadPercent: number;
  hubCpuPercent: number;
  hubAnonBytes: number;
  historyBytes: number;
  historyNodes: number;
  samplesPerSecond: number;
  batchesPerSecond: number;
  problem?: string;
}

/**
 * Histogram buckets: 0.1 ms up to 100 ms, then 1 ms up to 10 s (the last bucket holds longer
 * ones). Fixed memory, so the probe does not grow the heap it is measuring.
 */
const BUCKET_SOURCE = `(ms) => Math.min(10899, ms < 100 ? Math.floor(ms * 10) : 1000 + Math.floor(ms - 100))`;
/** The middle of a bucket, in ms. */
const bucketMs = (b: number): number => (b < 1000 ? (b + 0.5) / 10 : 100 + (b - 1000) + 0.5);

/**
 * Installed in the page as plain JS (a string: tsx's helpers must not reach the page). Per
 * frame: the interval since the previous one, and its work, from the frame's start to a message
 * posted in its rAF callback (which runs once the frame's script, style, layout and paint are done).
 */
const FRAME_PROBE = `(() => {
  if (window.__frameProbe) return;
  const intervals = new Uint32Array(10900);
  const work = new Uint32Array(10900);
  const bucket = ${BUCKET_SOURCE};
  let last = 0, frameStart = 0, count = 0, worstInterval = 0, worstWork = 0, paused = false;
  const pauses = [];
  const channel = new MessageChannel();
  channel.port1.onmessage = () => {
    if (paused || !frameStart) return;
    const ms = performance.now() - frameStart;
    work[bucket(ms)]++;
    worstWork = Math.max(worstWork, ms);
  };
  const loop = (ts) => {
    if (!paused && last) {
      const d = ts - last;
      intervals[bucket(d)]++;
      count++;
      worstInterval = Math.max(worstInterval, d);
    }
    last = frameStart = paused ? 0 : ts;
    if (!paused) channel.port2.postMessage(0);
    requestAnimationFrame(loop);
  };
  requestAnimationFrame(loop);
  let longTasks = { count: 0, totalMs: 0, worstMs: 0 };
  const inPause = (e) => pauses.some(([a, b]) => e.startTime < (b ?? Infinity) && e.startTime + e.duration > a);
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        if (inPause(e)) continue;
        longTasks.count++;
        longTasks.totalMs += e.duration;
        longTasks.worstMs = Math.max(longTasks.worstMs, e.duration);
      }
    }).observe({ type: 'longtask' });
  } catch {
    longTasks = null;
  }
  const sparse = (h) => Array.from(h).flatMap((n, i) => (n ? [[i, n]] : []));
  window.__frameProbe = {
    pause() { paused = true; last = frameStart = 0; pauses.push([performance.now()]); },
    resume() { paused = false; pauses[pauses.length - 1].push(performance.now()); },
    report: () => ({ count, worstInterval, worstWork, intervals: sparse(intervals), work: sparse(work), longTasks }),
  };
})()`;

/** What the probe reports: histograms as [bucket, frames] pairs. */
interface FrameReport {
  count: number;
  worstInterval: number;
  worstWork: number;
  intervals: [number, number][];
  work: [number, number][];
  longTasks: RendererResult['longTasks'];
}

/** One frame of a 60 Hz display. */
export const VSYNC_MS = 1000 / 60;

const countAbove = (histogram: [number, number][], ms: number): number =>
  histogram.reduce((sum, [bucket, n]) => sum + (bucketMs(bucket) > ms ? n : 0), 0);

/** The `q` quantile of a sparse histogram, in ms (the middle of its bucket). */
export function percentile(histogram: [number, number][], q: number): number {
  const total = histogram.reduce((sum, [, n]) => sum + n, 0);
  let seen = 0;
  for (const [bucket, n] of histogram) {
    seen += n;
    if (seen >= q * total) return bucketMs(bucket);
  }
  return Number.NaN;
}

/** Used JS heap after a full collection, so garbage not yet collected does not count. */
async function heapAfterGc(cdp: CDPSession, page: Page): Promise<number> {
  // The collection blocks the page: its frames are not the app's, so the probe skips them.
  await page.evaluate('window.__frameProbe.pause()');
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  await page.evaluate('window.__frameProbe.resume()');
  return usedSize;
}

async function taskSeconds(cdp: CDPSession): Promise<number> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return metrics.find((m) => m.name === 'TaskDuration')?.value ?? Number.NaN;
}

/** Counts the hub's `metrics.batch` messages to the page, as the page receives them. */
function countBatches(page: Page): () => number {
  let batches = 0;
  page.on('websocket', (ws) =>
    ws.on('framereceived', ({ payload }) => {
      if (typeof payload === 'string' && payload.startsWith('{"event":"metrics.batch"')) batches++;
    }),
  );
  return () => batches;
}

/** The measured window: frames from the probe, heap at the first mark and the end, hub CPU. */
async function measure(page: Page, cdp: CDPSession, hub: SyntheticHub, opts: RendererOptions, batches: () => number) {
  await page.evaluate(FRAME_PROBE);
  const [cpu0, task0, stats0, batches0, t0] = [
    cpuSeconds(hub.pid),
    await taskSeconds(cdp),
    await hub.stats(),
    batches(),
    performance.now(),
  ];
  await sleep(opts.firstMinutes * 60_000);
  const heapFirstBytes = await heapAfterGc(cdp, page);
  await sleep(Math.max(0, opts.totalMinutes - opts.firstMinutes) * 60_000);
  const heapLastBytes = await heapAfterGc(cdp, page);
  const report = (await page.evaluate('window.__frameProbe.report()')) as FrameReport;
  const elapsed = (performance.now() - t0) / 1000;
  const [cpu1, task1, stats1] = [cpuSeconds(hub.pid), await taskSeconds(cdp), await hub.stats()];
  return {
    frames: {
      count: report.count,
      late: countAbove(report.intervals, 1.5 * VSYNC_MS),
      ...summary(report.intervals, report.worstInterval),
    },
    work: summary(report.work, report.worstWork),
    longTasks: report.longTasks,
    heapFirstBytes,
    heapLastBytes,
    mainThreadPercent: ((task1 - task0) / elapsed) * 100,
    hubCpuPercent: ((cpu1 - cpu0) / elapsed) * 100,
    hubAnonBytes: memoryOf(hub.pid).anonBytes,
    historyBytes: stats1.historyBytes,
    historyNodes: stats1.nodes,
    samplesPerSecond: (stats1.samples - stats0.samples) / elapsed,
    batchesPerSecond: (batches() - batches0) / elapsed,
  };
}

const summary = (histogram: [number, number][], worst: number) => ({
  p50: percentile(histogram, 0.5),
  p95: percentile(histogram, 0.95),
  worst,
});

export async function benchRenderer(opts: RendererOptions): Promise<RendererResult> {
  const hub = await startSyntheticHub({ clusters: [{ name: 'bench', nodes: opts.nodes }] });
  const cluster = hub.clusters[0]!;
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const problems: string[] = [];
    page.on('pageerror', (err) => problems.push(err.message));
    const batches = countBatches(page);
    await page.goto(monitorUrl(hub, cluster.id));
    const routed = await showCluster(page, cluster.id);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    // Past the first render of every node and the first batches: the steady state is measured.
    const settled = Date.now() + 30_000;
    while (batches() < 3 && Date.now() < settled) await sleep(200);
    await sleep(5000);
    const figures = await measure(page, cdp, hub, opts, batches);
    const problem = problems.length > 0 ? `the page threw: ${problems.slice(0, 3).join('; ')}` : undefined;
    return { ...opts, routed, ...figures, ...(problem && { problem }) };
  } finally {
    await browser.close().finally(() => hub.stop());
  }
}
