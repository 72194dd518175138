/** mosps and mosq: this node's MOSIX processes, and the cluster's queue and its operations. */
import { localProc, isAlive } from '../procInfo';
import { mospsText, parseMospsArgs } from '../mospsText';
import { mosqText } from '../mosqText';
import { applyQueueOp, type QueueOp } from '../records';
import { log, updateState } from '../store';
import { parseMosqArgs } from '../toolArgs';
import { context, mayAct, print } from './common';

export function mosps(args: string[]): number {
  const flags = parseMospsArgs(args);
  const ctx = context();
  return print(
    mospsText({ state: ctx.state, map: ctx.self.map, self: ctx.self.number, uid: ctx.uid, procs: localProc }, flags),
  );
}

export function mosq(args: string[]): number {
  const command = parseMosqArgs(args);
  const ctx = context();
  const self = ctx.self.number;
  if ('jobIds' in command) {
    const alive = (e: { pid: number; start: number }) => isAlive(e.pid, e.start);
    return print(mosqText({ queue: ctx.state.queue, map: ctx.self.map, self, alive }, command.op, command.jobIds));
  }
  // A throw inside updateState writes nothing: a job that is not the caller's stays as it was.
  const op: QueueOp = command;
  const entry = updateState((s) => {
    const e = applyQueueOp(s, op, self);
    if (!mayAct(ctx, e.uid)) throw new Error(`job ${e.pid} is ${e.user}'s`);
    return e;
  });
  log(`mosq ${args.join(' ')}: job ${entry.pid} of node ${entry.home}`);
  return 0;
}
