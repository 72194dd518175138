import { RpcError, RpcErrorCode } from '../protocol/errors';

/**
 * How many requests the agent works on at once, and what it does with the rest.
 *
 * - `exempt`: hello, ping and unsubscribe always run at once and are never counted: the hub
 *   tells a slow node from a dead one by ping, and unsubscribe only ever frees work.
 * - `heavy`: reads that walk /proc or the network and build a large answer. Node runs them on
 *   one thread, so two at once already keep it busy; more only hold more tables in memory.
 * - `light`: everything else (actions, job records, subscribe): small, but some wait on the
 *   kernel or a child process, so a few may be in work beside the heavy ones.
 */
export type MethodClass = 'exempt' | 'heavy' | 'light';

const EXEMPT: ReadonlySet<string> = new Set(['hello', 'ping', 'unsubscribe']);
const HEAVY: ReadonlySet<string> = new Set(['procs.list', 'metrics.read', 'status.read', 'cluster.map']);

export function classOf(method: string): MethodClass {
  if (EXEMPT.has(method)) return 'exempt';
  return HEAVY.has(method) ? 'heavy' : 'light';
}

export interface Limits {
  /** Heavy reads in work at once. */
  heavy: number;
  /** Requests in work at once, heavy ones included (exempt ones never count). */
  total: number;
  /** Requests that may wait for a place; the next one is answered Busy. */
  queue: number;
  /** Bytes of request lines that may wait; one request may always wait when none does. */
  queueBytes: number;
  /** What a Busy answer tells the caller to wait before it tries again. */
  retryAfterMs: number;
}

/**
 * The agent's figures. A process table is some 400 bytes a row as JSON and a few times that
 * while it is built, so a node with 5,000 processes costs some 10 MB per heavy read in work:
 * two at once stay near 20 MB, where 2,000 at once once took the agent to 236 MB. 8 in all lets
 * a burst of actions (a few signals, a freeze) run beside the reads. The hub sends at most 8 at
 * once per agent (its MAX_IN_FLIGHT), so it never fills the queue; the queue is for a burst
 * from another caller, and 32 heavy reads of some 50 ms each are worked off in about a second,
 * well inside the hub's 10 s timeout. A request line is at most 1 MiB, so the byte bound keeps
 * the queue small even when each line is large. 250 ms is a few heavy reads: time for the
 * queue to move.
 */
export const LIMITS: Limits = { heavy: 2, total: 8, queue: 32, queueBytes: 1024 * 1024, retryAfterMs: 250 };

/** What is in work and what waits, as `decide` needs it. */
export interface Load {
  heavy: number;
  total: number;
  queued: number;
  queuedBytes: number;
  /** Heavy requests among those queued. */
  queuedHeavy: number;
}

export type Decision = 'run' | 'wait' | 'refuse';

/** Whether one more request of class `cls` fits in work beside `load`. */
export function fits(load: Load, cls: MethodClass, limits: Limits): boolean {
  if (cls === 'exempt') return true;
  if (load.total >= limits.total) return false;
  return cls === 'light' || load.heavy < limits.heavy;
}

/**
 * What to do with a request that arrives now. It runs when it fits and none of its class is
 * waiting before it (a light request never waits behind heavy ones that cannot start);
 * `outputReady` false (the caller is not reading our answers) starts nothing new.
 */
export function decide(load: Load, cls: MethodClass, size: number, limits: Limits, outputReady = true): Decision {
  if (cls === 'exempt') return 'run';
  const sameClassWaiting = cls === 'heavy' ? load.queuedHeavy > 0 : load.queued > load.queuedHeavy;
  if (outputReady && !sameClassWaiting && fits(load, cls, limits)) return 'run';
  if (load.queued >= limits.queue) return 'refuse';
  if (load.queued > 0 && load.queuedBytes + size > limits.queueBytes) return 'refuse';
  return 'wait';
}

export function busyError(method: string, load: Load, limits: Limits): RpcError {
  return new RpcError(
    RpcErrorCode.Busy,
    `The agent is busy (${load.total} requests in work, ${load.queued} waiting); "${method.slice(0, 100)}" was not run. Try again in ${limits.retryAfterMs} ms.`,
    { retryAfterMs: limits.retryAfterMs },
  );
}

interface Waiter {
  method: string;
  cls: MethodClass;
  size: number;
  start(): void;
  refuse(err: RpcError): void;
}

/** Frees the place a request held; calling it again does nothing. */
export type Release = () => void;

/**
 * Counts the requests in work for one session and queues the rest. A released place is
 * handed on in a later turn of the event loop, so the answer that freed it is written first
 * and a ping that came in meanwhile is read and answered between two heavy reads.
 */
export class Admission {
  private heavy = 0;
  private total = 0;
  private readonly queue: Waiter[] = [];
  private queuedBytes = 0;
  private pumpScheduled = false;
  private closed = false;

  constructor(
    private readonly limits: Limits = LIMITS,
    /** False while nothing new should start, e.g. while our output waits to drain. */
    private readonly outputReady: () => boolean = () => true,
  ) {}

  get load(): Load {
    return {
      heavy: this.heavy,
      total: this.total,
      queued: this.queue.length,
      queuedBytes: this.queuedBytes,
      queuedHeavy: this.queue.filter((w) => w.cls === 'heavy').length,
    };
  }

  /**
   * A Release when `method` may run now (at once for an exempt one), so the caller runs it in
   * this very turn, as if there were no bound (a hello and the request after it in one chunk
   * stay in order); else a promise of one, once a place is free. Throws a Busy RpcError when
   * the queue is full; the promise rejects with one when the session ends while it waits.
   */
  enter(method: string, size: number): Release | Promise<Release> {
    const cls = classOf(method);
    const load = this.load;
    const decision =
      this.closed && cls !== 'exempt' ? 'refuse' : decide(load, cls, size, this.limits, this.outputReady());
    if (decision === 'refuse') throw busyError(method, load, this.limits);
    if (decision === 'run') return this.take(cls);
    return new Promise((resolve, reject) => {
      this.queue.push({ method, cls, size, start: () => resolve(this.take(cls)), refuse: reject });
      this.queuedBytes += size;
    });
  }

  /** Starts what waits when the output drains again. */
  kick(): void {
    this.schedulePump();
  }

  /** Refuses everything still waiting; later requests are refused too, but for exempt ones. */
  close(): void {
    this.closed = true;
    const load = this.load;
    for (const w of this.queue.splice(0)) w.refuse(busyError(w.method, load, this.limits));
    this.queuedBytes = 0;
  }

  private take(cls: MethodClass): Release {
    if (cls === 'exempt') return () => undefined;
    this.total++;
    if (cls === 'heavy') this.heavy++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.total--;
      if (cls === 'heavy') this.heavy--;
      this.schedulePump();
    };
  }

  private schedulePump(): void {
    if (this.pumpScheduled || this.queue.length === 0) return;
    this.pumpScheduled = true;
    setImmediate(() => {
      this.pumpScheduled = false;
      this.pump();
    });
  }

  /** Starts, in order, each waiting request that fits now. */
  private pump(): void {
    for (let i = 0; i < this.queue.length && this.outputReady();) {
      const w = this.queue[i] as Waiter;
      if (!fits(this.load, w.cls, this.limits)) {
        i++;
        continue;
      }
      this.queue.splice(i, 1);
      this.queuedBytes -= w.size;
      w.start();
    }
  }
}
