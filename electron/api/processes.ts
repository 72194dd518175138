/**
 * The hub API's processes group: every process of a cluster's nodes in one live table. The hub
 * streams a node's process table only while some subscription wants that node.
 */
import type { ProcRow, ProcScope } from '../../agent/src/protocol/procTypes';

export type { FreezeInfo, FrzCode, ProcClass, ProcRow, ProcScope } from '../../agent/src/protocol/procTypes';

/** What a subscription shows: mosps's filters, per node of one cluster. */
export interface ProcsFilter {
  /** Only these nodes; every node of the cluster when absent. */
  nodeIds?: string[];
  /** mosps -L / -O / -V, or only the agent's jobs; `all` by default. */
  scope?: ProcScope;
  /** mosps -J: only processes of this Job ID. */
  jobId?: number;
  /** Only processes of this user. */
  user?: string;
}

/**
 * One node's part of a batch. `full`: `upserted` is the node's whole table (after it came up,
 * or a resync): rows of that node not in it are gone. `down`: the node stopped answering, its
 * rows are taken out and `reason` says why; they come back with a `full` part when it is up.
 */
export interface NodeProcChanges {
  nodeId: string;
  full: boolean;
  upserted: ProcRow[];
  /** PIDs gone since the last batch (empty when `full`). */
  removed: number[];
  down?: { reason: string };
}

export interface ProcsRequests {
  /** Starts `procs.batch` events for a cluster's processes: the whole table first, then changes once per tick. */
  'procs.subscribe': {
    params: { clusterId: string; filter?: ProcsFilter };
    result: { subscriptionId: string };
  };
  'procs.unsubscribe': { params: { subscriptionId: string }; result: { removed: boolean } };
  /** Sends the subscription's whole table again (a window that saw a gap in `seq` asks for it). */
  'procs.resync': { params: { subscriptionId: string }; result: { ok: true } };
}

export interface ProcsEvents {
  /**
   * One per tick with every node that changed. Never dropped: when a window falls behind, the
   * hub holds back and then sends the whole table (`full` parts) with the next `seq`. `seq`
   * counts the subscription's batches from 1; a gap means the window must resync.
   */
  'procs.batch': { subscriptionId: string; clusterId: string; seq: number; nodes: NodeProcChanges[] };
}

export const PROCS_METHODS = {
  'procs.subscribe': 1,
  'procs.unsubscribe': 1,
  'procs.resync': 1,
} as const satisfies Record<keyof ProcsRequests, 1>;
export const PROCS_EVENTS = { 'procs.batch': 1 } as const satisfies Record<keyof ProcsEvents, 1>;
