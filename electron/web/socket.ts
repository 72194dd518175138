import type { WebSocket } from 'ws';
import type { EventName, WsServerMessage } from '../api';
import type { Hub } from '../hub/hub';
import type { HubLog } from '../hub/log';

/**
 * Above this much unsent data the tab is not reading: samples are dropped rather than queued, and
 * process tables are held back by the hub and sent whole once the socket has drained.
 */
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;

function parseClientMessage(data: string): { id: number; method: unknown; params: unknown } | null {
  let msg: unknown;
  try {
    msg = JSON.parse(data);
  } catch {
    return null;
  }
  if (typeof msg !== 'object' || msg === null) return null;
  const { id, method, params } = msg as Record<string, unknown>;
  if (typeof id !== 'number' || !Number.isSafeInteger(id)) return null;
  return { id, method, params };
}

/** Carries the hub API over one WebSocket: requests in, replies and events out. */
export function serveHubSocket(ws: WebSocket, hub: Hub, log: HubLog): void {
  const send = (msg: WsServerMessage): void => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(msg));
  };
  const isBehind = (): boolean => ws.bufferedAmount > MAX_BUFFERED_BYTES;
  const conn = hub.connect((event: EventName, payload: unknown) => {
    if (event === 'metrics.batch' && isBehind()) return;
    send({ event, payload });
  }, isBehind);
  ws.on('message', (data, isBinary) => {
    const msg = isBinary ? null : parseClientMessage(data.toString());
    if (!msg) {
      log.warn('browser mode: a malformed message closed the socket');
      ws.close(1003, 'Malformed message');
      return;
    }
    void conn.call(msg.method, msg.params).then((reply) => send({ id: msg.id, reply }));
  });
  ws.on('close', () => conn.close());
  ws.on('error', () => conn.close());
}
