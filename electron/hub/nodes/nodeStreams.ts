import type { AgentNotifications, Params } from '../../../agent/src/protocol/methods';
import type { AgentClient } from '../agents/agentClient';
import type { HubLog } from '../log';

export type StreamTopic = Params<'subscribe'>['topic'];
/** What one stream is asked for, beside its topic: the interval, disks, process filters. */
export type StreamParams = Omit<Params<'subscribe'>, 'topic'>;

interface Stream<T> {
  params: StreamParams;
  listeners: Set<(payload: T) => void>;
  /** The agent's id for this stream while the agent is connected. */
  agentSubscriptionId?: string;
}

/**
 * Notifications held for an id no stream has yet, while a subscribe is being answered: at most
 * this many (a procs stream's first is its whole table; the rest only follow a tick later).
 */
const MAX_EARLY = 64;

/** Stable key of a stream's params: the same request from two views is one stream. */
export const keyOf = (params: StreamParams): string =>
  JSON.stringify(Object.entries(params).sort(([a], [b]) => (a < b ? -1 : 1)));

/**
 * The agent streams of one topic that a node should have, shared by their params: ten windows
 * watching the same node at 1 s cost the agent one stream. After a reconnect every stream is
 * re-opened (a procs stream then starts again with the whole table, as the agent sends it).
 */
export class NodeStreams<K extends keyof AgentNotifications, T> {
  private readonly streams = new Map<string, Stream<T>>();
  private client: AgentClient | undefined;
  /** Subscribes sent to the current agent and not answered yet. */
  private opening = 0;
  /**
   * Notifications of ids not known yet, in order. The agent writes its first notification right
   * after the subscribe answer, and both can come in one read: the answer's id is taken (after
   * an await) only once every line of that read was handled, the first notification with it.
   * Without this a procs stream lost its whole table, and the node never had rows.
   */
  private early: { subscriptionId: string; payload: T }[] = [];

  constructor(
    private readonly topic: K & StreamTopic,
    private readonly log: HubLog,
  ) {}

  /** Called when an agent becomes usable (after hello) or goes away (undefined). */
  attach(client: AgentClient | undefined): void {
    this.client = client;
    this.opening = 0;
    this.early = [];
    for (const stream of this.streams.values()) {
      stream.agentSubscriptionId = undefined;
      if (client) void this.open(stream);
    }
  }

  /** Routes one of the agent's notifications of this topic to the stream's listeners. */
  deliver(subscriptionId: string, payload: T): void {
    let known = false;
    for (const stream of this.streams.values()) {
      if (stream.agentSubscriptionId !== subscriptionId) continue;
      known = true;
      for (const listener of stream.listeners) listener(payload);
    }
    if (!known && this.opening > 0 && this.early.length < MAX_EARLY) this.early.push({ subscriptionId, payload });
  }

  add(params: StreamParams, listener: (payload: T) => void): () => void {
    const key = keyOf(params);
    let stream = this.streams.get(key);
    if (!stream) {
      stream = { params: { ...params }, listeners: new Set() };
      this.streams.set(key, stream);
      if (this.client) void this.open(stream);
    }
    stream.listeners.add(listener);
    const owned = stream;
    return () => {
      owned.listeners.delete(listener);
      if (owned.listeners.size > 0 || this.streams.get(key) !== owned) return;
      this.streams.delete(key);
      const id = owned.agentSubscriptionId;
      if (id && this.client) this.client.request('unsubscribe', { subscriptionId: id }).catch(() => undefined);
    };
  }

  private async open(stream: Stream<T>): Promise<void> {
    const client = this.client;
    if (!client) return;
    this.opening++;
    try {
      const { subscriptionId } = await client.request('subscribe', { topic: this.topic, ...stream.params });
      const early = this.takeEarly(subscriptionId);
      // The stream may have been dropped, or the agent replaced, while we waited.
      if ([...this.streams.values()].includes(stream) && this.client === client) {
        stream.agentSubscriptionId = subscriptionId;
        for (const payload of early) this.deliver(subscriptionId, payload);
      } else {
        client.request('unsubscribe', { subscriptionId }).catch(() => undefined);
      }
    } catch (err) {
      this.log.warn(`could not open a ${this.topic} stream (${keyOf(stream.params)})`, err);
    } finally {
      if (this.client === client && --this.opening === 0) this.early = [];
    }
  }

  /** The notifications of `subscriptionId` that came before its subscribe answer was taken. */
  private takeEarly(subscriptionId: string): T[] {
    const mine = this.early.filter((e) => e.subscriptionId === subscriptionId).map((e) => e.payload);
    this.early = this.early.filter((e) => e.subscriptionId !== subscriptionId);
    return mine;
  }
}
