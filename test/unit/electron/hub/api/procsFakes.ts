/** Fake nodes for the hub's process-table tests: a real ProcStreams over a fake agent client. */
import { vi } from 'vitest';
import type { ProcChanges, ProcRow } from '../../../../../agent/src/protocol/procTypes';
import type { EventName, HubEvents, NodeState } from '../../../../../electron/api';
import type { ConnectionState } from '../../../../../electron/hub/api/connection';
import type { AgentClient } from '../../../../../electron/hub/agents/agentClient';
import { silentLog } from '../../../../../electron/hub/log';
import type { NodeSession } from '../../../../../electron/hub/nodes/nodeSession';
import { ProcStreams } from '../../../../../electron/hub/nodes/procStreams';

export const row = (pid: number, command = `cmd${pid}`): ProcRow => ({ pid, command }) as ProcRow;

export const full = (...rows: ProcRow[]): ProcChanges => ({ at: 1, full: true, upserted: rows, removed: [] });
export const delta = (upserted: ProcRow[], removed: number[] = []): ProcChanges => ({
  at: 2,
  full: false,
  upserted,
  removed,
});

export interface FakeNode {
  node: NodeSession;
  /** What the hub asked this node's agent, in order. */
  requests: { method: string; params: Record<string, unknown> }[];
  /** Sends a notification on the agent stream opened last. */
  send(changes: ProcChanges): void;
  down(reason: string): void;
  up(): void;
}

export function fakeNode(id: string, state: NodeState = 'up'): FakeNode {
  const requests: FakeNode['requests'] = [];
  let opened = 0;
  const client = {
    request: vi.fn(async (method: string, params: Record<string, unknown>) => {
      requests.push({ method, params });
      return method === 'subscribe' ? { subscriptionId: `${id}-${++opened}` } : { removed: true };
    }),
  } as unknown as AgentClient;
  const view: { id: string; name: string; state: NodeState; reason?: string; since: number } = {
    id,
    name: id,
    state,
    since: 0,
  };
  const procs = new ProcStreams(silentLog);
  const node = {
    get snapshot() {
      return { ...view };
    },
    procs,
  } as unknown as NodeSession;
  if (state === 'up') procs.attach(client);
  return {
    node,
    requests,
    send: (changes) => procs.deliver(`${id}-${opened}`, changes),
    down: (reason) => {
      procs.attach(undefined);
      view.state = 'dead';
      view.reason = reason;
    },
    up: () => {
      view.state = 'up';
      delete view.reason;
      procs.attach(client);
    },
  };
}

export function recordingConn(): {
  conn: ConnectionState & { behind: boolean };
  batches: () => HubEvents['procs.batch'][];
} {
  const events: { event: EventName; payload: unknown }[] = [];
  const conn = {
    behind: false,
    emit: (event: EventName, payload: unknown) => events.push({ event, payload }),
    subscriptions: new Map(),
    isBehind: () => conn.behind,
  };
  const batches = () =>
    events.filter((e) => e.event === 'procs.batch').map((e) => e.payload as HubEvents['procs.batch']);
  return { conn, batches };
}

/** Each node's part of a batch, with its rows as pids, for short expectations. */
export const parts = (batch: HubEvents['procs.batch'] | undefined) =>
  batch?.nodes.map((n) => ({
    nodeId: n.nodeId,
    full: n.full,
    pids: n.upserted.map((r) => r.pid),
    removed: n.removed,
    ...(n.down && { down: n.down.reason }),
  }));
