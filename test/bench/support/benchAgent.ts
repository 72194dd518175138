/**
 * The agent bundle as a child process, with request timing taken when the reply's last byte
 * arrives (before we parse it), so a bench measures the agent and the pipe, not our JSON.parse.
 * test/support/agentProcess.ts is the tests' client; this one adds timing and stderr capture.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { READY_MARKER } from '../../../agent/src/protocol/version';
import type { AgentMessage } from '../../support/agentProcess';
import { AGENT_BUNDLE, requireBuilt } from '../../support/dist';
import { killAndWait, track } from './cleanup';

export interface Timed {
  msg: AgentMessage;
  /** Request written → last byte of the reply received, ms. */
  ms: number;
}

interface Pending {
  sentAt: number;
  resolve: (t: Timed) => void;
  reject: (e: Error) => void;
}

export class BenchAgent {
  readonly child: ChildProcessWithoutNullStreams;
  private chunks: string[] = [];
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly stderrLines: string[] = [];
  private readonly listeners: ((m: AgentMessage) => void)[] = [];

  constructor(node: string = process.execPath) {
    requireBuilt(AGENT_BUNDLE);
    this.child = track(spawn(node, [AGENT_BUNDLE, 'serve', '--stdio'], { stdio: 'pipe' }));
    this.child.stdout.setEncoding('utf8');
    this.child.stdout.on('data', (text: string) => this.onData(text, performance.now()));
    this.child.stderr.setEncoding('utf8');
    this.child.stderr.on('data', (text: string) => {
      this.stderrLines.push(...text.split('\n').filter(Boolean));
      this.stderrLines.splice(0, Math.max(0, this.stderrLines.length - 20));
    });
    this.child.once('exit', (code, signal) => {
      const why = new Error(`agent exited (${code ?? signal}); stderr: ${this.stderrTail() || '(empty)'}`);
      for (const p of this.pending.values()) p.reject(why);
      this.pending.clear();
    });
  }

  get pid(): number {
    return this.child.pid as number;
  }

  /** The last lines the agent logged, for error messages. */
  stderrTail(): string {
    return this.stderrLines.slice(-5).join(' | ');
  }

  /** Called for every notification (a message with a method and no id). */
  onNotification(listener: (m: AgentMessage) => void): void {
    this.listeners.push(listener);
  }

  request(method: string, params: unknown = {}): Promise<Timed> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { sentAt: performance.now(), resolve, reject });
      this.child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', id, method, params })}\n`);
    });
  }

  /** A request that must succeed; an error reply becomes an Error naming the method. */
  async call<T>(method: string, params: unknown = {}): Promise<T> {
    const { msg } = await this.request(method, params);
    if (msg.error) throw new Error(`${method} answered error ${msg.error.code}: ${msg.error.message}`);
    return msg.result as T;
  }

  stop(): Promise<void> {
    return killAndWait([this.child]);
  }

  // Lines can be megabytes (procs.list on a busy node): keep chunks, join once per line.
  private onData(text: string, at: number): void {
    let start = 0;
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
      this.chunks.push(text.slice(start, nl));
      this.onLine(this.chunks.join(''), at);
      this.chunks = [];
      start = nl + 1;
    }
    if (start < text.length) this.chunks.push(text.slice(start));
  }

  private onLine(line: string, at: number): void {
    if (line === READY_MARKER || line === '') return;
    const msg = JSON.parse(line) as AgentMessage;
    const waiting = typeof msg.id === 'number' ? this.pending.get(msg.id) : undefined;
    if (waiting && typeof msg.id === 'number') {
      this.pending.delete(msg.id);
      waiting.resolve({ msg, ms: at - waiting.sentAt });
    } else if (msg.method) {
      for (const l of this.listeners) l(msg);
    }
  }
}
