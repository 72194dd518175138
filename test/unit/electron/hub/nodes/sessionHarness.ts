/** A NodeSession whose connect() calls the test answers by hand, on vitest's fake clock. */
import { afterEach, beforeEach, vi } from 'vitest';
import type { Hello } from '../../../../../agent/src/protocol/types';
import type { NodeView } from '../../../../../electron/api';
import type { AgentConnection } from '../../../../../electron/hub/agents/greet';
import { silentLog } from '../../../../../electron/hub/log';
import { NodeSession, type NodeSessionOptions } from '../../../../../electron/hub/nodes/nodeSession';
import { ConnectFailure } from '../../../../../electron/hub/ssh/connectFailure';
import { flush, readyClient } from '../agents/fakeAgent';

/** Fake timers for each test of the calling file; setImmediate stays real, the fake agent's pipes need it. */
export function useFakeClock(): void {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });
}

export function hello(hostname: string): Hello {
  return {
    protocolVersion: 1,
    agentVersion: '0.1.0',
    engine: 'linux',
    engineReason: 'a test',
    node: { hostname, addresses: ['10.0.0.1'], kernel: '6.1.0', cpuModel: 'test', cpuCount: 2 },
    user: { name: 'root', uid: 0, isRoot: true },
    jobFreezeMethod: 'sigstop',
    capabilities: {
      monitor: true,
      processes: true,
      freeze: true,
      signal: true,
      run: true,
      migrate: 'no MOSIX',
      checkpoint: 'no MOSIX',
      queue: 'no MOSIX',
      grid: 'no MOSIX',
    },
  };
}

/** One call of `connect()`, ended by the test; `at` is the fake clock when it was made. */
export interface Attempt {
  at: number;
  succeed(): Promise<Awaited<ReturnType<typeof readyClient>>>;
  fail(err: unknown): Promise<void>;
}

/** A session whose every connect() the test answers by hand; random 1 makes backoff exact. */
export function harness(extra: Partial<NodeSessionOptions> = {}) {
  const attempts: Attempt[] = [];
  const views: NodeView[] = [];
  const session = new NodeSession({
    id: 'n1',
    name: 'node1',
    host: 'node1',
    log: silentLog,
    onChange: (v) => views.push(v),
    random: () => 1,
    maxBackoffMs: 4000,
    liveness: { intervalMs: 1000, deadAfterMs: 3500 },
    connect: () =>
      new Promise<AgentConnection>((resolve, reject) => {
        attempts.push({
          at: Date.now(),
          succeed: async () => {
            const made = await readyClient();
            resolve({ client: made.client, hello: hello('node1.cluster') });
            await flush();
            return made;
          },
          fail: async (err) => {
            reject(err);
            await flush();
          },
        });
      }),
    ...extra,
  });
  const last = (): NodeView => {
    const v = views.at(-1);
    if (!v) throw new Error('no view reported');
    return v;
  };
  const attempt = (i: number): Attempt => {
    const a = attempts[i];
    if (!a) throw new Error(`no attempt ${i} (only ${attempts.length})`);
    return a;
  };
  return { session, attempts, views, last, attempt };
}

export const advance = async (ms: number): Promise<void> => {
  await vi.advanceTimersByTimeAsync(ms);
  await flush();
};

export const refused = () => new ConnectFailure('dead', 'root@node1: connection refused (is sshd running?).');
