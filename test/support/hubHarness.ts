/** A hub in this process with one API connection that records every event, for hub tests. */
import type { EventName, HubEvents, Method, Params, Result } from '../../electron/api';
import { createHub, type Hub, type HubConnection, type HubOptions } from '../../electron/hub/hub';
import { silentLog } from '../../electron/hub/log';
import { AGENT_BUNDLE, requireBuilt } from './dist';

export interface HubHarness {
  hub: Hub;
  conn: HubConnection;
  events: { event: EventName; payload: unknown }[];
  /** Calls a hub method and throws the hub's error sentence when it fails. */
  ok<M extends Method>(method: M, params: Params<M>): Promise<Result<M>>;
  /** The first event (from `fromIndex` on) that satisfies `pred`. */
  waitEvent<E extends EventName>(
    event: E,
    pred: (p: HubEvents[E]) => boolean,
    timeoutMs?: number,
    fromIndex?: number,
  ): Promise<HubEvents[E]>;
}

export function startHub(options: Partial<HubOptions> = {}): HubHarness {
  requireBuilt(AGENT_BUNDLE);
  const hub = createHub({
    version: 'test',
    shell: 'browser',
    agentBundlePath: AGENT_BUNDLE,
    nodePath: process.execPath,
    log: silentLog,
    ...options,
  });
  const events: HubHarness['events'] = [];
  const conn = hub.connect((event, payload) => events.push({ event, payload }));
  const waitEvent: HubHarness['waitEvent'] = async (event, pred, timeoutMs = 10_000, fromIndex = 0) => {
    const deadline = Date.now() + timeoutMs;
    for (let seen = fromIndex; Date.now() < deadline; await new Promise((r) => setTimeout(r, 20))) {
      for (; seen < events.length; seen++) {
        const e = events[seen]!;
        if (e.event === event && pred(e.payload as HubEvents[typeof event]))
          return e.payload as HubEvents[typeof event];
      }
    }
    throw new Error(`no matching ${event} event in ${timeoutMs} ms`);
  };
  const ok: HubHarness['ok'] = async (method, params) => {
    const reply = await conn.call(method, params);
    if (!reply.ok) throw new Error(`${method}: ${reply.error.code}: ${reply.error.message}`);
    return reply.value as Result<typeof method>;
  };
  return { hub, conn, events, ok, waitEvent };
}
