/** Drives a hub in a child process (hubChildMain.ts): calls, its events, and kill -9. */
import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import type { EventName, HubEvents, Method, Params, Reply, Result } from '../../electron/api';
import { AGENT_BUNDLE, requireBuilt, ROOT } from './dist';

export interface HubChildSpec {
  userData: string;
  home: string;
  sshConfigPath: string;
}
export type HubChildRequest = { id: number; method: string; params: unknown };
export type HubChildMessage =
  | { type: 'ready' }
  | { type: 'event'; event: EventName; payload: unknown }
  | { type: 'reply'; id: number; reply: Reply<unknown> };

export interface HubChild {
  readonly pid: number;
  readonly events: { event: EventName; payload: unknown }[];
  ok<M extends Method>(method: M, params: Params<M>): Promise<Result<M>>;
  waitEvent<E extends EventName>(
    event: E,
    pred: (p: HubEvents[E]) => boolean,
    timeoutMs?: number,
  ): Promise<HubEvents[E]>;
  /** SIGKILL: nothing of the hub runs after it (no close, no last journal write). */
  kill9(): Promise<void>;
  /** SIGTERM, then SIGKILL after 5 s. */
  stop(): Promise<void>;
  stderr(): string;
}

const MAIN = resolve(ROOT, 'test/support/hubChildMain.ts');

export async function startHubChild(spec: HubChildSpec): Promise<HubChild> {
  requireBuilt(AGENT_BUNDLE);
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.SSH_AUTH_SOCK;
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', MAIN, JSON.stringify(spec)], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-65536)));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const events: HubChild['events'] = [];
  const replies = new Map<number, (r: Reply<unknown>) => void>();
  let nextId = 1;
  const ready = new Promise<void>((res, rej) => {
    child.once('exit', (code) => rej(new Error(`the hub child exited with ${code}: ${stderr}`)));
    child.on('message', (m: HubChildMessage) => {
      if (m.type === 'ready') res();
      else if (m.type === 'event') events.push({ event: m.event, payload: m.payload });
      else replies.get(m.id)?.(m.reply);
    });
  });
  await ready;
  const alive = () => child.exitCode === null && child.signalCode === null;
  return {
    pid: child.pid ?? 0,
    events,
    stderr: () => stderr,
    async ok(method, params) {
      const id = nextId++;
      const reply = await new Promise<Reply<unknown>>((res) => {
        replies.set(id, res);
        child.send({ id, method, params } satisfies HubChildRequest);
      });
      replies.delete(id);
      if (!reply.ok) throw new Error(`${method}: ${reply.error.code}: ${reply.error.message}`);
      return reply.value as Result<typeof method>;
    },
    async waitEvent(event, pred, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      for (let seen = 0; Date.now() < deadline; await new Promise((r) => setTimeout(r, 10))) {
        for (; seen < events.length; seen++) {
          const e = events[seen]!;
          if (e.event === event && pred(e.payload as HubEvents[typeof event]))
            return e.payload as HubEvents[typeof event];
        }
      }
      throw new Error(`no matching ${event} event from the hub child in ${timeoutMs} ms`);
    },
    async kill9() {
      if (alive()) child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (alive()) child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(killer);
    },
  };
}
