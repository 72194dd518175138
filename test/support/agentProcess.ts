import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { READY_MARKER } from '../../agent/src/protocol/version';
import { AGENT_BUNDLE, requireBuilt } from './dist';

export interface AgentMessage {
  id?: number | string | null;
  method?: string;
  params?: unknown;
  result?: unknown;
  error?: { code: number; message: string; data?: unknown };
}

export interface AgentProcessOptions {
  /** Added to this process's environment (e.g. MOSDESK_AGENT_STATE_DIR). */
  env?: Record<string, string>;
  /** A command the agent runs under, e.g. ['setpriv', '--reuid=nobody', ...]. */
  prefix?: string[];
  /** The Node binary; this process's own by default. */
  node?: string;
  /** The agent bundle to run; dist/'s by default (see bundleCopy.ts for another user's agent). */
  bundle?: string;
}

/** The built agent bundle as a child process, spoken to line by line as the hub does. */
export class AgentProcess {
  readonly child: ChildProcessWithoutNullStreams;
  readonly received: AgentMessage[] = [];
  private buffer = '';
  private waiters: (() => void)[] = [];
  sawMarker = false;

  constructor(options: AgentProcessOptions = {}) {
    const bundle = options.bundle ?? AGENT_BUNDLE;
    requireBuilt(bundle);
    const command = [...(options.prefix ?? []), options.node ?? process.execPath, bundle, 'serve', '--stdio'];
    this.child = spawn(command[0] as string, command.slice(1), {
      env: { ...process.env, ...options.env },
    });
    this.child.stdout.setEncoding('utf8');
    this.child.stdout.on('data', (text: string) => {
      this.buffer += text;
      let nl: number;
      while ((nl = this.buffer.indexOf('\n')) >= 0) {
        const line = this.buffer.slice(0, nl);
        this.buffer = this.buffer.slice(nl + 1);
        if (line === READY_MARKER) this.sawMarker = true;
        else this.received.push(JSON.parse(line) as AgentMessage);
      }
      for (const w of this.waiters.splice(0)) w();
    });
  }

  sendRaw(text: string): void {
    this.child.stdin.write(text);
  }

  send(msg: object): void {
    this.sendRaw(`${JSON.stringify(msg)}\n`);
  }

  /** Waits until a message matching `pred` has arrived, and returns it. */
  async waitFor(pred: (m: AgentMessage) => boolean, timeoutMs = 10_000): Promise<AgentMessage> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.received.find(pred);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no matching agent message in ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 200);
      });
    }
  }

  async call(id: number, method: string, params?: unknown): Promise<AgentMessage> {
    this.send({ jsonrpc: '2.0', id, method, params });
    return this.waitFor((m) => m.id === id);
  }

  /** Ids for ok(), far above those the tests pick for call(). */
  private nextOkId = 1_000_000;

  /** A request that must succeed: its result, or an Error naming the method and the agent's error. */
  async ok<T>(method: string, params: unknown = {}): Promise<T> {
    const reply = await this.call(this.nextOkId++, method, params);
    if (reply.error) throw new Error(`${method} answered error ${reply.error.code}: ${reply.error.message}`);
    return reply.result as T;
  }

  stop(): void {
    this.child.kill('SIGKILL');
  }
}
