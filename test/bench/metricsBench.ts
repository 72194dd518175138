/**
 * (a) What node monitoring costs: the agent streaming `metrics` once a second against Debian's
 * prometheus-node-exporter (default collectors) scraped once a second over HTTP, side by side
 * for the same window. CPU time is the /proc/<pid>/stat delta over the window, taken after both
 * have served a first sample, so start-up is left out; memory is VmHWM/VmRSS at the end.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { killAndWait, track, withParentDeath } from './support/cleanup';
import { BenchAgent } from './support/benchAgent';
import { sleep } from './support/format';
import { freePort } from './support/freePort';
import { cpuSeconds, type Memory, memoryOf } from './support/procStatCpu';

export const EXPORTER = '/usr/bin/prometheus-node-exporter';

export interface SideResult {
  pid: number;
  cpuSec: number;
  memory: Memory;
  /** Samples the agent streamed / scrapes that succeeded, inside the window. */
  samples: number;
  /** Why the side did not deliver, when it did not. */
  problem?: string;
}

export interface MetricsResult {
  seconds: number;
  /** A Node process doing nothing: the floor under the agent's memory. */
  idleNode: Memory;
  agent: SideResult;
  exporter: SideResult & { bytesPerScrape: number };
}

async function startExporter(): Promise<{ child: ChildProcess; url: string; stderr: () => string }> {
  const port = await freePort();
  const [command, args] = withParentDeath(EXPORTER, [`--web.listen-address=127.0.0.1:${port}`]);
  const child = track(spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] }));
  let log = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (t: string) => (log = (log + t).slice(-2000)));
  return { child, url: `http://127.0.0.1:${port}/metrics`, stderr: () => log.trim().split('\n').slice(-3).join(' | ') };
}

/** One scrape; the body's size, or an Error. */
async function scrape(url: string): Promise<number> {
  const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
  const body = await res.text();
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return body.length;
}

async function firstScrape(url: string, exporter: ChildProcess, stderr: () => string): Promise<void> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (exporter.exitCode !== null) throw new Error(`node exporter exited (${exporter.exitCode}): ${stderr()}`);
    try {
      await scrape(url);
      return;
    } catch (err) {
      if (Date.now() > deadline) throw new Error(`node exporter never answered ${url}: ${String(err)}`, { cause: err });
      await sleep(200);
    }
  }
}

export async function benchMetrics(seconds: number): Promise<MetricsResult> {
  const agent = new BenchAgent();
  const exporter = await startExporter();
  try {
    await agent.call('hello', { protocolVersion: 1 });
    let streamed = 0;
    agent.onNotification((m) => {
      if (m.method === 'metrics') streamed++;
    });
    // A refused subscribe is a finding to print, not a reason to drop the exporter's figures.
    const sub = await agent.request('subscribe', { topic: 'metrics', intervalMs: 1000 });
    await firstScrape(exporter.url, exporter.child, exporter.stderr);
    const deadline = Date.now() + 5000;
    while (!sub.msg.error && streamed === 0 && Date.now() < deadline) await sleep(50);
    const agentProblem = sub.msg.error
      ? `subscribe answered error ${sub.msg.error.code}: ${sub.msg.error.message}`
      : streamed === 0
        ? `no metrics sample within 5 s; agent stderr: ${agent.stderrTail() || '(empty)'}`
        : undefined;

    const exporterPid = exporter.child.pid as number;
    const cpu0 = { agent: cpuSeconds(agent.pid), exporter: cpuSeconds(exporterPid) };
    const streamed0 = streamed;
    const scrapes = await scrapeFor(exporter.url, seconds);
    const cpu1 = { agent: cpuSeconds(agent.pid), exporter: cpuSeconds(exporterPid) };
    const agentSide: SideResult = {
      pid: agent.pid,
      cpuSec: cpu1.agent - cpu0.agent,
      memory: memoryOf(agent.pid),
      samples: streamed - streamed0,
      ...(agentProblem ? { problem: agentProblem } : {}),
    };
    return {
      seconds,
      idleNode: await idleNodeMemory(),
      agent: agentSide,
      exporter: {
        pid: exporterPid,
        cpuSec: cpu1.exporter - cpu0.exporter,
        memory: memoryOf(exporterPid),
        samples: scrapes.ok,
        bytesPerScrape: scrapes.bytes / Math.max(1, scrapes.ok),
        ...(scrapes.failures > 0 ? { problem: `${scrapes.failures} scrape(s) failed: ${scrapes.lastError}` } : {}),
      },
    };
  } finally {
    await Promise.all([agent.stop(), killAndWait([exporter.child])]);
  }
}

/** The memory of a Node process that only waits, measured like the agent's. */
async function idleNodeMemory(): Promise<Memory> {
  const child = track(spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' }));
  try {
    await sleep(1000);
    return memoryOf(child.pid as number);
  } finally {
    await killAndWait([child]);
  }
}

/** Scrapes once a second, on a fixed schedule, for `seconds`. */
async function scrapeFor(url: string, seconds: number) {
  const start = Date.now();
  const result = { ok: 0, failures: 0, bytes: 0, lastError: '' };
  for (let i = 1; i <= seconds; i++) {
    try {
      result.bytes += await scrape(url);
      result.ok++;
    } catch (err) {
      result.failures++;
      result.lastError = String(err);
    }
    await sleep(Math.max(0, start + i * 1000 - Date.now()));
  }
  return result;
}
