/**
 * mosrun, run by its wrapper as `_mosrun <the wrapper's PID> <mosrun's arguments>`: records the
 * wrapper's process as a MOSIX process (or queues it and waits, as a live `mosqueue` process,
 * until `mosq run` releases it), then prints how many words of options precede the program. The
 * wrapper shifts them off and execs the program, which keeps the PID MOSIX knows it by.
 */
import { basename } from 'node:path';
import { isAlive, procStat } from '../procInfo';
import { type ProcRecord, type QueueEntry, sameRef } from '../records';
import { nodeByName } from '../self';
import { log, readState, updateState } from '../store';
import { type MosrunOptions, parseMosrunArgs } from '../mosrunArgs';
import { type Context, context, print } from './common';

const POLL_MS = 200;

function newRecord(ctx: Context, o: MosrunOptions, argv: string[], pid: number, start: number): ProcRecord {
  const program = basename(argv[o.programIndex] as string);
  const placeAt = o.placement?.kind === 'node' ? nodeByName(ctx.self.map, ctx.state.hosts, o.placement.node) : null;
  const testload = program === 'testload' || program === 'mostestload';
  const home = ctx.self.number;
  // A program the stand-in cannot move starts "there" in its record only.
  const where = !testload && placeAt !== null ? placeAt : home;
  return {
    ...{ home, pid, start, uid: ctx.uid, user: ctx.user, jobId: o.jobId, where, nmigs: 0, frz: '-' },
    ...{ cls: o.batch === 'E' ? 'batch' : o.cls, memMb: o.memMb, dueMinutes: o.dueMinutes },
    ...{ command: ['mosrun', ...argv].join(' '), testload, guest: null, placeAt: testload ? placeAt : null },
    ...{ checkpoints: 0, moving: false, finished: false },
  };
}

/** Waits in the queue until released; throws when the job was deleted or its shell has gone. */
async function waitInQueue(ref: { home: number; pid: number }, start: number): Promise<void> {
  for (;;) {
    const e = readState().queue.find((q) => sameRef(q, ref));
    if (!e) throw new Error('the job was deleted from the queue');
    if (e.state !== 'waiting') return;
    if (!isAlive(ref.pid, start)) throw new Error('the job has gone while it waited');
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

export async function mosrun(args: string[]): Promise<number> {
  const [pidText = '', ...argv] = args;
  const pid = Number(pidText);
  if (!/^\d+$/.test(pidText) || process.ppid !== pid) throw new Error('_mosrun is run by the mosrun wrapper only');
  const o = parseMosrunArgs(argv);
  if (o.programIndex >= argv.length) throw new Error('usage: mosrun [options] program [args]...');
  const ctx = context();
  const start = procStat(pid)?.start ?? 0;
  const rec = newRecord(ctx, o, argv, pid, start);
  if (o.queuePriority !== null) {
    const entry: QueueEntry = {
      ...{ home: rec.home, pid, start, uid: ctx.uid, user: ctx.user, jobId: o.jobId, memMb: o.memMb },
      ...{ grid: o.cls > 0, priority: o.queuePriority, seq: 0, state: 'waiting', command: rec.command },
    };
    updateState((s) => void s.queue.push({ ...entry, seq: s.seq++ }));
    log(`queued ${rec.home}:${pid} (${rec.command}) with priority ${o.queuePriority}`);
    await waitInQueue(rec, start);
  }
  updateState((s) => {
    s.procs.push(rec);
    const e = s.queue.find((q) => sameRef(q, rec));
    if (e) e.state = 'running';
  });
  if (!rec.testload && rec.where !== rec.home)
    process.stderr.write(`mosrun: (stand-in) only testload moves: the record says node ${rec.where}; it runs here\n`);
  log(`started ${rec.home}:${pid} (${rec.command})`);
  return print(String(o.programIndex));
}
