import { RpcErrorCode } from '../../../agent/src/protocol/errors';
import { LineSplitter } from '../../../agent/src/protocol/framing';
import type { AgentMethod, AgentNotifications, Params, Result } from '../../../agent/src/protocol/methods';
import type { RpcResponse } from '../../../agent/src/protocol/messages';
import { READY_MARKER } from '../../../agent/src/protocol/version';
import { AgentCallError, HubError } from '../errors';
import type { HubLog } from '../log';
import { describeIssue } from '../store/jsonFile';
import { isNotificationMethod, notificationSchemas, rpcErrorSchema } from './agentSchemas';
import { METHOD_KINDS } from './methodKinds';
import type { AgentTransport } from './transport';

export { METHOD_KINDS };

/** Agent replies can be large (process tables), but never unbounded. */
const MAX_REPLY_BYTES = 32 * 1024 * 1024;
const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * Requests sent to one agent and not yet answered; the rest wait here, in order. It is the
 * agent's own bound on requests in work (8, see agent/src/server/admission.ts), so one hub
 * never fills the agent's queue nor meets its Busy answer. hello, ping and unsubscribe are not
 * counted and never wait: the liveness ping must not queue behind slow reads.
 */
export const MAX_IN_FLIGHT = 8;
const UNCOUNTED: ReadonlySet<string> = new Set(['hello', 'ping', 'unsubscribe']);

/** Busy answers a read may get before it fails; with the delays below, about 1.75 s in all. */
export const BUSY_RETRIES = 3;
const BUSY_DELAY = { default: 250, min: 50, max: 2000 };

/**
 * How long to wait before sending a read again after its `tries`-th Busy answer (1 for the
 * first), or null when it has had enough. The agent's hint, doubled each time, within bounds,
 * with ±20 % jitter so that callers turned away together do not come back together.
 */
export function busyRetryDelay(
  tries: number,
  retryAfterMs: unknown,
  random: () => number = Math.random,
): number | null {
  if (tries < 1 || tries > BUSY_RETRIES) return null;
  const hint =
    typeof retryAfterMs === 'number' && Number.isFinite(retryAfterMs)
      ? Math.min(BUSY_DELAY.max, Math.max(BUSY_DELAY.min, retryAfterMs))
      : BUSY_DELAY.default;
  const base = Math.min(BUSY_DELAY.max, hint * 2 ** (tries - 1));
  return Math.round(base * (0.8 + 0.4 * random()));
}

function retryAfterOf(data: unknown): unknown {
  return typeof data === 'object' && data !== null ? (data as { retryAfterMs?: unknown }).retryAfterMs : undefined;
}

type NotificationHandler = <N extends keyof AgentNotifications>(method: N, params: AgentNotifications[N]) => void;

/** One request() from its start to its end, over every time it is sent. */
interface Call {
  method: AgentMethod;
  params: unknown;
  timeoutMs: number;
  resolve(value: unknown): void;
  reject(err: Error): void;
  /** The whole call's timer: waiting here, in flight, and between tries. */
  timer: NodeJS.Timeout;
  state: 'waiting' | 'sent' | 'backoff';
  /** The id of its current send, while sent. */
  id?: number;
  /** Whether it holds one of the MAX_IN_FLIGHT places. */
  counted: boolean;
  busyAnswers: number;
  backoff?: NodeJS.Timeout;
}

/**
 * The hub's end of one agent's JSON-RPC pipe. Requests in flight when the pipe closes fail
 * with a clear error and are never re-sent: an action must not run twice. At most
 * MAX_IN_FLIGHT are sent at once; a read the agent answers Busy (it was not run) is sent
 * again a few times, an action never.
 */
export class AgentClient {
  /** Sent and not answered, by id. */
  private readonly pending = new Map<number, Call>();
  /** Not sent yet, in order. */
  private readonly waiting: Call[] = [];
  /** Every call not settled yet, for the end of the link. */
  private readonly calls = new Set<Call>();
  private inFlight = 0;
  /** How messages name the node; the hostname once hello has said it. */
  private nodeName = 'the node';
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

  /** Names the node in messages (e.g. "The agent on node7 is busy"). */
  setNodeName(name: string): void {
    this.nodeName = name;
  }

  /**
   * Sends `method` (now, or once fewer than MAX_IN_FLIGHT are in flight) and resolves with its
   * result. `timeoutMs` bounds the whole call: waiting here, in flight, and any Busy retries.
   */
  request<M extends AgentMethod>(method: M, params: Params<M>, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<Result<M>> {
    if (this.closedReason !== undefined) {
      return Promise.reject(new HubError('unavailable', `The agent is not connected: ${this.closedReason}`));
    }
    return new Promise<Result<M>>((resolve, reject) => {
      const call: Call = {
        method,
        params,
        timeoutMs,
        resolve: resolve as (v: unknown) => void,
        reject,
        timer: setTimeout(() => this.expire(call), timeoutMs),
        state: 'waiting',
        counted: false,
        busyAnswers: 0,
      };
      this.calls.add(call);
      this.enqueue(call);
    });
  }

  private enqueue(call: Call): void {
    call.state = 'waiting';
    if (UNCOUNTED.has(call.method) || this.inFlight < MAX_IN_FLIGHT) this.send(call);
    else this.waiting.push(call);
  }

  private send(call: Call): void {
    const id = this.nextId++;
    call.state = 'sent';
    call.id = id;
    call.counted = !UNCOUNTED.has(call.method);
    if (call.counted) this.inFlight++;
    this.pending.set(id, call);
    this.transport.input.write(`${JSON.stringify({ jsonrpc: '2.0', id, method: call.method, params: call.params })}\n`);
  }

  /** Takes a call off the wire (answered, timed out, or the link ended) and sends the next. */
  private unsend(call: Call): void {
    if (call.id !== undefined) this.pending.delete(call.id);
    call.id = undefined;
    if (!call.counted) return;
    call.counted = false;
    this.inFlight--;
    while (this.inFlight < MAX_IN_FLIGHT && this.waiting.length > 0 && this.closedReason === undefined) {
      this.send(this.waiting.shift() as Call);
    }
  }

  /** Ends a call once, with its result or its error. */
  private finish(call: Call, outcome: { value: unknown } | { error: Error }): void {
    if (!this.calls.delete(call)) return;
    clearTimeout(call.timer);
    clearTimeout(call.backoff);
    if (call.state === 'waiting') {
      const at = this.waiting.indexOf(call);
      if (at >= 0) this.waiting.splice(at, 1);
    }
    this.unsend(call);
    if ('error' in outcome) call.reject(outcome.error);
    else call.resolve(outcome.value);
  }

  private expire(call: Call): void {
    const { method, timeoutMs } = call;
    const seconds = `${timeoutMs / 1000} s`;
    let error: Error;
    if (call.state === 'waiting' && call.busyAnswers === 0) {
      error = new HubError(
        'timeout',
        `"${method}" was not sent to the agent on ${this.nodeName} within ${seconds}: ${MAX_IN_FLIGHT} requests sent before it were still unanswered. It was not run.`,
      );
    } else if (call.state === 'sent') {
      error = new HubError('timeout', `The agent did not answer "${method}" within ${seconds}.`);
    } else {
      error = this.stillBusy(call);
    }
    this.finish(call, { error });
  }

  private stillBusy(call: Call, data?: unknown): AgentCallError {
    const times = call.busyAnswers === 1 ? 'once' : `${call.busyAnswers} times`;
    return new AgentCallError(
      RpcErrorCode.Busy,
      `The agent on ${this.nodeName} is busy; it refused "${call.method}" ${times} in a row. Try again later.`,
      data,
    );
  }

  /** A Busy answer: the agent did not run the call. A read goes again after a while; an action fails. */
  private onBusy(call: Call, data: unknown): void {
    call.busyAnswers++;
    if (METHOD_KINDS[call.method] === 'action') {
      this.finish(call, {
        error: new AgentCallError(
          RpcErrorCode.Busy,
          `The agent on ${this.nodeName} is busy; the action was not run.`,
          data,
        ),
      });
      return;
    }
    const delay = busyRetryDelay(call.busyAnswers, retryAfterOf(data));
    if (delay === null) {
      this.finish(call, { error: this.stillBusy(call, data) });
      return;
    }
    this.unsend(call);
    call.state = 'backoff';
    call.backoff = setTimeout(() => {
      call.backoff = undefined;
      if (this.closedReason === undefined && this.calls.has(call)) this.enqueue(call);
    }, delay);
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
    const call = typeof m.id === 'number' ? this.pending.get(m.id) : undefined;
    if (!call) return;
    if ('error' in m && m.error !== undefined) {
      const error = rpcErrorSchema.safeParse(m.error);
      if (error.success && error.data.code === RpcErrorCode.Busy) {
        this.onBusy(call, error.data.data);
        return;
      }
      this.finish(call, {
        error: error.success
          ? new AgentCallError(error.data.code, error.data.message, error.data.data)
          : new HubError('internal', `The agent answered "${call.method}" with a malformed error.`),
      });
    } else {
      this.finish(call, { value: (m as { result?: unknown }).result });
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
    for (const call of [...this.calls]) {
      const what = call.state === 'sent' ? 'answered' : 'sent';
      this.finish(call, {
        error: new HubError(
          'unavailable',
          `The link to the agent ended before "${call.method}" was ${what} (${reason}); it was not retried.`,
        ),
      });
    }
    for (const cb of this.closeHandlers) cb(reason);
  }
}
