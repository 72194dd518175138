/**
 * `mosq [-j] list|listall` (reference/mosix.md §1.4): PID USER MEM(MB) GRID PRI [JOBID] FROM
 * COMMAND in queue order, PRI `RUN` for jobs that have left the queue. Pure.
 */
import { table } from './columns';
import type { NodeMap } from './mapFile';
import { listallOrder, type QueueEntry, waitingOrder } from './records';

export interface MosqInput {
  queue: readonly QueueEntry[];
  map: NodeMap;
  self: number;
  /** Whether an entry's process still lives; only asked for entries whose home is this node. */
  alive: (e: QueueEntry) => boolean;
}

export function mosqText(input: MosqInput, op: 'list' | 'listall', jobIds: boolean): string {
  const live = input.queue.filter((e) => e.home !== input.self || input.alive(e));
  const entries = op === 'list' ? waitingOrder(live) : listallOrder(live);
  const from = (e: QueueEntry) =>
    e.home === input.self ? 'here' : (input.map.nodes.find((n) => n.number === e.home)?.address ?? String(e.home));
  const header = ['PID', 'USER', 'MEM(MB)', 'GRID', 'PRI', ...(jobIds ? ['JOBID'] : []), 'FROM', 'COMMAND'];
  const rows = entries.map((e) => [
    String(e.pid),
    e.user,
    e.memMb === null ? '-' : String(e.memMb),
    e.grid ? 'YES' : 'NO',
    e.state === 'waiting' ? String(e.priority) : 'RUN',
    ...(jobIds ? [String(e.jobId)] : []),
    from(e),
    e.command,
  ]);
  return table(header, rows);
}
