import type { ProcChanges, ProcRow } from '../../../agent/src/protocol/procTypes';
import type { NodeProcChanges, ProcsFilter } from '../../api';
import type { Cluster } from '../clusters/cluster';
import type { NodeSession } from '../nodes/nodeSession';
import type { ProcStreamParams } from '../nodes/procStreams';
import type { ConnectionState, Subscription } from './connection';

/** One batch per tick; the agents scan at the same pace. */
export const PROCS_TICK_MS = 1000;

/** What the window has of one node, as far as this subscription has sent it or will send it. */
interface NodeEntry {
  nodeId: string;
  /** `unknown` until the node's table first comes; `down` once its rows were taken out. */
  status: 'unknown' | 'up' | 'down';
  table: Map<number, ProcRow>;
  reason: string;
  stop: () => void;
}

/** A node's changes not sent yet, merged over the ticks they span. */
interface Pending {
  full: boolean;
  upserted: Map<number, ProcRow>;
  removed: Set<number>;
  down?: { reason: string };
}

/** The agent's stream params for a filter: only the keys given, so equal filters share one stream. */
export function streamParams(filter: ProcsFilter | undefined): ProcStreamParams {
  const params: ProcStreamParams = { intervalMs: PROCS_TICK_MS };
  if (filter?.scope !== undefined && filter.scope !== 'all') params.scope = filter.scope;
  if (filter?.jobId !== undefined) params.jobId = filter.jobId;
  if (filter?.user !== undefined) params.user = filter.user;
  return params;
}

const fullPart = (upserted: Iterable<ProcRow>, down?: { reason: string }): Pending => ({
  full: true,
  upserted: new Map([...upserted].map((row) => [row.pid, row])),
  removed: new Set(),
  ...(down && { down }),
});

/** Adds a node's change set to what is not sent yet: a whole table replaces it. */
function merge(pending: Pending | undefined, changes: ProcChanges): Pending {
  const next = changes.full ? fullPart([]) : (pending ?? { full: false, upserted: new Map(), removed: new Set() });
  for (const row of changes.upserted) {
    next.upserted.set(row.pid, row);
    next.removed.delete(row.pid);
  }
  for (const pid of changes.removed) {
    next.upserted.delete(pid);
    // A whole table says what is gone by leaving it out.
    if (!next.full) next.removed.add(pid);
  }
  return next;
}

const isComing = (node: NodeSession): boolean => ['up', 'connecting'].includes(node.snapshot.state);

const toPart = (nodeId: string, p: Pending): NodeProcChanges => ({
  nodeId,
  full: p.full,
  upserted: [...p.upserted.values()],
  removed: [...p.removed],
  ...(p.down && { down: p.down }),
});

/**
 * One window's process table of a cluster. Each watched node's agent streams its table only
 * while some subscription wants it (ProcStreams shares one stream per filter); the hub keeps the
 * merged table (node → pid → row) and sends one `procs.batch` per tick with every node that
 * changed, none when nothing did. A node that stops being up gets a `down` part and its rows
 * go; its next table comes `full`. Batches are never dropped: while the transport is behind,
 * changes are held back, and once it has drained the whole table goes with the next `seq`.
 */
export class ClusterProcs implements Subscription {
  private readonly entries = new Map<NodeSession, NodeEntry>();
  private readonly pending = new Map<string, Pending>();
  private readonly params: ProcStreamParams;
  private readonly timer: NodeJS.Timeout;
  /** A tick brought forward: the first batch, or a resync. */
  private soon: NodeJS.Timeout | undefined;
  /** The subscribe reply has gone: batches may follow. */
  private replied = false;
  private seq = 0;
  /** Set by a resync or after held-back changes: the next batch is every node's whole table. */
  private wholeNext = false;
  private promptTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly conn: ConnectionState,
    private readonly cluster: Cluster,
    private readonly subscriptionId: string,
    private readonly filter: ProcsFilter = {},
  ) {
    this.params = streamParams(filter);
    this.sync();
    // After the subscribe reply, which the window needs to know the batch is its own.
    this.soon = setTimeout(() => {
      this.replied = true;
      this.maybeFirst();
    }, 0);
    this.timer = setInterval(() => this.tick(), PROCS_TICK_MS);
  }

  /** Follows the cluster's nodes (those the filter names, when it names some). */
  sync(): void {
    const wanted = this.cluster.nodes.filter(
      (n) => !this.filter.nodeIds || this.filter.nodeIds.includes(n.snapshot.id),
    );
    for (const [node, entry] of this.entries) {
      if (wanted.includes(node)) continue;
      entry.stop();
      this.entries.delete(node);
      // The node left: the window's rows of it go.
      this.pending.set(entry.nodeId, fullPart([]));
    }
    for (const node of wanted) {
      if (this.entries.has(node)) continue;
      const entry: NodeEntry = {
        nodeId: node.snapshot.id,
        status: 'unknown',
        table: new Map(),
        reason: '',
        stop: () => undefined,
      };
      this.entries.set(node, entry);
      entry.stop = node.procs.add(this.params, (changes) => this.onChanges(entry, changes));
    }
  }

  resync(): void {
    this.wholeNext = true;
    clearTimeout(this.soon);
    this.soon = setTimeout(() => this.tick(), 0);
  }

  stop(): void {
    clearTimeout(this.soon);
    clearTimeout(this.promptTimer);
    clearInterval(this.timer);
    for (const entry of this.entries.values()) entry.stop();
    this.entries.clear();
    this.pending.clear();
  }

  private onChanges(entry: NodeEntry, changes: ProcChanges): void {
    // A change set needs the table it changes: after the node was down, only a whole one will do.
    if (!changes.full && entry.status !== 'up') return;
    // The agent says "nothing changed" each tick; that is no batch.
    if (!changes.full && changes.upserted.length === 0 && changes.removed.length === 0) return;
    if (changes.full) entry.table = new Map();
    entry.status = 'up';
    for (const row of changes.upserted) entry.table.set(row.pid, row);
    for (const pid of changes.removed) entry.table.delete(pid);
    this.pending.set(entry.nodeId, merge(this.pending.get(entry.nodeId), changes));
    if (this.seq === 0) this.maybeFirst();
    // The agent scanned early because one of our actions changed the table: pass it on now.
    else if (changes.prompt) this.soonTick();
  }

  /** A batch out of turn, once, on the next timer turn (several prompt changes at once make one). */
  private soonTick(): void {
    if (this.promptTimer) return;
    this.promptTimer = setTimeout(() => {
      this.promptTimer = undefined;
      this.tick();
    }, 0);
  }

  /**
   * The first batch goes as soon as the table of every node that is up (or still connecting) is
   * known, and at the first tick at the latest with what is known by then.
   */
  private maybeFirst(): void {
    if (this.seq > 0 || !this.replied) return;
    const waiting = [...this.entries].some(([node, e]) => e.status === 'unknown' && isComing(node));
    if (!waiting) this.tick();
  }

  /** Nodes that stopped being up since the last tick: their rows go, marked with why. */
  private takeOutDownNodes(): void {
    for (const [node, entry] of this.entries) {
      const { state, reason } = node.snapshot;
      if (state === 'up' || entry.status === 'down') continue;
      // A node first seen connecting has no rows to take out yet: its table is awaited.
      if (entry.status === 'unknown' && state === 'connecting') continue;
      entry.status = 'down';
      entry.table.clear();
      entry.reason = reason ? `${state}: ${reason}` : state;
      this.pending.set(entry.nodeId, fullPart([], { reason: entry.reason }));
    }
  }

  private tick(): void {
    this.takeOutDownNodes();
    if (this.conn.isBehind?.()) {
      // Nothing piles up here or in the socket: the table is sent whole once it drains. Only
      // the parts of nodes that left the cluster are kept, as a whole resend has no such node.
      for (const entry of this.entries.values()) if (this.pending.delete(entry.nodeId)) this.wholeNext = true;
      return;
    }
    if (this.wholeNext) this.queueWhole();
    if (this.pending.size === 0) return;
    const nodes = [...this.pending].map(([nodeId, p]) => toPart(nodeId, p));
    this.pending.clear();
    this.seq++;
    this.conn.emit('procs.batch', {
      subscriptionId: this.subscriptionId,
      clusterId: this.cluster.id,
      seq: this.seq,
      nodes,
    });
  }

  /** Every node the window knows of, whole: its table, or its down part. */
  private queueWhole(): void {
    this.wholeNext = false;
    for (const entry of this.entries.values()) {
      if (entry.status === 'up') this.pending.set(entry.nodeId, fullPart(entry.table.values()));
      if (entry.status === 'down') this.pending.set(entry.nodeId, fullPart([], { reason: entry.reason }));
    }
  }
}
