/**
 * The hub API's queue group: a cluster's MOSIX job queue (`mosq listall`), read through one of
 * its nodes that has a queue. Acting on a queued job is a task (`tasks.start` with a `queue`
 * action), so it is observed in the queue like every other action is observed on its node.
 */
import type { QueueEntry } from '../../agent/src/protocol/queueTypes';

export type { QueueEntry, QueueOp } from '../../agent/src/protocol/queueTypes';

/**
 * One read of a cluster's queue. `source`: the node it was read from (the queue is the
 * cluster's, any node with `mosq` shows all of it); queue tasks go to that node.
 * `unavailable`: why there is no queue to show (no node has one, or none is up).
 */
export interface ClusterQueue {
  clusterId: string;
  at: number;
  source?: { nodeId: string; nodeName: string };
  jobs: QueueEntry[];
  /** Lines of mosq's output that could not be read, each with the reason. */
  problems: string[];
  unavailable?: string;
}

export interface QueueRequests {
  'queue.list': { params: { clusterId: string }; result: ClusterQueue };
}

// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the group has no events yet; the renderer polls.
export interface QueueEvents {}

export const QUEUE_METHODS = { 'queue.list': 1 } as const satisfies Record<keyof QueueRequests, 1>;
export const QUEUE_EVENTS = {} as const satisfies Record<keyof QueueEvents, 1>;
