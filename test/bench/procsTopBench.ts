/**
 * The process view's agent side (issue 10, item 7): the real agent bundle streaming `procs` at
 * 1 Hz over N extra sleeping processes, side by side with `top -b -d 1` over the same window and
 * the same table. CPU seconds of each from /proc/<pid>/stat, so both are measured by one ruler;
 * the agent's first (cold, whole) table apart.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import type { ProcChanges } from '../../agent/src/protocol/procTypes';
import { BenchAgent } from './support/benchAgent';
import { killAndWait, track, withParentDeath } from './support/cleanup';
import { sleep } from './support/format';
import { cpuSeconds, memoryOf, type Memory } from './support/procStatCpu';
import { startSleepers } from './support/sleepers';

export interface AgentTopResult {
  sleepers: number;
  seconds: number;
  /** CPU seconds over the window, from /proc/<pid>/stat. */
  agentCpuSec: number;
  topCpuSec: number;
  /** The agent's CPU until its first (whole, cold) table was sent, apart from the window. */
  agentFirstTableCpuSec: number;
  notifications: number;
  /** Rows of the first notification (the whole table), and of ours among them. */
  firstRows: number;
  oursSeen: number;
  /** Rows upserted or removed per notification after the first, on average. */
  changesPerTick: number;
  agentMemory: Memory;
  problem?: string;
}

export async function benchAgentVsTop(count: number, seconds: number): Promise<AgentTopResult> {
  const sleepers = await startSleepers(count);
  const agent = new BenchAgent();
  let top: ChildProcess | undefined;
  try {
    await agent.call('hello', { protocolVersion: 1 });
    const notes: ProcChanges[] = [];
    let firstSeen: () => void = () => undefined;
    const first = new Promise<void>((r) => (firstSeen = r));
    agent.onNotification((m) => {
      if (m.method !== 'procs') return;
      notes.push((m.params as { changes: ProcChanges }).changes);
      if (notes.length === 1) firstSeen();
    });
    const agentCpu0 = cpuSeconds(agent.pid);
    await agent.call('subscribe', { topic: 'procs', intervalMs: 1000 });
    const timeout = setTimeout(() => firstSeen(), 30_000);
    await first;
    clearTimeout(timeout);
    if (notes.length === 0) throw new Error(`the agent sent no procs notification in 30 s; ${agent.stderrTail()}`);
    const firstTable = notes[0]!;
    // top starts now and runs as long as the window: both read the same table at the same rate.
    const [command, args] = withParentDeath('top', ['-b', '-d', '1']);
    top = track(spawn(command, args, { stdio: ['ignore', 'ignore', 'ignore'] }));
    const topPid = top.pid as number;
    await sleep(200); // setpriv has exec'd top
    const [a0, t0, n0] = [cpuSeconds(agent.pid), cpuSeconds(topPid), notes.length];
    const agentFirstTableCpuSec = a0 - agentCpu0;
    await sleep(seconds * 1000);
    const [a1, t1] = [cpuSeconds(agent.pid), cpuSeconds(topPid)];
    const window = notes.slice(n0);
    const changed = notes.slice(1).reduce((s, c) => s + c.upserted.length + c.removed.length, 0);
    return {
      sleepers: count,
      seconds,
      agentCpuSec: a1 - a0,
      topCpuSec: t1 - t0,
      agentFirstTableCpuSec,
      notifications: window.length,
      firstRows: firstTable.upserted.length,
      oursSeen: firstTable.upserted.filter((r) => sleepers.pids.has(r.pid)).length,
      changesPerTick: notes.length > 1 ? changed / (notes.length - 1) : Number.NaN,
      agentMemory: memoryOf(agent.pid),
      ...(window.length < seconds - 2 && {
        problem: `the agent sent ${window.length} notifications in ${seconds} s at 1 Hz`,
      }),
    };
  } finally {
    await Promise.all([agent.stop(), sleepers.stop(), top ? killAndWait([top]) : undefined]);
  }
}
