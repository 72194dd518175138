/** moskillall, testload, and the internal tools that one node runs on another over ssh. */
import { spawn } from 'node:child_process';
import { signalProcess } from '../migration';
import { BUNDLE } from '../paths';
import { isAlive, procStat } from '../procInfo';
import { sameRef } from '../records';
import { selfNode } from '../self';
import { log, readState, sleepSync, updateState } from '../store';
import { runTestload } from '../testload';
import { endsProcess, parseMoskillallArgs, parseTestloadArgs } from '../toolArgs';
import { context, mayAct, print } from './common';

/** moskillall [-{signal}] [-J{id}]: the caller's MOSIX processes with home here (and their queued jobs). */
export function moskillall(args: string[]): number {
  const { signal, jobId } = parseMoskillallArgs(args);
  const ctx = context();
  const here = ctx.self.number;
  const mine = <T extends { home: number; uid: number; jobId: number }>(x: T) =>
    x.home === here && mayAct(ctx, x.uid) && (jobId === null || x.jobId === jobId);
  const ends = endsProcess(signal);
  for (const rec of ctx.state.procs.filter(mine)) signalProcess(ctx.self, rec, signal, ends);
  const queued = ctx.state.queue.filter((e) => mine(e) && e.state === 'waiting');
  for (const e of queued) if (isAlive(e.pid, e.start)) process.kill(e.pid, signal);
  if (ends) updateState((s) => void (s.queue = s.queue.filter((e) => !queued.some((q) => sameRef(q, e)))));
  log(`moskillall ${args.join(' ')}: ${ctx.state.procs.filter(mine).length} processes, ${queued.length} queued`);
  return 0;
}

/** testload: a MOSIX process's deputy when mosrun recorded this PID, a plain CPU load otherwise. */
export async function testload(args: string[]): Promise<number> {
  const { seconds, memMb } = parseTestloadArgs(args);
  process.title = ['testload', ...args].join(' ');
  let self = null;
  try {
    self = selfNode();
  } catch {
    // Not a MOSIX node: still a CPU load.
  }
  const ref = { home: self?.number ?? 0, pid: process.pid };
  const recorded = self !== null && readState().procs.some((p) => sameRef(p, ref));
  await runTestload(self, { kind: recorded ? 'deputy' : 'plain', ref }, seconds, memMb);
  return 0;
}

const refOf = (args: string[]) => {
  const [home, pid] = args.map(Number);
  if (!Number.isInteger(home) || !Number.isInteger(pid)) throw new Error('expected <home node> <pid>');
  return { home: home as number, pid: pid as number };
};

/** `_guest <home> <pid>`: starts the guest of that testload here, detached, and names it in its record. */
export function guest(args: string[]): number {
  const ref = refOf(args);
  const self = selfNode();
  const child = spawn(process.execPath, [BUNDLE, '_guest-run', String(ref.home), String(ref.pid)], {
    detached: true,
    stdio: 'ignore',
  });
  child.unref();
  const pid = child.pid ?? 0;
  let start = procStat(pid)?.start;
  for (let i = 0; start === undefined && i < 100; i++, sleepSync(10)) start = procStat(pid)?.start;
  const named = updateState((s) => {
    const r = s.procs.find((p) => sameRef(p, ref));
    if (!r?.moving || start === undefined) return false;
    Object.assign(r, { where: self.number, guest: { pid, start }, nmigs: r.nmigs + 1, moving: false });
    return true;
  });
  if (!named) {
    child.kill('SIGKILL');
    throw new Error(`process ${ref.pid} of node ${ref.home} is not moving here`);
  }
  return print(`${pid}\n`);
}

/** `_guest-run <home> <pid>`: the guest itself, shown as /sbin/remote as MOSIX shows guests. */
export async function guestRun(args: string[]): Promise<number> {
  process.title = '/sbin/remote';
  await runTestload(selfNode(), { kind: 'guest', ref: refOf(args) }, 0, 0);
  return 0;
}

/** `_signal <pid> <start|-> <signal>`: a signal to that process here, if it still is that process. */
export function signalHere(args: string[]): number {
  const [pid, start, signal] = args;
  if (!/^\d+$/.test(pid ?? '') || !/^\d+$/.test(signal ?? '')) throw new Error('expected <pid> <start> <signal>');
  if (isAlive(Number(pid), start === '-' ? null : Number(start))) process.kill(Number(pid), Number(signal));
  return 0;
}
