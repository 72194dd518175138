import { LineSplitter } from '../../../agent/src/protocol/framing';
import type { AgentMethod, AgentNotifications, Params, Result } from '../../../agent/src/protocol/methods';
import type { RpcResponse } from '../../../agent/src/protocol/messages';
import { READY_MARKER } from '../../../agent/src/protocol/version';
import { AgentCallError, HubError } from '../errors';
import type { HubLog } from '../log';
import { describeIssue } from '../store/jsonFile';
import { isNotificationMethod, notificationSchemas, rpcErrorSchema } from './agentSchemas';
import type { AgentTransport } from './transport';

/** Agent replies can be large (process tables), but never unbounded. */
const MAX_REPLY_BYTES = 32 * 1024 * 1024;
const DEFAULT_TIMEOUT_MS = 10_000;

type NotificationHandler = <N extends keyof AgentNotifications>(method: N, params: AgentNotifications[N]) => void;

interface Pending {
  method: string;
  resolve(value: unknown): void;
  reject(err: Error): void;
  timer: NodeJS.Timeout;
}

/**
 * The hub's end of one agent's JSON-RPC pipe. Requests in flight when the pipe closes fail
 * with a clear error and are never re-sent: an action must not run twice.
 */
export class AgentClient {
  private readonly pending = new Map<number, Pending>();
  private readonly splitter = new LineSplitter(MAX_REPLY_BYTES);
  private nextId = 1;
  private sawMarker = false;
  private closedReason: string | undefined;
  private readyWaiters: { resolve(): void; reject(err: Error): void }[] = [];
  private notificationHandler: NotificationHandler = () => undefined;
  private closeHandlers: ((reason: string) => void)[] = [];
  private readonly activityHandlers = new Set<() => void>();
  /** Kinds of bad message already logged: one line each, not one per sample. */
  private readonly warned = new Set<string>();

  constructor(
    private readonly transport: AgentTransport,
    private readonly log: HubLog,
  ) {
    transport.output.on('data', (chunk: Buffer) => this.onData(chunk));
    transport.onClose((reason) => this.onClosed(reason));
  }

  /** Resolves once the agent has printed its ready marker. */
  ready(): Promise<void> {
    if (this.sawMarker) return Promise.resolve();
    if (this.closedReason !== undefined) return Promise.reject(new HubError('unavailable', this.closedReason));
    return new Promise((resolve, reject) => this.readyWaiters.push({ resolve, reject }));
  }

  onNotification(handler: NotificationHandler): void {
    this.notificationHandler = handler;
  }

  onClose(cb: (reason: string) => void): void {
    this.closeHandlers.push(cb);
  }

  /**
   * Called whenever the agent sends anything after its marker, even part of a long reply:
   * every byte shows the link is alive. Returns a function that stops the calls.
   */
  onActivity(cb: () => void): () => void {
    this.activityHandlers.add(cb);
    return () => this.activityHandlers.delete(cb);
  }

  request<M extends AgentMethod>(method: M, params: Params<M>, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<Result<M>> {
    if (this.closedReason !== undefined) {
      return Promise.reject(new HubError('unavailable', `The agent is not connected: ${this.closedReason}`));
    }
    const id = this.nextId++;
    return new Promise<Result<M>>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new HubError('timeout', `The agent did not answer "${method}" within ${timeoutMs / 1000} s.`));
      }, timeoutMs);
      this.pending.set(id, { method, resolve: resolve as (v: unknown) => void, reject, timer });
      this.transport.input.write(`${JSON.stringify({ jsonrpc: '2.0', id, method, params })}\n`);
    });
  }

  /** Ends the pipe now; requests in flight fail with `reason`. */
  close(reason = 'closed by the hub'): void {
    this.onClosed(reason);
    this.transport.close();
  }

  private onData(chunk: Buffer): void {
    if (this.sawMarker) for (const cb of this.activityHandlers) cb();
    for (const event of this.splitter.push(chunk)) {
      if (event.kind === 'tooLong') {
        this.log.warn(`agent sent a line of over ${MAX_REPLY_BYTES} bytes; it was dropped`);
      } else if (!this.sawMarker) {
        // Anything before the marker is a login banner or shell noise, never protocol.
        if (event.line.trim() === READY_MARKER) this.markReady();
      } else {
        this.onMessage(event.line);
      }
    }
  }

  private markReady(): void {
    this.sawMarker = true;
    for (const w of this.readyWaiters.splice(0)) w.resolve();
  }

  private onMessage(line: string): void {
    let msg: unknown;
    try {
      msg = JSON.parse(line);
    } catch {
      this.log.warn(`agent sent a line that is not JSON: ${JSON.stringify(line.slice(0, 120))}`);
      return;
    }
    if (typeof msg !== 'object' || msg === null) return;
    const m = msg as Partial<RpcResponse> & { method?: unknown; params?: unknown };
    if (typeof m.method === 'string' && m.id === undefined) {
      this.onNotificationMessage(m.method, m.params);
      return;
    }
    const pending = typeof m.id === 'number' ? this.pending.get(m.id) : undefined;
    if (!pending) return;
    this.pending.delete(m.id as number);
    clearTimeout(pending.timer);
    if ('error' in m && m.error !== undefined) {
      const error = rpcErrorSchema.safeParse(m.error);
      pending.reject(
        error.success
          ? new AgentCallError(error.data.code, error.data.message, error.data.data)
          : new HubError('internal', `The agent answered "${pending.method}" with a malformed error.`),
      );
    } else {
      pending.resolve((m as { result?: unknown }).result);
    }
  }

  /** Checks a notification, then hands it on; nothing it does may throw into the pipe's reader. */
  private onNotificationMessage(method: string, params: unknown): void {
    if (!isNotificationMethod(method)) {
      this.warnOnce(`unknown:${method}`, `agent sent an unknown notification "${method.slice(0, 60)}"; dropped`);
      return;
    }
    const parsed = notificationSchemas[method].safeParse(params);
    if (!parsed.success) {
      this.warnOnce(
        `bad:${method}`,
        `agent sent a "${method}" notification that is not valid (${describeIssue(parsed.error)}); dropped`,
      );
      return;
    }
    try {
      // Checked for shape (see agentSchemas); what is inside a sample is shown as untrusted data.
      this.notificationHandler(method, parsed.data as unknown as AgentNotifications[typeof method]);
    } catch (err) {
      this.log.warn(`handling the agent's "${method}" notification failed`, err);
    }
  }

  private warnOnce(kind: string, message: string): void {
    if (this.warned.has(kind)) return;
    this.warned.add(kind);
    this.log.warn(`${message} (further ones are dropped without a word)`);
  }

  private onClosed(reason: string): void {
    if (this.closedReason !== undefined) return;
    this.closedReason = reason;
    for (const w of this.readyWaiters.splice(0)) w.reject(new HubError('unavailable', reason));
    for (const [id, p] of this.pending) {
      clearTimeout(p.timer);
      p.reject(
        new HubError(
          'unavailable',
          `The link to the agent ended before "${p.method}" was answered (${reason}); it was not retried.`,
        ),
      );
      this.pending.delete(id);
    }
    for (const cb of this.closeHandlers) cb(reason);
  }
}
