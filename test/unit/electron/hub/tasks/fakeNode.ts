/** A node for task tests: a process table its fake agent acts on, and a link that can drop. */
import type { NodeView } from '../../../../../electron/api';
import type { AgentClient } from '../../../../../electron/hub/agents/agentClient';
import { AgentCallError, HubError } from '../../../../../electron/hub/errors';
import type { TaskNode } from '../../../../../electron/hub/tasks/runTask';

export interface FakeProc {
  pid: number;
  user: string;
  state: string;
  frz: string;
  where: string;
  startedAt: number;
  jobId: number | null;
}

type Params = Record<string, unknown> & { pid?: number; jobId?: number; user?: string };
/** What an action does to the table; return a promise to hold the answer back. */
export type ActionImpl = (node: FakeNode, params: Params) => unknown;

export const LINUX_MIGRATE = 'Plain Linux cannot move a running process to another node; that needs MOSIX on the node.';

const set = (node: FakeNode, params: Params, change: Partial<FakeProc>, method: string) => {
  const procs = node.targetOf(params);
  for (const p of procs) Object.assign(p, change);
  return { pids: procs.map((p) => p.pid), method };
};

const SIGNALS: Record<string, (node: FakeNode, p: FakeProc) => void> = {
  SIGKILL: (node, p) => node.procs.delete(p.pid),
  SIGTERM: (node, p) => (node.ignoresTerm ? undefined : node.procs.delete(p.pid)),
  SIGSTOP: (_n, p) => void (p.state = 'T'),
  SIGCONT: (_n, p) => void (p.state = 'S'),
};

export const DEFAULT_ACTIONS: Record<string, ActionImpl> = {
  'proc.freeze': (node, params) => set(node, params, { frz: 'M', state: 'T' }, 'sigstop'),
  'proc.continue': (node, params) => set(node, params, { frz: '-', state: 'S' }, 'sigstop'),
  'proc.signal': (node, params) => {
    const procs = node.targetOf(params);
    for (const p of procs) SIGNALS[params.signal as string]?.(node, p);
    return { pids: procs.map((p) => p.pid), method: 'signal' };
  },
  'proc.migrate': () => {
    throw new AgentCallError(1003, LINUX_MIGRATE, { reason: LINUX_MIGRATE });
  },
  'proc.checkpoint': () => {
    throw new AgentCallError(1003, 'Checkpoints need MOSIX or CRIU.', {});
  },
};

export class FakeNode implements TaskNode {
  agent: AgentClient | undefined;
  view: NodeView;
  readonly procs = new Map<number, FakeProc>();
  readonly calls: { method: string; params: Params }[] = [];
  readonly actions: Record<string, ActionImpl> = { ...DEFAULT_ACTIONS };
  ignoresTerm = false;
  private pending: ((err: Error) => void)[] = [];

  constructor(
    readonly id: string,
    name = id,
  ) {
    this.view = { id, name, state: 'up', since: 0, hello: helloFor(name) };
    this.agent = this.client();
  }

  get snapshot(): NodeView {
    return { ...this.view };
  }

  add(pid: number, more: Partial<FakeProc> = {}): FakeProc {
    const proc: FakeProc = {
      pid,
      user: 'alice',
      state: 'S',
      frz: '-',
      where: 'here',
      startedAt: 1000,
      jobId: null,
      ...more,
    };
    this.procs.set(pid, proc);
    return proc;
  }

  targetOf(params: Params): FakeProc[] {
    if (params.pid !== undefined) {
      const p = this.procs.get(params.pid);
      if (!p) throw new AgentCallError(1004, `No process ${params.pid} on this node (it may have ended).`);
      return [p];
    }
    return [...this.procs.values()].filter((p) => p.jobId === params.jobId);
  }

  /** Holds the answer until the link drops (or never). */
  hold(): Promise<never> {
    return new Promise((_resolve, reject) => this.pending.push(reject));
  }

  /** The link drops: requests in flight fail as AgentClient fails them, and the node is dead. */
  drop(reason = 'the connection was reset'): void {
    this.agent = undefined;
    this.view = { ...this.view, state: 'dead', reason };
    for (const reject of this.pending.splice(0)) {
      reject(
        new HubError('unavailable', `The link to the agent ended before the answer (${reason}); it was not retried.`),
      );
    }
  }

  /** The link is back, with a new agent client. */
  reconnect(): void {
    this.view = { id: this.id, name: this.view.name, state: 'up', since: 1, hello: helloFor(this.view.name) };
    this.agent = this.client();
  }

  count(method: string): number {
    return this.calls.filter((c) => c.method === method).length;
  }

  private client(): AgentClient {
    const request = async (method: string, params: Params): Promise<unknown> => {
      this.calls.push({ method, params });
      if (method === 'procs.list') return this.list(params);
      const impl = this.actions[method];
      if (!impl) throw new Error(`no fake for ${method}`);
      return impl(this, params);
    };
    return { request } as unknown as AgentClient;
  }

  private list(params: Params) {
    const rows = [...this.procs.values()]
      .filter(
        (p) =>
          (params.user === undefined || p.user === params.user) &&
          (params.jobId === undefined || p.jobId === params.jobId),
      )
      .map((p) => ({ ...p, freeze: null }));
    return { at: Date.now(), rows, truncated: false };
  }
}

function helloFor(hostname: string): NodeView['hello'] {
  return {
    protocolVersion: 1,
    agentVersion: 'test',
    engine: 'linux',
    engineReason: 'a test',
    node: { hostname, addresses: [], kernel: 'Linux', cpuModel: 'x', cpuCount: 1 },
    user: { name: 'alice', uid: 1000, isRoot: false },
    jobFreezeMethod: 'sigstop',
    capabilities: {
      monitor: true,
      processes: true,
      freeze: true,
      signal: true,
      run: true,
      migrate: LINUX_MIGRATE,
      checkpoint: 'no',
      queue: 'no',
      grid: 'no',
    },
  };
}
