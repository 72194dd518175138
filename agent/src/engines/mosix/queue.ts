/** The cluster's queue through `mosq`: listall with Job IDs, and its five operations. */
import type { EngineQueue } from '../engine';
import type { QueueEntry } from '../../protocol/queueTypes';
import { RpcError, RpcErrorCode } from '../../protocol/errors';
import { unsupported } from '../unsupported';
import { mosqArgs, type MosqRow, parseMosq } from './parse';
import { MosixArgumentError } from './parse/argCheck';
import { type MosixTools, runTool } from './tools';

const NO_QUEUE = 'This MOSIX has no mosq (MOSIX-4 dropped the queue tools), so there is no job queue to show.';

/** Pure: mosq's rows as the protocol's entries; `seen` remembers when each pid was first seen queued. */
export function queueEntries(rows: readonly MosqRow[], seen: Map<number, number>, now: number): QueueEntry[] {
  const out = rows.map((r) => {
    if (!seen.has(r.pid)) seen.set(r.pid, now);
    return {
      position: r.position,
      pid: r.pid,
      user: r.user,
      memMb: r.memMb,
      grid: r.grid,
      priority: r.priority,
      running: r.running,
      from: r.from.kind === 'here' ? 'here' : r.from.raw,
      jobId: r.jobId,
      command: r.command,
      seenSince: seen.get(r.pid) ?? now,
    };
  });
  const listed = new Set(rows.map((r) => r.pid));
  for (const pid of seen.keys()) if (!listed.has(pid)) seen.delete(pid);
  return out;
}

export function mosixQueue(tools: MosixTools): EngineQueue {
  const { mosq } = tools;
  const seen = new Map<number, number>();
  return {
    async list() {
      if (!mosq) throw unsupported(NO_QUEUE);
      const text = await runTool(mosq, mosqArgs('listall', { jobIds: true }));
      const parsed = parseMosq(text, { jobIds: true });
      const problems = parsed.problems.map((p) => `mosq line ${p.line}: ${p.reason}: ${p.text.slice(0, 200)}`);
      return { at: Date.now(), jobs: queueEntries(parsed.rows, seen, Date.now()), problems };
    },
    async act({ op, pid, priority }) {
      if (!mosq) throw unsupported(NO_QUEUE);
      let args: string[];
      try {
        args = op === 'cngpri' ? mosqArgs('cngpri', { pid, priority: priority ?? -1 }) : mosqArgs(op, { pid });
      } catch (err) {
        if (err instanceof MosixArgumentError)
          throw new RpcError(RpcErrorCode.InvalidParams, `Invalid params: ${err.message}`);
        throw err;
      }
      await runTool(mosq, args);
      return { pid, op, requested: true };
    },
  };
}
