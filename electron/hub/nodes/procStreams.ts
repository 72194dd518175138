import type { ProcChanges, ProcRow } from '../../../agent/src/protocol/procTypes';
import type { AgentClient } from '../agents/agentClient';
import type { HubLog } from '../log';
import { keyOf, NodeStreams, type StreamParams } from './nodeStreams';

/** What a procs stream is asked for: its interval and mosps's filters. */
export type ProcStreamParams = Pick<StreamParams, 'intervalMs' | 'scope' | 'jobId' | 'user'>;

type Listener = (changes: ProcChanges) => void;

interface Shared {
  /** The stream's table as of `at`, once the agent sent it whole; unknown while the agent is away. */
  table: Map<number, ProcRow> | undefined;
  at: number;
  listeners: Set<Listener>;
  stop: () => void;
}

function apply(shared: Shared, changes: ProcChanges): void {
  if (changes.full) shared.table = new Map();
  const table = shared.table;
  // A change set without a base to apply it to (never the case from a well-behaved agent).
  if (!table) return;
  for (const row of changes.upserted) table.set(row.pid, row);
  for (const pid of changes.removed) table.delete(pid);
  shared.at = changes.at;
}

/**
 * A node's `procs` streams, shared by their params as NodeStreams shares them, each keeping the
 * stream's current table: the agent sends the whole table only first, so a view that joins a
 * stream already open gets it from here, at once, as a `full` change set.
 */
export class ProcStreams {
  private readonly streams: NodeStreams<'procs', ProcChanges>;
  private readonly shared = new Map<string, Shared>();

  constructor(log: HubLog) {
    this.streams = new NodeStreams('procs', log);
  }

  /** Streams open now, for tests and checks. */
  get size(): number {
    return this.shared.size;
  }

  /** As NodeStreams.attach; the tables are forgotten when the agent goes away. */
  attach(client: AgentClient | undefined): void {
    if (!client) for (const shared of this.shared.values()) shared.table = undefined;
    this.streams.attach(client);
  }

  deliver(subscriptionId: string, changes: ProcChanges): void {
    this.streams.deliver(subscriptionId, changes);
  }

  /** Listens to the stream of these params; its table now, if known, comes at once as `full`. */
  add(params: ProcStreamParams, listener: Listener): () => void {
    const key = keyOf(params);
    let shared = this.shared.get(key);
    if (!shared) {
      const created: Shared = { table: undefined, at: 0, listeners: new Set(), stop: () => undefined };
      created.stop = this.streams.add(params, (changes) => {
        apply(created, changes);
        for (const l of created.listeners) l(changes);
      });
      this.shared.set(key, created);
      shared = created;
    }
    shared.listeners.add(listener);
    if (shared.table) listener({ at: shared.at, full: true, upserted: [...shared.table.values()], removed: [] });
    const owned = shared;
    return () => {
      owned.listeners.delete(listener);
      if (owned.listeners.size > 0 || this.shared.get(key) !== owned) return;
      this.shared.delete(key);
      owned.stop();
    };
  }
}
