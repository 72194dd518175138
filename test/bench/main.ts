/**
 * `npm run bench [-- metrics|procs]`: what the agent costs next to the tools admins already run.
 * Prints figures and never asserts speed. Options (environment): BENCH_SECONDS (metrics window,
 * default 60), BENCH_PROCS (extra sleeping processes, default 2000), BENCH_RUNS (timed runs of
 * ps and procs.list, default 10), BENCH_NO_BUILD=1 (use dist/agent as it is).
 * Installs prometheus-node-exporter when missing, as root, like `npm test` does its packages.
 */
import { spawnSync } from 'node:child_process';
import { ensureDebianPackages, type Requirement } from '../setup/debianPackages';
import { ROOT } from '../support/dist';
import { benchMetrics, EXPORTER, type MetricsResult } from './metricsBench';
import { benchProcs, type ProcsResult } from './procsBench';
import { installCleanup, killAll, liveCount } from './support/cleanup';
import { mb, ms, ratio, sec, table } from './support/format';

const REQUIREMENTS: Requirement[] = [
  { pkg: 'prometheus-node-exporter', file: EXPORTER, why: 'the metrics bench compares the agent with it' },
  { pkg: 'procps', file: '/usr/bin/ps', why: 'the processes bench compares procs.list with ps' },
];

/** The agent's memory target (ARCHITECTURE: "costs next to nothing"). */
const MEMORY_TARGET_BYTES = 50 * 1024 * 1024;

function intOption(name: string, fallback: number, min: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new Error(`${name} must be an integer >= ${min}, not "${raw}".`);
  return n;
}

function metricsRows(r: MetricsResult): string[][] {
  const peakNote = r.agent.memory.peakBytes <= MEMORY_TARGET_BYTES ? 'within' : 'OVER';
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
      '  peak memory (VmHWM)',
      `${mb(r.agent.memory.peakBytes)} (${peakNote} 50 MB target)`,
      mb(r.exporter.memory.peakBytes),
      ratio(r.agent.memory.peakBytes, r.exporter.memory.peakBytes),
    ],
    [
      '  RSS at the end (VmRSS)',
      mb(r.agent.memory.rssBytes),
      mb(r.exporter.memory.rssBytes),
      ratio(r.agent.memory.rssBytes, r.exporter.memory.rssBytes),
    ],
    [
      '  of which private (RssAnon)',
      mb(r.agent.memory.anonBytes),
      mb(r.exporter.memory.anonBytes),
      ratio(r.agent.memory.anonBytes, r.exporter.memory.anonBytes),
    ],
    ['  an idle Node, same binary (VmHWM)', mb(r.idleNode.peakBytes), '', ''],
  ];
}

function procsRows(r: ProcsResult): string[][] {
  const a = r.agent;
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
    ['  agent peak memory after', `${mb(a.memory.peakBytes)} (RSS ${mb(a.memory.rssBytes)})`, '', ''],
  ];
}

function build(): void {
  if (process.env.BENCH_NO_BUILD === '1') return;
  const result = spawnSync('npm', ['run', '--silent', 'build:agent'], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('npm run build:agent failed; the bench measures the current agent.');
}

async function main(): Promise<void> {
  const wanted = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['metrics', 'procs'];
  const unknown = wanted.filter((w) => w !== 'metrics' && w !== 'procs');
  if (unknown.length > 0) throw new Error(`Unknown bench(es): ${unknown.join(', ')}. Known: metrics, procs.`);
  const seconds = intOption('BENCH_SECONDS', 60, 1);
  const sleepers = intOption('BENCH_PROCS', 2000, 0);
  const runs = intOption('BENCH_RUNS', 10, 1);
  installCleanup();
  ensureDebianPackages(REQUIREMENTS);
  build();

  const rows: string[][] = [['', 'agent', 'reference', 'agent/ref']];
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
  console.log(`\n${table(rows)}`);
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
