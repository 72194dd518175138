import type { ChangedHostKey, NodeState, NodeView, SshSettings } from '../../api';
import type { Hello, MetricsSample } from '../../../agent/src/protocol/types';
import type { AgentClient } from '../agents/agentClient';
import type { AgentConnection } from '../agents/greet';
import type { HubLog } from '../log';
import { ConnectFailure, type FailureState } from '../ssh/connectFailure';
import { backoffDelay } from './backoff';
import { Liveness, type LivenessOptions } from './liveness';
import { NodeStreams } from './nodeStreams';
import { ProcStreams } from './procStreams';
import { HISTORY_INTERVAL_MS, HistoryRing } from '../metrics/historyRing';
import { messageOf } from '../errors';

export interface NodeSessionOptions {
  id: string;
  name: string;
  /** The configured host and the node's own SSH settings, shown for SSH nodes. */
  host?: string;
  settings?: SshSettings;
  /** Opens a fresh, greeted link to the node's agent; throws ConnectFailure (or any error). */
  connect(): Promise<AgentConnection>;
  log: HubLog;
  onChange(view: NodeView): void;
  random?: () => number;
  liveness?: LivenessOptions;
  /** Ceiling of the reconnect backoff. */
  maxBackoffMs?: number;
}

/**
 * One node's live link to its agent: connect, hello, serve, watch that it answers, and when it
 * goes away, report the node dead and reconnect by itself with backoff and jitter. Failures
 * only the user can fix (a changed host key, a refused key, no Node.js) wait for `reconnectNow`.
 */
export class NodeSession {
  readonly metrics: NodeStreams<'metrics', MetricsSample>;
  /** The node's process tables, streamed only while a view wants them. */
  readonly procs: ProcStreams;
  /** The last 15 minutes of this node's figures, recorded whether or not a window looks. */
  readonly history = new HistoryRing();
  private newest: MetricsSample | undefined;
  private view: NodeView;
  private client: AgentClient | undefined;
  private liveness: Liveness | undefined;
  private attempt = 0;
  private retryTimer: NodeJS.Timeout | undefined;
  private stopped = true;
  /** Set by dispose(): the node's cluster is gone, and nothing may start the session again. */
  private disposed = false;
  /** Bumped by every new attempt, so a late answer from an old one is ignored. */
  private generation = 0;

  constructor(private readonly opts: NodeSessionOptions) {
    this.view = { id: opts.id, name: opts.name, state: 'connecting', since: Date.now() };
    if (opts.host !== undefined) this.view.host = opts.host;
    if (opts.settings !== undefined) this.view.settings = { ...opts.settings };
    this.metrics = new NodeStreams('metrics', opts.log);
    this.procs = new ProcStreams(opts.log);
    this.metrics.add({ intervalMs: HISTORY_INTERVAL_MS }, (sample) => {
      this.newest = sample;
      // The hub's clock: nodes whose clocks differ still line up on one time axis.
      this.history.push(Date.now(), sample);
    });
  }

  /** The newest sample while the node is up, for a window that starts watching now. */
  get latestSample(): MetricsSample | undefined {
    return this.client ? this.newest : undefined;
  }

  get snapshot(): NodeView {
    return { ...this.view };
  }

  /** The agent, when the node is up; for requests on the user's behalf. */
  get agent(): AgentClient | undefined {
    return this.client;
  }

  start(): void {
    if (!this.stopped || this.disposed) return;
    this.stopped = false;
    void this.connectOnce();
  }

  stop(): void {
    this.stopped = true;
    this.generation++;
    clearTimeout(this.retryTimer);
    this.drop()?.close();
  }

  /**
   * Stops for good: the cluster was removed or the hub closes. A late answer to a host key
   * question, or an attempt still waiting for its turn, can then never bring the node back.
   */
  dispose(): void {
    this.disposed = true;
    this.stop();
  }

  get isDisposed(): boolean {
    return this.disposed;
  }

  /** Tries again at once, whatever the state: after the user fixed something. */
  reconnectNow(): void {
    if (this.disposed) return;
    this.stopped = false;
    clearTimeout(this.retryTimer);
    this.attempt = 0;
    const old = this.drop();
    old?.close();
    void this.connectOnce();
  }

  /** New own settings for this node (they apply from the next connection). */
  updateSettings(settings: SshSettings): void {
    this.view = { ...this.view, settings: { ...settings } };
  }

  /** Stops trying and leaves the node in a state only the user can end (with reconnectNow). */
  hold(state: FailureState, reason: string): void {
    if (this.disposed) return;
    this.generation++;
    clearTimeout(this.retryTimer);
    this.drop()?.close();
    this.setState(state, reason);
  }

  private drop(): AgentClient | undefined {
    const old = this.client;
    this.client = undefined;
    this.liveness?.stop();
    this.liveness = undefined;
    this.metrics.attach(undefined);
    this.procs.attach(undefined);
    this.newest = undefined;
    return old;
  }

  private async connectOnce(): Promise<void> {
    const generation = ++this.generation;
    if (this.view.state !== 'dead') this.setState('connecting');
    let conn: AgentConnection;
    try {
      conn = await this.opts.connect();
    } catch (err) {
      if (generation !== this.generation) return;
      this.onFailed(err);
      return;
    }
    if (generation !== this.generation || this.stopped) {
      conn.client.close();
      return;
    }
    this.attach(conn);
  }

  private attach({ client, hello }: AgentConnection): void {
    this.client = client;
    this.attempt = 0;
    // The client has checked each notification's shape before it gets here.
    client.onNotification((method, params) => {
      if (method === 'metrics' && 'sample' in params) this.metrics.deliver(params.subscriptionId, params.sample);
      if (method === 'procs' && 'changes' in params) this.procs.deliver(params.subscriptionId, params.changes);
    });
    client.onClose((reason) => this.onLost(client, reason));
    this.liveness = new Liveness(client, (why) => client.close(why), this.opts.liveness);
    this.setState('up', undefined, hello);
    this.metrics.attach(client);
    this.procs.attach(client);
  }

  private onFailed(err: unknown): void {
    const failure = err instanceof ConnectFailure ? err : new ConnectFailure('error', messageOf(err));
    this.setState(failure.state, failure.message, undefined, failure.changedKey);
    if (failure.retry === 'manual') {
      this.opts.log.info(`node ${this.opts.name}: ${failure.message} (waiting for the user)`);
      return;
    }
    this.scheduleRetry(failure.message);
  }

  private onLost(client: AgentClient, reason: string): void {
    if (this.client !== client) return;
    this.drop();
    if (this.stopped) return;
    this.setState('dead', reason);
    this.scheduleRetry(reason);
  }

  private scheduleRetry(reason: string): void {
    if (this.stopped) return;
    const delay = backoffDelay(this.attempt++, this.opts.random, 500, this.opts.maxBackoffMs ?? 10_000);
    this.opts.log.info(`node ${this.opts.name}: ${reason}; trying again in ${delay} ms`);
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => void this.connectOnce(), delay);
  }

  private setState(state: NodeState, reason?: string, hello?: Hello, changedKey?: ChangedHostKey): void {
    const next: NodeView = { id: this.view.id, name: hello?.node.hostname ?? this.view.name, state, since: Date.now() };
    if (reason !== undefined) next.reason = reason;
    if (changedKey !== undefined) next.changedKey = { ...changedKey };
    const knownHello = hello ?? this.view.hello;
    if (knownHello) next.hello = knownHello;
    if (this.view.host !== undefined) next.host = this.view.host;
    if (this.view.settings !== undefined) next.settings = this.view.settings;
    // A node that stays dead between attempts keeps its "since": it has been dead since then.
    if (state === this.view.state && state !== 'up') next.since = this.view.since;
    this.view = next;
    this.opts.onChange(this.snapshot);
  }
}
