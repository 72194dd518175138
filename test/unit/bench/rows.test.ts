import { describe, expect, it } from 'vitest';
import type { HubResult } from '../../bench/hubBench';
import type { MetricsResult } from '../../bench/metricsBench';
import type { ProcsResult } from '../../bench/procsBench';
import type { FreezeSeenResult } from '../../bench/freezeSeenBench';
import type { PhaseFigures, ProcViewResult } from '../../bench/processViewBench';
import type { AgentTopResult } from '../../bench/procsTopBench';
import type { RendererResult } from '../../bench/rendererBench';
import {
  agentTopRows,
  freezeRows,
  hubRows,
  metricsRows,
  procsRows,
  procViewRows,
  quantile,
  rendererRows,
  streamRows,
} from '../../bench/support/rows';

const MB = 1024 * 1024;
// Distinct figures everywhere, so a cell shows which one it printed.
const memory = (anon: number, rss: number, peak: number) => ({
  anonBytes: anon * MB,
  rssBytes: rss * MB,
  peakBytes: peak * MB,
});

const metrics: MetricsResult = {
  seconds: 60,
  idleNode: memory(3, 38, 39),
  agent: { pid: 1, cpuSec: 0.3, memory: memory(12, 45, 53), samples: 60 },
  exporter: { pid: 2, cpuSec: 0.8, memory: memory(8, 18, 20), samples: 60, bytesPerScrape: 90_000 },
};

/** The label column of every row that reports memory (mentions one of the /proc/<pid>/status fields). */
const memoryRows = (rows: string[][]) => rows.filter((r) => /RssAnon|VmRSS|VmHWM/.test(r.join(' ')));

describe('the bench memory rows', () => {
  it('put the agent and exporter RssAnon first, labelled as the figure that counts, compared RssAnon to RssAnon', () => {
    const [first, ...rest] = memoryRows(metricsRows(metrics));
    expect(first).toEqual([
      '  private memory (RssAnon), the figure that counts',
      '12.0 MB (within 50 MB target)',
      '8.0 MB',
      '1.50',
    ]);
    expect(rest.map((r) => r[0])).toEqual([
      '  RSS at the end (VmRSS), shared pages too',
      '  peak RSS (VmHWM)',
      '  an idle Node, same binary',
    ]);
    expect(rest[2]?.[1]).toMatch(/^RssAnon 3\.0 MB /);
  });

  it('judge the 50 MB target by RssAnon, not by the shared pages', () => {
    const over = { ...metrics, agent: { ...metrics.agent, memory: memory(51, 60, 70) } };
    expect(memoryRows(metricsRows(over))[0]?.[1]).toBe('51.0 MB (OVER 50 MB target)');
  });

  it("lead the processes bench's agent memory with RssAnon", () => {
    const procs: ProcsResult = {
      sleepers: 2000,
      runs: 10,
      ps: { medianMs: 100, rows: 2100, oursSeen: 2000 },
      agent: { coldMs: 90, medianWarmMs: 60, rows: 2100, oursSeen: 2000, memory: memory(20, 60, 75) },
    };
    expect(memoryRows(procsRows(procs))).toEqual([
      ['  agent private memory after (RssAnon)', '20.0 MB (VmRSS 60.0 MB, VmHWM 75.0 MB)', '', ''],
    ]);
  });

  it("lead the hub bench's agents memory with their RssAnon, per node too", () => {
    const hub: HubResult = {
      ...{ nodes: 4, seconds: 20, firstUpMs: 3000, restartUpMs: 2000, cpuPerSecond: 0.06, samplesPerSecond: 4 },
      ...{ rssBytes: 120 * MB, agentsAnonBytes: 48 * MB, agentsRssBytes: 180 * MB },
    };
    const agents = hubRows(hub).filter((r) => r[0]?.includes('agents'));
    expect(agents).toEqual([
      ['  agents private memory (RssAnon), all nodes', '48.0 MB', '12.0 MB per node: the figure that counts'],
      ['  agents RSS (VmRSS), all nodes', '180.0 MB', '45.0 MB per node'],
    ]);
  });
});

describe('the stream bench rows', () => {
  it('print the batched and the per-sample CPU side by side, with their ratio and the history size', () => {
    const rows = streamRows({
      nodes: 200,
      seconds: 20,
      batchedCpuPercent: 3,
      perNodeCpuPercent: 6,
      batchedEventsPerSecond: 1,
      perNodeEventsPerSecond: 200,
      historyBytesPerNode: 50_400,
      historyBytesTotal: 10_080_000,
    });
    expect(rows.map((r) => r[1])).toEqual(['3.0 %', '6.0 %', '9.6 MB']);
    expect(rows[1]![2]).toContain('batched/before 0.50');
    expect(rows[2]![2]).toContain('50.4 KB per node');
  });
});

const renderer = (over: Partial<RendererResult> = {}): RendererResult => ({
  nodes: 200,
  firstMinutes: 1,
  totalMinutes: 10,
  routed: true,
  frames: { count: 36_000, late: 36, p50: 16.6, p95: 16.8, worst: 83.3 },
  work: { p50: 1.4, p95: 5.5, worst: 71.5 },
  longTasks: { count: 10, totalMs: 582, worstMs: 65 },
  heapFirstBytes: 10 * MB,
  heapLastBytes: 10.5 * MB,
  mainThreadPercent: 8.5,
  hubCpuPercent: 3.8,
  hubAnonBytes: 70 * MB,
  historyBytes: 200 * 50_400,
  historyNodes: 200,
  samplesPerSecond: 200,
  batchesPerSecond: 1,
  ...over,
});

describe('the renderer bench rows', () => {
  it.each([
    ['both met', renderer(), 'met', 'met'],
    ['frame work over 16 ms at p95', renderer({ work: { p50: 9, p95: 17, worst: 90 } }), 'NOT MET', 'met'],
    ['the heap grew 20 %', renderer({ heapLastBytes: 12 * MB }), 'met', 'NOT MET'],
    ['the heap shrank 20 %', renderer({ heapLastBytes: 8 * MB }), 'met', 'NOT MET'],
  ])('%s', (_name, result, frame, heap) => {
    const rows = rendererRows(result);
    expect(rows[0]![2]).toMatch(new RegExp(`^p95 <= 16 ms: ${frame} `));
    expect(rows.find((r) => r[0]!.includes('JS heap'))![2]).toBe(`within 10 %: ${heap}`);
  });

  it('prints the figures it was given', () => {
    const rows = rendererRows(renderer());
    expect(rows[0]![1]).toBe('1.4 ms / 5.5 ms / 71.5 ms');
    expect(rows.find((r) => r[0]!.includes('hub history'))![1]).toBe('9.6 MB');
  });
});

const phase = (workP95: number): PhaseFigures => ({
  frames: { count: 1200, late: 12, p50: 16.6, p95: 16.9, worst: 50 },
  work: { p50: 1.5, p95: workP95, worst: 40 },
  seconds: 20,
});
const procView = (over: Partial<ProcViewResult> = {}): ProcViewResult => ({
  nodes: 100,
  processesPerNode: 200,
  firstMinutes: 1,
  totalMinutes: 10,
  rows: 20_000,
  phases: { updates: phase(4), scrolling: phase(12), sorting: phase(15.9) },
  sortClick: { count: 100, p50: 120, p95: 200, worst: 250 },
  heapFirstBytes: 20 * MB,
  heapLastBytes: 21 * MB,
  mainThreadPercent: 30,
  hubCpuPercent: 9,
  hubAnonBytes: 200 * MB,
  rowChangesPerSecond: 2800,
  batchesPerSecond: 1,
  ...over,
});

describe('the process view bench rows', () => {
  it.each([
    ['every target met', procView(), ['met', 'met', 'met'], 'met'],
    [
      'scrolling over 16 ms at p95',
      procView({ phases: { updates: phase(4), scrolling: phase(16.1), sorting: phase(3) } }),
      ['met', 'NOT MET', 'met'],
      'met',
    ],
    ['the heap grew 20 %', procView({ heapLastBytes: 24 * MB }), ['met', 'met', 'met'], 'NOT MET'],
    [
      'no heap figure',
      procView({
        heapFirstBytes: Number.NaN,
        phases: { updates: phase(Number.NaN), scrolling: phase(1), sorting: phase(1) },
      }),
      ['n/a', 'met', 'met'],
      'n/a',
    ],
  ])('judge each phase and the heap: %s', (_name, result, phases, heap) => {
    const rows = procViewRows(result);
    const judged = rows.filter((r) => r[0]!.includes('frame work')).map((r) => r[2]);
    expect(judged).toEqual(phases.map((p) => `p95 <= 16 ms: ${p}`));
    expect(rows.find((r) => r[0]!.includes('JS heap'))![2]).toBe(`within 10 %: ${heap}`);
  });

  it('print the phases in order with their figures', () => {
    const rows = procViewRows(procView());
    expect(rows[0]![0]).toBe('process view: 100 nodes x 200 = 20000 rows at 1 Hz, 10 min');
    expect(rows.filter((r) => r[0]!.includes('frame work')).map((r) => r[0]!.trim())).toEqual([
      'updates (20 s): frame work p50 / p95 / worst',
      'scrolling (20 s): frame work p50 / p95 / worst',
      'sorting (20 s): frame work p50 / p95 / worst',
    ]);
    expect(rows[3]![1]).toBe('1.5 ms / 12.0 ms / 40.0 ms');
    expect(rows.find((r) => r[0]!.includes('JS heap'))![1]).toBe('20.0 MB / 21.0 MB (+5.0 %)');
  });

  const top = (agent: number, topSec: number): AgentTopResult => ({
    ...{ sleepers: 2000, seconds: 60, agentCpuSec: agent, topCpuSec: topSec, agentFirstTableCpuSec: 0.2 },
    ...{ notifications: 60, firstRows: 2120, oursSeen: 2000, changesPerTick: 25, agentMemory: memory(30, 70, 80) },
  });
  it.each([
    [top(2, 4), '0.50', 'met'],
    [top(4, 4), '1.00', 'met'],
    [top(4.4, 4), '1.10', 'NOT MET'],
    [top(1, 0), 'n/a', 'n/a'],
  ])('judge the agent against top as a ratio (%#)', (result, ratio, met) => {
    expect(agentTopRows(result)[0]![2]).toBe(`agent/top ${ratio}, <= 1.0: ${met}`);
  });

  const freeze = (seenMs: number[]): FreezeSeenResult => ({
    repetitions: 20,
    seenMs,
    continuedMs: [500],
    taskDoneMs: [40],
    batchMs: [450],
  });
  it.each([
    [freeze([100, 200, 299, 500]), 'met'],
    [freeze([250, 300, 350]), 'NOT MET'],
    [freeze([]), 'n/a'],
  ])('judge the freeze p50 against 300 ms (%#)', (result, met) => {
    expect(freezeRows(result)[0]![2]).toMatch(new RegExp(`^p50 < 300 ms: ${met} `));
  });

  it('take quantiles by nearest rank', () => {
    const twenty = Array.from({ length: 20 }, (_, i) => 20 - i);
    expect([quantile(twenty, 0.5), quantile(twenty, 0.95), quantile(twenty, 1), quantile(twenty, 0)]).toEqual([
      10, 19, 20, 1,
    ]);
    expect(quantile([], 0.5)).toBeNaN();
  });
});
