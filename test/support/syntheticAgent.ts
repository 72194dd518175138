/**
 * Fake agents that speak the real protocol (ready marker, JSON-RPC lines, hello, ping,
 * subscribe / unsubscribe, `metrics` and `procs` notifications, procs.list) over in-memory
 * pipes, for the synthetic hub. A node's process table (SyntheticProcTable) comes whole first,
 * then with its changes once a tick, as the real agent streams it. Only the byte pipe is fake: the hub's AgentClient, greeting, liveness, node sessions,
 * history rings and batching all run as they do over SSH.
 */
import { PassThrough } from 'node:stream';
import { RpcError, RpcErrorCode } from '../../agent/src/protocol/errors';
import { LineSplitter } from '../../agent/src/protocol/framing';
import type { ProcRow } from '../../agent/src/protocol/procTypes';
import type { Hello, MetricsSample } from '../../agent/src/protocol/types';
import { AGENT_VERSION, MAX_LINE_BYTES, PROTOCOL_VERSION, READY_MARKER } from '../../agent/src/protocol/version';
import { LINUX_REASONS } from '../../agent/src/engines/linux/capabilities';
import { greetAgent } from '../../electron/hub/agents/greet';
import type { AgentTransport } from '../../electron/hub/agents/transport';
import type { connectOverSsh } from '../../electron/hub/nodes/sshConnector';
import { classifySshError } from '../../electron/hub/ssh/classifySshError';
import { describeHop } from '../../electron/hub/ssh/sshTarget';
import { SyntheticProcTable, syntheticIdentity, syntheticSample } from './syntheticSamples';

interface FleetNode {
  k: number;
  hostname: string;
  dead: boolean;
  /** Processes in its table. */
  processes: number;
  /** `user@host` as the hub's messages name it, once it has connected. */
  who?: string;
  /** Open links, dropped when the node dies. */
  links: Set<(reason: string) => void>;
}

function helloFor(node: FleetNode): Hello {
  const no = 'A synthetic node lists made-up processes; it cannot act on them.';
  return {
    protocolVersion: PROTOCOL_VERSION,
    agentVersion: AGENT_VERSION,
    engine: 'linux',
    engineReason: 'a synthetic agent: no node behind it',
    node: syntheticIdentity(node.k, node.hostname),
    user: { name: 'mosdesk', uid: 1000, isRoot: false },
    jobFreezeMethod: 'sigstop',
    capabilities: { monitor: true, processes: true, freeze: no, signal: no, run: no, ...LINUX_REASONS },
  };
}

const NO_RATES: MetricsSample['rates'] = {
  cpuUtilPercent: null,
  readBytesPerSec: null,
  writeBytesPerSec: null,
  netInBytesPerSec: null,
  netOutBytesPerSec: null,
  nfsRpcPerSec: null,
};

/** The agent's side of one link: its answers and its metrics streams. */
class AgentEnd {
  private readonly streams = new Map<string, NodeJS.Timeout>();
  private nextStream = 1;

  constructor(
    private readonly node: FleetNode,
    private readonly out: PassThrough,
    private readonly counts: FleetCounts,
  ) {}

  send(message: unknown): void {
    this.out.write(`${JSON.stringify(message)}\n`);
  }

  handle(method: string, params: Record<string, unknown>): unknown {
    const { node } = this;
    if (method === 'hello') {
      if (params.protocolVersion !== PROTOCOL_VERSION)
        throw new RpcError(RpcErrorCode.VersionMismatch, `This agent speaks protocol ${PROTOCOL_VERSION}.`);
      return helloFor(node);
    }
    if (method === 'ping') return { pong: true, at: Date.now() };
    if (method === 'metrics.read') return syntheticSample(node.k, Date.now(), node.hostname);
    if (method === 'subscribe' && params.topic === 'metrics') {
      const id = `m${this.nextStream++}`;
      this.startStream(id, Number(params.intervalMs));
      return { subscriptionId: id };
    }
    if (method === 'subscribe' && params.topic === 'procs') {
      const id = `p${this.nextStream++}`;
      this.startProcs(id, Number(params.intervalMs), params);
      return { subscriptionId: id };
    }
    if (method === 'procs.list') {
      const rows = new SyntheticProcTable(node.k, node.processes).list().filter(matches(params));
      return { at: Date.now(), rows, truncated: false };
    }
    // No job was ever started on a synthetic node: the jobs view shows its empty list, not an error.
    if (method === 'jobs.list') return [];
    if (method === 'unsubscribe') {
      const id = String(params.subscriptionId);
      clearTimeout(this.streams.get(id));
      return { removed: this.streams.delete(id) };
    }
    throw new RpcError(RpcErrorCode.Unsupported, `A synthetic node does not answer ${method}.`);
  }

  stop(): void {
    for (const timer of this.streams.values()) clearTimeout(timer);
    this.streams.clear();
  }

  private startStream(id: string, intervalMs: number): void {
    let first = true;
    const tick = (): void => {
      // As the real agent: a tick is skipped while the hub is not reading.
      if (!this.out.writableNeedDrain) {
        const sample = syntheticSample(this.node.k, Date.now(), this.node.hostname);
        // A stream's first sample has nothing to compare with: no rates, as on a real node.
        if (first) sample.rates = NO_RATES;
        first = false;
        this.send({ jsonrpc: '2.0', method: 'metrics', params: { subscriptionId: id, sample } });
        this.counts.samples++;
      }
      if (this.streams.has(id)) this.streams.set(id, setTimeout(tick, intervalMs));
    };
    // Each node at its own phase within the interval, as independent machines are.
    this.streams.set(id, setTimeout(tick, ((this.node.k * 617) % 1000) * (intervalMs / 1000)));
  }

  /** The node's table, whole on the first tick, then its changes each tick; filtered as asked. */
  private startProcs(id: string, intervalMs: number, filter: Record<string, unknown>): void {
    const table = new SyntheticProcTable(this.node.k, this.node.processes);
    const keep = matches(filter);
    const tick = (): void => {
      // As the real agent: sampling pauses while the hub is not reading (the next change set
      // then follows the last one sent, so nothing is lost).
      if (!this.out.writableNeedDrain) {
        const changes = table.next();
        changes.upserted = changes.upserted.filter(keep);
        this.send({ jsonrpc: '2.0', method: 'procs', params: { subscriptionId: id, changes } });
        this.counts.procNotes++;
        this.counts.procRows += changes.upserted.length + changes.removed.length;
      }
      if (this.streams.has(id)) this.streams.set(id, setTimeout(tick, intervalMs));
    };
    this.streams.set(id, setTimeout(tick, 0));
  }
}

/** mosps's user and Job ID filters, as the agent applies them (scopes: every synthetic process is local). */
function matches(filter: Record<string, unknown>): (row: ProcRow) => boolean {
  const user = typeof filter.user === 'string' ? filter.user : undefined;
  const jobId = typeof filter.jobId === 'number' ? filter.jobId : undefined;
  const guestsOnly = filter.scope === 'guests' || filter.scope === 'away';
  return (row) =>
    !guestsOnly && (user === undefined || row.user === user) && (jobId === undefined || row.jobId === jobId);
}

/** Feeds request lines to `end` and writes its answers (or errors) back. */
function answerRequests(input: PassThrough, end: AgentEnd): void {
  const splitter = new LineSplitter(MAX_LINE_BYTES);
  input.on('data', (chunk: Buffer) => {
    for (const event of splitter.push(chunk)) {
      if (event.kind !== 'line') continue;
      const req = JSON.parse(event.line) as { id?: number; method: string; params?: Record<string, unknown> };
      try {
        const result = end.handle(req.method, req.params ?? {});
        if (req.id !== undefined) end.send({ jsonrpc: '2.0', id: req.id, result });
      } catch (err) {
        const e = err instanceof RpcError ? err : new RpcError(RpcErrorCode.InternalError, String(err));
        if (req.id !== undefined) end.send({ jsonrpc: '2.0', id: req.id, error: e.toJSON() });
      }
    }
  });
}

/** One in-memory link to `node`'s agent, as an AgentTransport. */
function openLink(node: FleetNode, counts: FleetCounts): AgentTransport {
  const toAgent = new PassThrough();
  const fromAgent = new PassThrough();
  const end = new AgentEnd(node, fromAgent, counts);
  const handlers: ((reason: string) => void)[] = [];
  let closed = false;
  const fire = (reason: string): void => {
    if (closed) return;
    closed = true;
    node.links.delete(fire);
    end.stop();
    toAgent.destroy();
    fromAgent.end();
    for (const cb of handlers) cb(reason);
  };
  node.links.add(fire);
  answerRequests(toAgent, end);
  fromAgent.write(`${READY_MARKER}\n`);
  return {
    input: toAgent,
    output: fromAgent,
    onClose: (cb) => void handlers.push(cb),
    close: () => fire('closed by the hub'),
  };
}

/** What every agent of a fleet has sent so far. */
export interface FleetCounts {
  /** Metrics notifications. */
  samples: number;
  /** `procs` notifications, and the rows they upserted or removed. */
  procNotes: number;
  procRows: number;
}

/** Processes on a synthetic node unless its cluster says how many. */
export const DEFAULT_PROCESSES = 40;

/** The synthetic nodes of a hub, by host, and the connector that reaches their agents. */
export class SyntheticFleet {
  private readonly nodes = new Map<string, FleetNode>();
  readonly counts: FleetCounts = { samples: 0, procNotes: 0, procRows: 0 };

  /** Metrics notifications sent by every agent so far. */
  get samplesSent(): number {
    return this.counts.samples;
  }

  add(host: string, k: number, hostname: string, dead = false, processes = DEFAULT_PROCESSES): void {
    this.nodes.set(host, { k, hostname, dead, processes, links: new Set() });
  }

  /** A dead node drops its links at once and refuses new ones, as a host whose network went away. */
  setDead(host: string, dead: boolean): void {
    const node = this.need(host);
    node.dead = dead;
    if (dead) for (const drop of [...node.links]) drop(`the SSH connection to ${node.who ?? host} closed`);
  }

  /** In place of connectOverSsh: the same target and deps, an in-memory agent at the end. */
  readonly connect: typeof connectOverSsh = async (target, deps) => {
    const node = this.need(target.node.alias);
    if (node.dead) {
      // What ssh2 reports for a host that is down, classified by the hub's own code.
      throw classifySshError(Object.assign(new Error('connect EHOSTUNREACH'), { code: 'EHOSTUNREACH' }), target.node);
    }
    node.who = describeHop(target.node);
    const transport = openLink(node, this.counts);
    return greetAgent(transport, deps.log);
  };

  private need(host: string): FleetNode {
    const node = this.nodes.get(host);
    if (!node) throw new Error(`no synthetic node ${host}`);
    return node;
  }
}
