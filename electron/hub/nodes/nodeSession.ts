import type { NodeState, NodeView } from '../../api';
import type { Hello } from '../../../agent/src/protocol/types';
import { PROTOCOL_VERSION } from '../../../agent/src/protocol/version';
import { AgentClient } from '../agents/agentClient';
import type { AgentTransport } from '../agents/transport';
import type { HubLog } from '../log';
import { backoffDelay } from './backoff';
import { MetricsStreams } from './metricsStreams';

export interface NodeSessionOptions {
  id: string;
  name: string;
  /** Opens a fresh pipe to the node's agent. */
  connect(): AgentTransport;
  log: HubLog;
  onChange(view: NodeView): void;
  random?: () => number;
}

/**
 * One node's live link to its agent: connect, hello, serve, and when the agent goes away,
 * report the node dead and reconnect by itself with backoff.
 */
export class NodeSession {
  readonly metrics: MetricsStreams;
  private view: NodeView;
  private client: AgentClient | undefined;
  private attempt = 0;
  private retryTimer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(private readonly opts: NodeSessionOptions) {
    this.view = { id: opts.id, name: opts.name, state: 'connecting', since: Date.now() };
    this.metrics = new MetricsStreams(opts.log);
  }

  get snapshot(): NodeView {
    return { ...this.view };
  }

  start(): void {
    this.stopped = false;
    void this.connectOnce();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    this.client?.close();
  }

  private async connectOnce(): Promise<void> {
    this.setState('connecting');
    const client = new AgentClient(this.opts.connect(), this.opts.log);
    this.client = client;
    client.onNotification((method, params) => {
      if (method === 'metrics' && 'sample' in params) this.metrics.deliver(params.subscriptionId, params.sample);
    });
    client.onClose((reason) => this.onLost(client, reason));
    try {
      await client.ready();
      const hello: Hello = await client.request('hello', { protocolVersion: PROTOCOL_VERSION });
      if (this.client !== client) return;
      this.attempt = 0;
      this.setState('up', undefined, hello);
      this.metrics.attach(client);
    } catch (err) {
      if (this.client !== client) return;
      this.opts.log.warn(`node ${this.opts.name}: handshake failed`, err);
      client.close();
    }
  }

  private onLost(client: AgentClient, reason: string): void {
    if (this.client !== client) return;
    this.client = undefined;
    this.metrics.attach(undefined);
    if (this.stopped) return;
    this.setState('dead', reason);
    const delay = backoffDelay(this.attempt++, this.opts.random);
    this.opts.log.info(`node ${this.opts.name}: ${reason}; reconnecting in ${delay} ms`);
    this.retryTimer = setTimeout(() => void this.connectOnce(), delay);
  }

  private setState(state: NodeState, reason?: string, hello?: Hello): void {
    const next: NodeView = { id: this.view.id, name: hello?.node.hostname ?? this.view.name, state, since: Date.now() };
    if (reason !== undefined) next.reason = reason;
    const knownHello = hello ?? this.view.hello;
    if (knownHello) next.hello = knownHello;
    this.view = next;
    this.opts.onChange(this.snapshot);
  }
}
