/**
 * The process view's renderer figures (issue 10, item 7): Debian's Chromium (1280×800) on
 * `#/c/<id>/processes` of a synthetic hub whose nodes stream 20,000 rows changing at 1 Hz. Frame
 * work and intervals in three phases taking turns over the window (updates only; the table body
 * scrolled 200 px every frame; a column header clicked every 2 s), a header click to its sorted
 * frame, the JS heap after a forced GC after the first minute and at the end, the hub's CPU.
 * The agent's side is procsTopBench.ts, a freeze's click-to-seen freezeSeenBench.ts.
 */
import type { CDPSession, Page } from 'playwright-core';
import { launchChromium } from '../support/chromium';
import { processesUrl, showCluster, startSyntheticHub } from '../support/syntheticHub';
import { percentile, VSYNC_MS } from './rendererBench';
import { sleep } from './support/format';
import { cpuSeconds, memoryOf } from './support/procStatCpu';

export interface ProcViewOptions {
  nodes: number;
  processesPerNode: number;
  /** When the first heap figure is taken, and the whole window, in minutes. */
  firstMinutes: number;
  totalMinutes: number;
}

/** p50 / p95 / worst, ms. */
export interface Spread {
  p50: number;
  p95: number;
  worst: number;
}

export interface PhaseFigures {
  /** Frame intervals; `late`: longer than 1.5 frames of a 60 Hz display (a frame missed). */
  frames: Spread & { count: number; late: number };
  /** Each frame's work: its start to its rendering done. */
  work: Spread;
  /** Seconds of the window spent in this phase. */
  seconds: number;
}

export type PhaseName = 'updates' | 'scrolling' | 'sorting';
export const PHASES: readonly PhaseName[] = ['updates', 'scrolling', 'sorting'];

export interface ProcViewResult extends ProcViewOptions {
  /** Rows the table had at the end (its aria-rowcount less the header). */
  rows: number;
  phases: Record<PhaseName, PhaseFigures>;
  /** A header click to the end of the frame that drew the sorted table. */
  sortClick: Spread & { count: number };
  heapFirstBytes: number;
  heapLastBytes: number;
  /** Share of the page's main thread spent in tasks over the window, percent. */
  mainThreadPercent: number;
  hubCpuPercent: number;
  hubAnonBytes: number;
  /** Rows upserted or removed per second by the synthetic agents, and procs.batch events the page got per second. */
  rowChangesPerSecond: number;
  batchesPerSecond: number;
  problem?: string;
}

/** Phases take turns this long each, so the heap's window has all three in it. */
const PHASE_SECONDS = 20;
/** The columns the sorting phase clicks, in turn (a second click on one reverses it). */
const SORT_COLUMNS = ['cpu', 'rss', 'pid', 'user', 'command', 'node', 'time', 'stat'];

/**
 * Buckets as rendererBench's (0.1 ms up to 100 ms, then 1 ms up to 10 s), so its `percentile`
 * reads these histograms. Installed in the page as plain JS (tsx's helpers must not reach it).
 * `take()` returns the histograms since the last take and starts new ones: one per phase.
 */
const PROBE = `(() => {
  if (window.__pvProbe) return;
  const N = 10900;
  const bucket = (ms) => Math.min(N - 1, ms < 100 ? Math.floor(ms * 10) : 1000 + Math.floor(ms - 100));
  let intervals, work, sorts, count, worstInterval, worstWork, worstSort;
  const reset = () => {
    intervals = new Uint32Array(N); work = new Uint32Array(N); sorts = new Uint32Array(N);
    count = 0; worstInterval = 0; worstWork = 0; worstSort = 0;
  };
  reset();
  let last = 0, frameStart = 0, paused = false, sortAt = 0;
  const channel = new MessageChannel();
  channel.port1.onmessage = () => {
    if (paused || !frameStart) return;
    const now = performance.now();
    const ms = now - frameStart;
    work[bucket(ms)]++;
    worstWork = Math.max(worstWork, ms);
    if (sortAt) {
      const s = now - sortAt;
      sorts[bucket(s)]++;
      worstSort = Math.max(worstSort, s);
      sortAt = 0;
    }
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
  const sparse = (h) => Array.from(h).flatMap((n, i) => (n ? [[i, n]] : []));
  const body = () => document.querySelector('[data-testid="process-table"] .body');
  let scrolling = false, direction = 1, sortTimer = 0, sortTurn = 0;
  const scroll = () => {
    if (!scrolling) return;
    const el = body();
    if (el) {
      if (el.scrollTop + el.clientHeight >= el.scrollHeight - 1) direction = -1;
      else if (el.scrollTop <= 0) direction = 1;
      el.scrollTop += 200 * direction;
    }
    requestAnimationFrame(scroll);
  };
  const columns = ${JSON.stringify(SORT_COLUMNS)};
  const clickHeader = () => {
    const id = columns[sortTurn++ % columns.length];
    const th = document.querySelector('[data-testid="process-table"] [role="columnheader"][data-column="' + id + '"]');
    if (!th) return;
    sortAt = performance.now();
    th.click();
  };
  window.__pvProbe = {
    pause() { paused = true; last = frameStart = 0; },
    resume() { paused = false; },
    phase(name) {
      scrolling = name === 'scrolling';
      clearInterval(sortTimer);
      if (scrolling) requestAnimationFrame(scroll);
      if (name === 'sorting') { clickHeader(); sortTimer = setInterval(clickHeader, 2000); }
    },
    take() {
      const r = { count, worstInterval, worstWork, worstSort, intervals: sparse(intervals), work: sparse(work), sorts: sparse(sorts) };
      reset();
      return r;
    },
    rows() {
      const t = document.querySelector('[data-testid="process-table"]');
      return t ? Number(t.getAttribute('aria-rowcount')) - 1 : 0;
    },
  };
})()`;

type Histogram = [number, number][];
interface Take {
  count: number;
  worstInterval: number;
  worstWork: number;
  worstSort: number;
  intervals: Histogram;
  work: Histogram;
  sorts: Histogram;
}

/** Several takes' histograms as one. */
function merge(histograms: Histogram[]): Histogram {
  const sums = new Map<number, number>();
  for (const h of histograms) for (const [b, n] of h) sums.set(b, (sums.get(b) ?? 0) + n);
  return [...sums.entries()].sort(([a], [b]) => a - b);
}

const total = (h: Histogram): number => h.reduce((s, [, n]) => s + n, 0);
const spread = (h: Histogram, worst: number): Spread => ({
  p50: percentile(h, 0.5),
  p95: percentile(h, 0.95),
  worst: total(h) > 0 ? worst : Number.NaN,
});

function phaseFigures(takes: Take[], seconds: number): PhaseFigures {
  const intervals = merge(takes.map((t) => t.intervals));
  const work = merge(takes.map((t) => t.work));
  const late = intervals.reduce((s, [b, n]) => s + (percentile([[b, 1]], 1) > 1.5 * VSYNC_MS ? n : 0), 0);
  return {
    frames: {
      count: takes.reduce((s, t) => s + t.count, 0),
      late,
      ...spread(intervals, Math.max(0, ...takes.map((t) => t.worstInterval))),
    },
    work: spread(work, Math.max(0, ...takes.map((t) => t.worstWork))),
    seconds,
  };
}

async function heapAfterGc(cdp: CDPSession, page: Page): Promise<number> {
  // The collection blocks the page: its frames are not the app's, so the probe skips them.
  await page.evaluate('window.__pvProbe.pause()');
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  await page.evaluate('window.__pvProbe.resume()');
  return usedSize;
}

async function taskSeconds(cdp: CDPSession): Promise<number> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return metrics.find((m) => m.name === 'TaskDuration')?.value ?? Number.NaN;
}

export async function benchProcView(opts: ProcViewOptions): Promise<ProcViewResult> {
  const hub = await startSyntheticHub({
    clusters: [{ name: 'procs', nodes: opts.nodes, processes: opts.processesPerNode }],
  });
  const cluster = hub.clusters[0]!;
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const problems: string[] = [];
    page.on('pageerror', (err) => problems.push(err.message));
    let batches = 0;
    page.on('websocket', (ws) =>
      ws.on('framereceived', ({ payload }) => {
        if (typeof payload === 'string' && payload.startsWith('{"event":"procs.batch"')) batches++;
      }),
    );
    await page.goto(processesUrl(hub, cluster.id));
    await showCluster(page, cluster.id);
    await page.locator('[data-testid="process-table"]').waitFor({ timeout: 30_000 });
    await page.evaluate(PROBE);
    const wanted = opts.nodes * opts.processesPerNode;
    const filled = Date.now() + 60_000;
    while (((await page.evaluate('window.__pvProbe.rows()')) as number) < wanted && Date.now() < filled)
      await sleep(250);
    // Past the first render of the whole table: the steady state is measured.
    await sleep(5000);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const takes: Record<PhaseName, Take[]> = { updates: [], scrolling: [], sorting: [] };
    const seconds: Record<PhaseName, number> = { updates: 0, scrolling: 0, sorting: 0 };
    const [cpu0, task0, stats0, batches0, t0] = [
      cpuSeconds(hub.pid),
      await taskSeconds(cdp),
      await hub.stats(),
      batches,
      performance.now(),
    ];
    const firstAt = t0 + opts.firstMinutes * 60_000;
    const endAt = t0 + opts.totalMinutes * 60_000;
    let heapFirstBytes = Number.NaN;
    await page.evaluate('window.__pvProbe.take()');
    for (let turn = 0; performance.now() < endAt; turn++) {
      const name = PHASES[turn % PHASES.length] as PhaseName;
      await page.evaluate(`window.__pvProbe.phase(${JSON.stringify(name)})`);
      const start = performance.now();
      // A phase ends early for the first heap figure, so the figure is taken when asked.
      const until = Math.min(endAt, start + PHASE_SECONDS * 1000, Number.isNaN(heapFirstBytes) ? firstAt : endAt);
      await sleep(Math.max(0, until - start));
      await page.evaluate('window.__pvProbe.phase("updates")');
      takes[name].push((await page.evaluate('window.__pvProbe.take()')) as Take);
      seconds[name] += (performance.now() - start) / 1000;
      if (Number.isNaN(heapFirstBytes) && performance.now() >= firstAt) heapFirstBytes = await heapAfterGc(cdp, page);
    }
    const heapLastBytes = await heapAfterGc(cdp, page);
    const elapsed = (performance.now() - t0) / 1000;
    const [cpu1, task1, stats1] = [cpuSeconds(hub.pid), await taskSeconds(cdp), await hub.stats()];
    const sortTakes = takes.sorting;
    const sorts = merge(sortTakes.map((t) => t.sorts));
    const problem = problems.length > 0 ? `the page threw: ${problems.slice(0, 3).join('; ')}` : undefined;
    return {
      ...opts,
      rows: (await page.evaluate('window.__pvProbe.rows()')) as number,
      phases: {
        updates: phaseFigures(takes.updates, seconds.updates),
        scrolling: phaseFigures(takes.scrolling, seconds.scrolling),
        sorting: phaseFigures(takes.sorting, seconds.sorting),
      },
      sortClick: { count: total(sorts), ...spread(sorts, Math.max(0, ...sortTakes.map((t) => t.worstSort))) },
      heapFirstBytes,
      heapLastBytes,
      mainThreadPercent: ((task1 - task0) / elapsed) * 100,
      hubCpuPercent: ((cpu1 - cpu0) / elapsed) * 100,
      hubAnonBytes: memoryOf(hub.pid).anonBytes,
      rowChangesPerSecond: (stats1.procRows - stats0.procRows) / elapsed,
      batchesPerSecond: (batches - batches0) / elapsed,
      ...(problem && { problem }),
    };
  } finally {
    await browser.close().finally(() => hub.stop());
  }
}
