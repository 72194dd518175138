/**
 * Fake agents that speak the real protocol (ready marker, JSON-RPC lines, hello, ping,
 * subscribe / unsubscribe, `metrics` notifications) over in-memory pipes, for the synthetic
 * hub. Only the byte pipe is fake: the hub's AgentClient, greeting, liveness, node sessions,
 * history rings and batching all run as they do over SSH.
 */
import { PassThrough } from 'node:stream';
import { RpcError, RpcErrorCode } from '../../agent/src/protocol/errors';
import { LineSplitter } from '../../agent/src/protocol/framing';
import type { Hello, MetricsSample } from '../../agent/src/protocol/types';
import { AGENT_VERSION, MAX_LINE_BYTES, PROTOCOL_VERSION, READY_MARKER } from '../../agent/src/protocol/version';
import { LINUX_REASONS } from '../../agent/src/handlers/capabilities';
import { greetAgent } from '../../electron/hub/agents/greet';
import type { AgentTransport } from '../../electron/hub/agents/transport';
import type { connectOverSsh } from '../../electron/hub/nodes/sshConnector';
import { classifySshError } from '../../electron/hub/ssh/classifySshError';
import { describeHop } from '../../electron/hub/ssh/sshTarget';
import { syntheticIdentity, syntheticSample } from './syntheticSamples';

interface FleetNode {
  k: number;
  hostname: string;
  dead: boolean;
  /** `user@host` as the hub's messages name it, once it has connected. */
  who?: string;
  /** Open links, dropped when the node dies. */
  links: Set<(reason: string) => void>;
}

function helloFor(node: FleetNode): Hello {
  const no = 'A synthetic node has no processes or jobs.';
  return {
    protocolVersion: PROTOCOL_VERSION,
    agentVersion: AGENT_VERSION,
    engine: 'linux',
    node: syntheticIdentity(node.k, node.hostname),
    user: { name: 'mosdesk', uid: 1000, isRoot: false },
    jobFreezeMethod: 'sigstop',
    capabilities: { monitor: true, processes: no, freeze: no, signal: no, run: no, ...LINUX_REASONS },
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
    private readonly onSample: () => void,
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
        this.onSample();
      }
      if (this.streams.has(id)) this.streams.set(id, setTimeout(tick, intervalMs));
    };
    // Each node at its own phase within the interval, as independent machines are.
    this.streams.set(id, setTimeout(tick, ((this.node.k * 617) % 1000) * (intervalMs / 1000)));
  }
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
function openLink(node: FleetNode, onSample: () => void): AgentTransport {
  const toAgent = new PassThrough();
  const fromAgent = new PassThrough();
  const end = new AgentEnd(node, fromAgent, onSample);
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

/** The synthetic nodes of a hub, by host, and the connector that reaches their agents. */
export class SyntheticFleet {
  private readonly nodes = new Map<string, FleetNode>();
  /** Metrics notifications sent by every agent so far. */
  samplesSent = 0;

  add(host: string, k: number, hostname: string, dead = false): void {
    this.nodes.set(host, { k, hostname, dead, links: new Set() });
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
    const transport = openLink(node, () => this.samplesSent++);
    return greetAgent(transport, deps.log);
  };

  private need(host: string): FleetNode {
    const node = this.nodes.get(host);
    if (!node) throw new Error(`no synthetic node ${host}`);
    return node;
  }
}
