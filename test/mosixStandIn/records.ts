/**
 * The stand-in's shared state: one JSON document for the whole cluster (every stand-in node
 * reads and writes it under a lock, see store.ts), with the MOSIX processes by home node and PID
 * and the cluster's one queue. Pure: the functions here only look at and change the document.
 */

/** A MOSIX process: started by mosrun on `home`, where its PID (the deputy's) stays. */
export interface ProcRecord {
  home: number;
  pid: number;
  /** Its start time in clock ticks (/proc/<pid>/stat field 22): a PID reused later is not it. */
  start: number;
  uid: number;
  user: string;
  jobId: number;
  /** The node it runs on (its home when it is there). */
  where: number;
  nmigs: number;
  /** M: frozen by `migrate freeze`; -: not frozen. */
  frz: 'M' | '-';
  /** 0 is MOSIX's `local` class; -G{n} gives n; -E gives batch. */
  cls: number | 'batch';
  memMb: number | null;
  /** From -D, in minutes. */
  dueMinutes: number | null;
  /** As mosps shows it: `mosrun -J7 testload`. */
  command: string;
  /** testload really moves (a guest on `where`); any other program only changes its record. */
  testload: boolean;
  /** The guest on `where` while a testload is away: its PID there and start time. */
  guest: { pid: number; start: number | null } | null;
  /** A node -r/-{n}/-{ip} asked for: testload moves there once it runs. */
  placeAt: number | null;
  checkpoints: number;
  /** A move is under way: the deputy is stopped and no guest has said it runs yet. */
  moving: boolean;
  /** The work is done (set by a guest that finished it): the deputy ends at its next look. */
  finished: boolean;
}

/** A job in the cluster's queue: a live waiting process (the mosrun shell) on its home node. */
export interface QueueEntry {
  home: number;
  pid: number;
  start: number;
  uid: number;
  user: string;
  jobId: number;
  memMb: number | null;
  grid: boolean;
  priority: number;
  /** Order within a priority: lower first. advance and retard move it to either end. */
  seq: number;
  /** waiting; released by `mosq run` (its process starts the program); running once it has. */
  state: 'waiting' | 'released' | 'running';
  /** As mosq shows it: `mosrun -q testload`. */
  command: string;
}

export interface StandInState {
  version: 1;
  /** The next queue sequence number. */
  seq: number;
  procs: ProcRecord[];
  queue: QueueEntry[];
  /** Each node's host name, as it said when it first ran a tool. */
  hosts: Record<string, string>;
}

export const emptyState = (): StandInState => ({ version: 1, seq: 1, procs: [], queue: [], hosts: {} });

/** A process or queue entry by node and PID. */
export interface Ref {
  home: number;
  pid: number;
}

export const sameRef = (a: Ref, b: Ref): boolean => a.home === b.home && a.pid === b.pid;

/**
 * The one item with this PID, preferring those whose home is `self` (PIDs are per node, so two
 * nodes may each have one); throws when there is none or several other nodes have it.
 */
export function byPid<T extends Ref>(items: readonly T[], pid: number, self: number, what: string): T {
  const mine = items.find((i) => i.pid === pid && i.home === self);
  if (mine) return mine;
  const others = items.filter((i) => i.pid === pid);
  if (others.length === 1) return others[0] as T;
  if (others.length === 0) throw new Error(`no ${what} with PID ${pid}`);
  throw new Error(`PID ${pid} is a ${what} on nodes ${others.map((o) => o.home).join(', ')}: run this on its home`);
}

/** The waiting jobs in queue order: priority (lower first), then first come first served. */
export function waitingOrder(queue: readonly QueueEntry[]): QueueEntry[] {
  return queue.filter((e) => e.state === 'waiting').sort((a, b) => a.priority - b.priority || a.seq - b.seq);
}

/** `mosq listall` order: the jobs started from the queue first, then the waiting ones. */
export function listallOrder(queue: readonly QueueEntry[]): QueueEntry[] {
  return [...queue.filter((e) => e.state !== 'waiting'), ...waitingOrder(queue)];
}

function waiting(state: StandInState, pid: number, self: number): QueueEntry {
  return byPid(
    state.queue.filter((e) => e.state === 'waiting'),
    pid,
    self,
    'job waiting in the queue',
  );
}

const peers = (state: StandInState, e: QueueEntry) =>
  state.queue.filter((o) => o.state === 'waiting' && o.priority === e.priority && o !== e).map((o) => o.seq);

export type QueueOp =
  { op: 'delete' | 'run' | 'advance' | 'retard'; pid: number } | { op: 'cngpri'; pid: number; priority: number };

/** Applies a mosq operation to the state; returns the entry it acted on. */
export function applyQueueOp(state: StandInState, o: QueueOp, self: number): QueueEntry {
  const e = waiting(state, o.pid, self);
  switch (o.op) {
    case 'delete':
      state.queue = state.queue.filter((x) => x !== e);
      break;
    case 'run':
      e.state = 'released';
      break;
    case 'advance':
      e.seq = Math.min(e.seq, ...peers(state, e)) - 1;
      break;
    case 'retard':
      e.seq = Math.max(e.seq, ...peers(state, e)) + 1;
      break;
    case 'cngpri':
      // Re-filed: the end of its new priority group, as a job newly queued with that priority.
      e.priority = o.priority;
      e.seq = state.seq++;
      break;
  }
  return e;
}

/** Where a process really runs: its guest's node while a testload is away, its home otherwise. */
export function runsOn(r: ProcRecord): number {
  return r.guest ? r.where : r.home;
}

/**
 * Drops this node's processes and queued jobs that have ended (PIDs are checked only at home:
 * no node sees another's). Returns whether anything went.
 */
export function pruneDead(state: StandInState, self: number, alive: (pid: number, start: number) => boolean): boolean {
  const keep = (x: Ref & { start: number }) => x.home !== self || alive(x.pid, x.start);
  const [procs, queue] = [state.procs.filter(keep), state.queue.filter(keep)];
  const changed = procs.length !== state.procs.length || queue.length !== state.queue.length;
  Object.assign(state, { procs, queue });
  return changed;
}
