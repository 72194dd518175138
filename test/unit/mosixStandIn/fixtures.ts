/** A small stand-in state for the format tests: node 1 (here) and node 2, as the test cluster numbers them. */
import { parseMap } from '../../mosixStandIn/mapFile';
import type { LocalProc } from '../../mosixStandIn/mospsText';
import { emptyState, type ProcRecord, type QueueEntry, type StandInState } from '../../mosixStandIn/records';

export const MAP = parseMap('10.210.41.11 2\n');

export function record(over: Partial<ProcRecord>): ProcRecord {
  return {
    ...{ home: 1, pid: 100, start: 5000, uid: 0, user: 'root', jobId: 0, where: 1, nmigs: 0, frz: '-', cls: 0 },
    ...{ memMb: null, dueMinutes: null, command: 'mosrun testload', testload: true, guest: null, placeAt: null },
    ...{ checkpoints: 0, moving: false, finished: false },
    ...over,
  };
}

export function entry(over: Partial<QueueEntry>): QueueEntry {
  return {
    ...{ home: 1, pid: 200, start: 6000, uid: 0, user: 'root', jobId: 0, memMb: null, grid: false },
    ...{ priority: 50, seq: 1, state: 'waiting', command: 'mosrun -q testload' },
    ...over,
  };
}

export function state(procs: ProcRecord[], queue: QueueEntry[] = []): StandInState {
  return { ...emptyState(), procs, queue, hosts: { '1': 'node1', '2': 'node2.cluster' } };
}

/** /proc as a table: pid -> what it says. */
export function procs(table: Record<number, Partial<LocalProc> & { start: number }>) {
  return (pid: number): LocalProc | undefined => {
    const p = table[pid];
    return p && { uid: 0, user: 'root', stat: 'R', tty: '?', timeMs: 0, ...p };
  };
}
