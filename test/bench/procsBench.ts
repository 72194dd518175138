/**
 * (b) What a process view costs on a busy node: `ps` with the columns mosps shows against the
 * agent's `procs.list`, both over the same table of N extra `sleep 600` processes. Wall time,
 * median of several runs; the agent's first call (cold: every process is new to it) apart.
 */
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import type { ProcList } from '../../agent/src/protocol/procTypes';
import { BenchAgent } from './support/benchAgent';
import { median } from './support/format';
import { memoryOf, type Memory } from './support/procStatCpu';
import { startSleepers } from './support/sleepers';

const PS_ARGS = ['-eo', 'pid,user,stat,pcpu,rss,tty,lstart,args'];

export interface ProcsResult {
  sleepers: number;
  runs: number;
  ps: { medianMs: number; rows: number; oursSeen: number };
  agent: {
    coldMs: number;
    medianWarmMs: number;
    rows: number;
    oursSeen: number;
    memory: Memory;
    /** The error procs.list answered, when it did not list. */
    error?: string;
  };
}

function runPs(): { ms: number; pids: number[] } {
  const t0 = performance.now();
  const out = spawnSync('ps', PS_ARGS, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const ms = performance.now() - t0;
  if (out.status !== 0) throw new Error(`ps failed (${out.status ?? out.signal}): ${out.stderr}`);
  const pids = out.stdout
    .split('\n')
    .slice(1)
    .filter(Boolean)
    .map((line) => Number.parseInt(line, 10));
  return { ms, pids };
}

const seen = (pids: Iterable<number>, ours: Set<number>): number => [...pids].filter((p) => ours.has(p)).length;

export async function benchProcs(count: number, runs: number): Promise<ProcsResult> {
  const sleepers = await startSleepers(count);
  const agent = new BenchAgent();
  try {
    await agent.call('hello', { protocolVersion: 1 });
    const cold = await agent.request('procs.list', {});
    const agentResult: ProcsResult['agent'] = {
      coldMs: cold.ms,
      medianWarmMs: Number.NaN,
      rows: Number.NaN,
      oursSeen: Number.NaN,
      memory: memoryOf(agent.pid),
    };
    if (cold.msg.error)
      agentResult.error = `procs.list answered error ${cold.msg.error.code}: ${cold.msg.error.message}`;
    const psTimes: number[] = [];
    const warmTimes: number[] = [];
    let psPids: number[] = [];
    let agentRows: ProcList['rows'] = [];
    // Alternate the two, so a burst of load elsewhere on the machine hits both alike.
    for (let i = 0; i < runs; i++) {
      const ps = runPs();
      psTimes.push(ps.ms);
      psPids = ps.pids;
      if (agentResult.error) continue;
      const warm = await agent.request('procs.list', {});
      if (warm.msg.error)
        throw new Error(`procs.list answered error ${warm.msg.error.code}: ${warm.msg.error.message}`);
      warmTimes.push(warm.ms);
      agentRows = (warm.msg.result as ProcList).rows;
    }
    if (!agentResult.error) {
      agentResult.medianWarmMs = median(warmTimes);
      agentResult.rows = agentRows.length;
      agentResult.oursSeen = seen(
        agentRows.map((r) => r.pid),
        sleepers.pids,
      );
    }
    agentResult.memory = memoryOf(agent.pid);
    return {
      sleepers: count,
      runs,
      ps: { medianMs: median(psTimes), rows: psPids.length, oursSeen: seen(psPids, sleepers.pids) },
      agent: agentResult,
    };
  } finally {
    await Promise.all([agent.stop(), sleepers.stop()]);
  }
}
