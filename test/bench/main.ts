/**
 * `npm run bench [-- metrics|procs|hub|streams|renderer|procview]`: what the agent costs next to the tools admins
 * already run, the hub with many nodes, the renderer on 200 of them, and the process view. Prints figures and never asserts speed. Options
 * (environment): BENCH_SECONDS (metrics window, default 60), BENCH_PROCS (extra sleeping
 * processes, default 2000), BENCH_RUNS (timed runs of ps and procs.list, default 10),
 * BENCH_NODES (test cluster nodes for the hub bench, default 32, at most 99), BENCH_HUB_SECONDS
 * (its streaming window, default 20), BENCH_STREAM_NODES / BENCH_STREAM_SECONDS (synthetic node
 * streams, default 200 nodes, 20 s), BENCH_RENDERER_NODES / BENCH_RENDERER_FIRST_MINUTES /
 * BENCH_RENDERER_MINUTES (the renderer on a synthetic hub: 200 nodes, heap after 1 and after 10
 * minutes; `BENCH_RENDERER_MINUTES=2 npm run bench -- renderer` for a short try; fractions
 * allowed), BENCH_PROCVIEW_NODES / BENCH_PROCVIEW_PROCESSES / BENCH_PROCVIEW_FIRST_MINUTES /
 * BENCH_PROCVIEW_MINUTES (the process view on a synthetic hub: 100 nodes x 200 processes, heap
 * after 1 and 10 minutes), BENCH_PROCS_SECONDS (the agent's procs stream next to top, 60 s, over
 * BENCH_PROCS sleepers), BENCH_FREEZE_RUNS (freeze click-to-seen repetitions on test cluster
 * bench34, subnet 34, 20; needs root), BENCH_PROCVIEW_PARTS (which of the process view's parts
 * run, comma-separated: view, top, freeze; all by default), BENCH_NO_BUILD=1 (use dist/ as it is).
 * Installs prometheus-node-exporter when missing, as root, like `npm test` does its packages.
 */
import { spawnSync } from 'node:child_process';
import { ensureDebianPackages, REQUIREMENTS as TEST_REQUIREMENTS, type Requirement } from '../setup/debianPackages';
import { ROOT } from '../support/dist';
import { benchHub } from './hubBench';
import { benchMetrics, EXPORTER } from './metricsBench';
import { benchFreezeSeen } from './freezeSeenBench';
import { benchProcView } from './processViewBench';
import { benchAgentVsTop } from './procsTopBench';
import { benchProcs } from './procsBench';
import { benchRenderer } from './rendererBench';
import { installCleanup, killAll, liveCount } from './support/cleanup';
import { table } from './support/format';
import {
  agentTopRows,
  freezeRows,
  hubRows,
  metricsRows,
  procsRows,
  procViewRows,
  rendererRows,
  streamRows,
} from './support/rows';
import { benchStreams } from './streamBench';

const REQUIREMENTS: Requirement[] = [
  { pkg: 'prometheus-node-exporter', file: EXPORTER, why: 'the metrics bench compares the agent with it' },
  { pkg: 'procps', file: '/usr/bin/ps', why: 'the processes bench compares procs.list with ps' },
  { pkg: 'procps', file: '/usr/bin/top', why: 'the process view bench compares the procs stream with top' },
];

/** What the test cluster needs, of what `npm test` installs. */
const CLUSTER_REQUIREMENTS = TEST_REQUIREMENTS.filter((r) =>
  ['openssh-server', 'openssh-client', 'iproute2', 'util-linux'].includes(r.pkg),
);
/** What the renderer bench needs: the e2e tests' Chromium and fonts. */
const BROWSER_REQUIREMENTS = TEST_REQUIREMENTS.filter((r) => ['chromium', 'fonts-dejavu-core'].includes(r.pkg));

function intOption(name: string, fallback: number, min: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new Error(`${name} must be an integer >= ${min}, not "${raw}".`);
  return n;
}

/** Minutes, fractions allowed (a short try of the renderer bench). */
function minutesOption(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a number of minutes > 0, not "${raw}".`);
  return n;
}

function build(parts: string[]): void {
  if (process.env.BENCH_NO_BUILD === '1') return;
  const result = spawnSync('npx', ['tsx', 'build/scripts/build.ts', ...parts], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`building ${parts.join(' ')} failed; the bench measures the current code.`);
}

/** The hub bench: its table rows, or why it could not run. */
async function runHubBench(hub: string[][], problems: string[]): Promise<void> {
  const nodes = Math.min(intOption('BENCH_NODES', 32, 1), 99);
  const seconds = intOption('BENCH_HUB_SECONDS', 20, 1);
  console.log(`\n== hub: ${nodes} test cluster nodes over SSH, streaming for ${seconds} s`);
  if (process.getuid?.() !== 0) {
    problems.push('hub: not run, it needs root (network namespaces)');
    return;
  }
  const r = await benchHub(nodes, seconds);
  hub.push(...hubRows(r));
  if (r.problem) problems.push(`hub: ${r.problem}`);
}

/** The hub with 200 synthetic node streams: batched events against one event per sample, and its history. */
async function runStreamBench(hub: string[][]): Promise<void> {
  const nodes = intOption('BENCH_STREAM_NODES', 200, 1);
  const seconds = intOption('BENCH_STREAM_SECONDS', 20, 1);
  console.log(`\n== streams: ${nodes} synthetic nodes at 1 Hz into the hub, ${seconds} s each way`);
  hub.push(...streamRows(await benchStreams(nodes, seconds)));
}

/** The packages and the build the chosen benches need. */
function prepare(wanted: string[]): void {
  ensureDebianPackages(REQUIREMENTS);
  // The hub bench needs root (namespaces) and the test cluster's packages.
  if (wanted.includes('hub') || wanted.includes('procview')) ensureDebianPackages(CLUSTER_REQUIREMENTS);
  const browser = wanted.includes('renderer') || wanted.includes('procview');
  if (browser) ensureDebianPackages(BROWSER_REQUIREMENTS);
  // The renderer benches run the built renderer; the hub it talks to runs from source.
  build(browser ? ['agent', 'renderer'] : ['agent']);
}

/** The renderer in Chromium on 200 synthetic nodes: frames, heap, and the hub's CPU and history. */
async function runRendererBench(rows: string[][], problems: string[]): Promise<void> {
  const nodes = intOption('BENCH_RENDERER_NODES', 200, 1);
  const totalMinutes = minutesOption('BENCH_RENDERER_MINUTES', 10);
  const firstMinutes = Math.min(minutesOption('BENCH_RENDERER_FIRST_MINUTES', 1), totalMinutes);
  console.log(`\n== renderer: Chromium on ${nodes} synthetic nodes at 1 Hz for ${totalMinutes} min`);
  const r = await benchRenderer({ nodes, firstMinutes, totalMinutes });
  rows.push(...rendererRows(r));
  if (r.problem) problems.push(`renderer: ${r.problem}`);
}

/** The process view: the renderer on 20,000 synthetic rows, the agent's procs stream next to top, a freeze seen. */
async function runProcViewBench(rows: string[][], problems: string[], sleepers: number): Promise<void> {
  const parts = procViewParts();
  if (parts.has('view')) await runProcViewRendererPart(rows, problems);
  if (parts.has('top')) await runProcViewTopPart(rows, problems, sleepers);
  if (parts.has('freeze')) await runProcViewFreezePart(rows, problems);
}

/** BENCH_PROCVIEW_PARTS: a single part can be rerun alone (the agent-vs-top figure is noisy). */
function procViewParts(): Set<string> {
  const known = ['view', 'top', 'freeze'];
  const raw = process.env.BENCH_PROCVIEW_PARTS;
  const parts = raw ? raw.split(',').map((p) => p.trim()) : known;
  const unknown = parts.filter((p) => !known.includes(p));
  if (unknown.length > 0)
    throw new Error(`BENCH_PROCVIEW_PARTS: unknown ${unknown.join(', ')}; known: ${known.join(', ')}.`);
  return new Set(parts);
}

async function runProcViewRendererPart(rows: string[][], problems: string[]): Promise<void> {
  const nodes = intOption('BENCH_PROCVIEW_NODES', 100, 1);
  const processesPerNode = intOption('BENCH_PROCVIEW_PROCESSES', 200, 1);
  const totalMinutes = minutesOption('BENCH_PROCVIEW_MINUTES', 10);
  const firstMinutes = Math.min(minutesOption('BENCH_PROCVIEW_FIRST_MINUTES', 1), totalMinutes);
  console.log(
    `\n== process view: Chromium on ${nodes} x ${processesPerNode} synthetic rows at 1 Hz for ${totalMinutes} min`,
  );
  const view = await benchProcView({ nodes, processesPerNode, firstMinutes, totalMinutes });
  rows.push(...procViewRows(view));
  if (view.problem) problems.push(`process view: ${view.problem}`);
}

async function runProcViewTopPart(rows: string[][], problems: string[], sleepers: number): Promise<void> {
  const seconds = intOption('BENCH_PROCS_SECONDS', 60, 1);
  console.log(`\n== process view: the agent's procs stream vs top -b -d 1 over ${sleepers} sleepers, ${seconds} s`);
  const top = await benchAgentVsTop(sleepers, seconds);
  rows.push(...agentTopRows(top));
  if (top.problem) problems.push(`procs stream: ${top.problem}`);
}

async function runProcViewFreezePart(rows: string[][], problems: string[]): Promise<void> {
  const runs = intOption('BENCH_FREEZE_RUNS', 20, 1);
  console.log(`\n== process view: freeze click-to-seen on test cluster bench34, ${runs} times`);
  if (process.getuid?.() !== 0) {
    problems.push('freeze click-to-seen: not run, it needs root (the test cluster)');
    return;
  }
  const freeze = await benchFreezeSeen(runs);
  rows.push(...freezeRows(freeze));
  if (freeze.problem) problems.push(`freeze click-to-seen: ${freeze.problem}`);
}

async function main(): Promise<void> {
  const known = ['metrics', 'procs', 'hub', 'streams', 'renderer', 'procview'];
  const wanted = process.argv.slice(2).length > 0 ? process.argv.slice(2) : known;
  const unknown = wanted.filter((w) => !known.includes(w));
  if (unknown.length > 0) throw new Error(`Unknown bench(es): ${unknown.join(', ')}. Known: ${known.join(', ')}.`);
  const seconds = intOption('BENCH_SECONDS', 60, 1);
  const sleepers = intOption('BENCH_PROCS', 2000, 0);
  const runs = intOption('BENCH_RUNS', 10, 1);
  installCleanup();
  prepare(wanted);

  const rows: string[][] = [['', 'agent', 'reference', 'agent/ref']];
  const hub: string[][] = [['', 'figure', 'what it includes']];
  const renderer: string[][] = [['', 'figure', 'target, or what it includes']];
  const procview: string[][] = [['', 'figure', 'target, or what it includes']];
  const problems: string[] = [];
  // One after the other: the 2,000 sleepers of (b) would otherwise weigh on (a)'s figures.
  if (wanted.includes('metrics')) {
    console.log(`\n== metrics: agent stream vs node exporter scrapes, ${seconds} s`);
    const r = await benchMetrics(seconds);
    rows.push(...metricsRows(r));
    if (r.agent.problem) problems.push(`agent (metrics): ${r.agent.problem}`);
    if (r.exporter.problem) problems.push(`node exporter: ${r.exporter.problem}`);
  }
  if (wanted.includes('procs')) {
    console.log(`\n== processes: procs.list vs ps over ${sleepers} extra sleeping processes, ${runs} runs`);
    const r = await benchProcs(sleepers, runs);
    rows.push(...procsRows(r));
    if (r.agent.error) problems.push(`agent (processes): ${r.agent.error}`);
  }
  if (wanted.includes('hub')) await runHubBench(hub, problems);
  if (wanted.includes('streams')) await runStreamBench(hub);
  if (wanted.includes('renderer')) await runRendererBench(renderer, problems);
  if (wanted.includes('procview')) await runProcViewBench(procview, problems, sleepers);
  for (const t of [rows, hub, renderer, procview]) if (t.length > 1) console.log(`\n${table(t)}`);
  for (const p of problems) console.log(`\nPROBLEM ${p}`);
  // Each bench has waited for its children to be reaped; this proves it.
  console.log(`\nbench processes still running: ${liveCount()}`);
}

main()
  .catch((err: unknown) => {
    console.error(`bench: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  })
  .finally(killAll);
