/** A cluster's process table as a hub subscription's batches build it, for tests that watch processes. */
import type { HubEvents, ProcRow } from '../../electron/api';
import type { HubHarness } from './hubHarness';

export interface LiveProcs {
  /** The rows of one node now, from every batch seen so far. */
  rows(nodeId: string): ProcRow[];
  stop(): Promise<void>;
}

/** Subscribes to a cluster's processes and folds each batch into per-node tables. */
export async function liveProcs(h: HubHarness, clusterId: string): Promise<LiveProcs> {
  const from = h.events.length;
  const { subscriptionId } = await h.ok('procs.subscribe', { clusterId });
  const tables = new Map<string, Map<number, ProcRow>>();
  let seen = from;
  const fold = () => {
    for (; seen < h.events.length; seen++) {
      const e = h.events[seen]!;
      if (e.event !== 'procs.batch') continue;
      const batch = e.payload as HubEvents['procs.batch'];
      if (batch.subscriptionId !== subscriptionId) continue;
      for (const part of batch.nodes) {
        const table = part.full || part.down ? new Map<number, ProcRow>() : (tables.get(part.nodeId) ?? new Map());
        for (const pid of part.removed) table.delete(pid);
        for (const row of part.upserted) table.set(row.pid, row);
        tables.set(part.nodeId, table);
      }
    }
  };
  return {
    rows: (nodeId) => {
      fold();
      return [...(tables.get(nodeId)?.values() ?? [])];
    },
    stop: async () => void (await h.ok('procs.unsubscribe', { subscriptionId })),
  };
}
