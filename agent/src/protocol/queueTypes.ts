/** The MOSIX job queue (`mosq listall`), one list per cluster, as a node's agent reads it. */

export interface QueueEntry {
  /** 1-based place in mosq's order: the running jobs first, then the waiting ones in the order they will start. */
  position: number;
  pid: number;
  user: string;
  /** mosrun -m: the memory it declared, MB; null when it declared none. */
  memMb: number | null;
  /** Whether it may go to other clusters (-G). */
  grid: boolean;
  /** Queue priority (lower starts first); null once it runs (PRI shows RUN). */
  priority: number | null;
  running: boolean;
  /** Its home node: "here" or the node it was submitted from. */
  from: string;
  jobId: number | null;
  command: string;
  /** When this agent first saw it in the queue (mosq prints no time), ms since the epoch. */
  seenSince: number;
}

export interface QueueList {
  at: number;
  jobs: QueueEntry[];
  /** Lines of mosq's output that could not be read, each with the reason. */
  problems: string[];
}

export type QueueOp = 'delete' | 'run' | 'cngpri' | 'advance' | 'retard';

export interface QueueActionResult {
  pid: number;
  op: QueueOp;
  /** mosq took the request; the queue shows its effect (the hub's task watches for it). */
  requested: true;
}
