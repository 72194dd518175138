/**
 * The bench's printed rows. Memory leads with private memory (RssAnon), the figure that counts:
 * the rest of the RSS is mostly the node binary's file-backed pages, the same on every node and
 * reclaimable, so RSS and VmHWM follow it for reference.
 */
import type { HubResult } from '../hubBench';
import type { MetricsResult } from '../metricsBench';
import type { ProcsResult } from '../procsBench';
import type { RendererResult } from '../rendererBench';
import type { StreamResult } from '../streamBench';
import { mb, ms, ratio, sec } from './format';

/** The agent's memory target (ARCHITECTURE: "costs next to nothing"), against its RssAnon. */
export const MEMORY_TARGET_BYTES = 50 * 1024 * 1024;

export function metricsRows(r: MetricsResult): string[][] {
  const a = r.agent.memory;
  const e = r.exporter.memory;
  const targetNote = a.anonBytes <= MEMORY_TARGET_BYTES ? 'within' : 'OVER';
  return [
    [
      `metrics: CPU time in ${r.seconds} s`,
      sec(r.agent.cpuSec),
      `${sec(r.exporter.cpuSec)} (node exporter)`,
      ratio(r.agent.cpuSec, r.exporter.cpuSec),
    ],
    [
      '  samples in the window',
      `${r.agent.samples} streamed`,
      `${r.exporter.samples} scraped, ${(r.exporter.bytesPerScrape / 1024).toFixed(0)} KiB each`,
      '',
    ],
    [
      '  private memory (RssAnon), the figure that counts',
      `${mb(a.anonBytes)} (${targetNote} 50 MB target)`,
      mb(e.anonBytes),
      ratio(a.anonBytes, e.anonBytes),
    ],
    ['  RSS at the end (VmRSS), shared pages too', mb(a.rssBytes), mb(e.rssBytes), ratio(a.rssBytes, e.rssBytes)],
    ['  peak RSS (VmHWM)', mb(a.peakBytes), mb(e.peakBytes), ratio(a.peakBytes, e.peakBytes)],
    [
      '  an idle Node, same binary',
      `RssAnon ${mb(r.idleNode.anonBytes)} (VmRSS ${mb(r.idleNode.rssBytes)}, VmHWM ${mb(r.idleNode.peakBytes)})`,
      '',
      '',
    ],
  ];
}

export function procsRows(r: ProcsResult): string[][] {
  const a = r.agent;
  const m = a.memory;
  const listed = (rows: number, ours: number): string =>
    Number.isFinite(rows) ? `${rows} (${ours}/${r.sleepers} sleepers)` : 'n/a';
  return [
    [
      `procs: median of ${r.runs}, warm`,
      a.error ? 'error' : ms(a.medianWarmMs),
      `${ms(r.ps.medianMs)} (ps)`,
      ratio(a.medianWarmMs, r.ps.medianMs),
    ],
    ['  first call (cold)', a.error ? 'error' : ms(a.coldMs), '', ratio(a.coldMs, r.ps.medianMs)],
    ['  rows returned', listed(a.rows, a.oursSeen), listed(r.ps.rows, r.ps.oursSeen), ''],
    [
      '  agent private memory after (RssAnon)',
      `${mb(m.anonBytes)} (VmRSS ${mb(m.rssBytes)}, VmHWM ${mb(m.peakBytes)})`,
      '',
      '',
    ],
  ];
}

export function hubRows(r: HubResult): string[][] {
  const perNode = (v: number): string => (Number.isFinite(v) ? (v / r.nodes).toFixed(4) : 'n/a');
  return [
    [`hub: ${r.nodes} nodes, add to all up`, ms(r.firstUpMs), 'host keys answered by the bench, agent uploaded'],
    ['  new hub to all up again', ms(r.restartUpMs), 'keys known, agents cached: one SSH session each'],
    [
      `  CPU s per s, streaming ${r.seconds} s`,
      Number.isFinite(r.cpuPerSecond) ? r.cpuPerSecond.toFixed(3) : 'n/a',
      `${perNode(r.cpuPerSecond)} per node; ${r.samplesPerSecond.toFixed(1)} samples/s; pings`,
    ],
    ['  hub (and bench) RSS', mb(r.rssBytes), 'one process'],
    [
      '  agents private memory (RssAnon), all nodes',
      mb(r.agentsAnonBytes),
      `${mb(r.agentsAnonBytes / r.nodes)} per node: the figure that counts`,
    ],
    ['  agents RSS (VmRSS), all nodes', mb(r.agentsRssBytes), `${mb(r.agentsRssBytes / r.nodes)} per node`],
  ];
}

export function streamRows(r: StreamResult): string[][] {
  const pct = (v: number): string => (Number.isFinite(v) ? `${v.toFixed(1)} %` : 'n/a');
  return [
    [
      `streams: ${r.nodes} synthetic nodes, hub CPU batched`,
      pct(r.batchedCpuPercent),
      `of one core; ${r.batchedEventsPerSecond.toFixed(1)} events/s to the window`,
    ],
    [
      '  the same, one event per sample (before)',
      pct(r.perNodeCpuPercent),
      `${r.perNodeEventsPerSecond.toFixed(0)} events/s; batched/before ${ratio(r.batchedCpuPercent, r.perNodeCpuPercent)}`,
    ],
    [
      '  history (15 min at 1 s), all nodes',
      mb(r.historyBytesTotal),
      `${(r.historyBytesPerNode / 1000).toFixed(1)} KB per node, fixed typed arrays`,
    ],
  ];
}

/** The targets for the renderer with 200 nodes streaming at 1 Hz. */
export const FRAME_P95_TARGET_MS = 16;
export const HEAP_GROWTH_TARGET = 0.1;

const judged = (met: boolean | undefined): string => (met === undefined ? 'n/a' : met ? 'met' : 'NOT MET');

/**
 * The 16 ms target is judged on each frame's work: an interval between animation frames is
 * the display's 16.7 ms however light the page, so intervals say whether frames were missed.
 */
export function rendererRows(r: RendererResult): string[][] {
  const { frames: f, work: w, longTasks: lt } = r;
  const growth = (r.heapLastBytes - r.heapFirstBytes) / r.heapFirstBytes;
  const heapMet = Number.isFinite(growth) ? Math.abs(growth) <= HEAP_GROWTH_TARGET : undefined;
  const frameMet = Number.isFinite(w.p95) ? w.p95 <= FRAME_P95_TARGET_MS : undefined;
  const pct = (v: number): string => (Number.isFinite(v) ? `${v.toFixed(1)} %` : 'n/a');
  const three = (v: { p50: number; p95: number; worst: number }): string =>
    `${ms(v.p50)} / ${ms(v.p95)} / ${ms(v.worst)}`;
  return [
    [
      `renderer: ${r.nodes} nodes at 1 Hz for ${r.totalMinutes} min, frame work p50 / p95 / worst`,
      three(w),
      `p95 <= ${FRAME_P95_TARGET_MS} ms: ${judged(frameMet)} (frame start to its rendering done)`,
    ],
    [
      '  frame interval p50 / p95 / worst',
      three(f),
      `${f.count} frames, ${f.late} (${pct((f.late / f.count) * 100)}) late: over 25 ms, a 60 Hz frame missed`,
    ],
    [
      '  long tasks (> 50 ms)',
      lt ? `${lt.count}, ${ms(lt.totalMs)} in all` : 'n/a',
      lt ? `worst ${ms(lt.worstMs)}` : 'no longtask entries in this browser',
    ],
    [
      `  JS heap after GC, ${r.firstMinutes} min / ${r.totalMinutes} min`,
      `${mb(r.heapFirstBytes)} / ${mb(r.heapLastBytes)} (${growth >= 0 ? '+' : ''}${pct(growth * 100)})`,
      `within ${HEAP_GROWTH_TARGET * 100} %: ${judged(heapMet)}`,
    ],
    ['  page main thread busy', pct(r.mainThreadPercent), `${r.batchesPerSecond.toFixed(2)} metrics.batch/s received`],
    [
      '  hub CPU over the window',
      pct(r.hubCpuPercent),
      `of one core; ${r.samplesPerSecond.toFixed(0)} samples/s in; private memory ${mb(r.hubAnonBytes)}`,
    ],
    [
      `  hub history, ${r.historyNodes} nodes`,
      mb(r.historyBytes),
      `${(r.historyBytes / r.historyNodes / 1000).toFixed(1)} KB per node; ${r.routed ? 'page on #/c/<id>/monitor' : 'route unknown to this page: chosen in the sidebar'}`,
    ],
  ];
}
