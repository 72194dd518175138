import type { MetricsSample } from '../../../agent/src/protocol/types';
import type { AgentClient } from '../agents/agentClient';
import type { HubLog } from '../log';

type Listener = (sample: MetricsSample) => void;

interface Stream {
  listeners: Set<Listener>;
  /** The agent's id for this stream while the agent is connected. */
  agentSubscriptionId?: string;
}

/**
 * The metrics streams one node should have, shared by interval: ten windows watching the
 * same node at 1 s cost the agent one stream. After a reconnect every stream is re-opened.
 */
export class MetricsStreams {
  private readonly streams = new Map<number, Stream>();
  private client: AgentClient | undefined;

  constructor(private readonly log: HubLog) {}

  /** Called when an agent becomes usable (after hello) or goes away (undefined). */
  attach(client: AgentClient | undefined): void {
    this.client = client;
    for (const [intervalMs, stream] of this.streams) {
      stream.agentSubscriptionId = undefined;
      if (client) void this.open(intervalMs, stream);
    }
  }

  /** Routes an agent `metrics` notification to the stream's listeners. */
  deliver(subscriptionId: string, sample: MetricsSample): void {
    for (const stream of this.streams.values()) {
      if (stream.agentSubscriptionId !== subscriptionId) continue;
      for (const listener of stream.listeners) listener(sample);
    }
  }

  add(intervalMs: number, listener: Listener): () => void {
    let stream = this.streams.get(intervalMs);
    if (!stream) {
      stream = { listeners: new Set() };
      this.streams.set(intervalMs, stream);
      if (this.client) void this.open(intervalMs, stream);
    }
    stream.listeners.add(listener);
    const owned = stream;
    return () => {
      owned.listeners.delete(listener);
      if (owned.listeners.size > 0 || this.streams.get(intervalMs) !== owned) return;
      this.streams.delete(intervalMs);
      const id = owned.agentSubscriptionId;
      if (id && this.client) {
        this.client.request('unsubscribe', { subscriptionId: id }).catch(() => undefined);
      }
    };
  }

  private async open(intervalMs: number, stream: Stream): Promise<void> {
    const client = this.client;
    if (!client) return;
    try {
      const { subscriptionId } = await client.request('subscribe', { topic: 'metrics', intervalMs });
      // The stream may have been dropped, or the agent replaced, while we waited.
      if (this.streams.get(intervalMs) === stream && this.client === client) {
        stream.agentSubscriptionId = subscriptionId;
      } else {
        client.request('unsubscribe', { subscriptionId }).catch(() => undefined);
      }
    } catch (err) {
      this.log.warn(`could not open a metrics stream every ${intervalMs} ms`, err);
    }
  }
}
