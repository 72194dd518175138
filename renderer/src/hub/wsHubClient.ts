import { type EventName, type HubClient, type Reply, isEventName, type WsServerMessage } from '../../../electron/api';
import { EventListeners } from './eventListeners';
import { HubRequestError } from './hubRequestError';

export type LinkState = 'connecting' | 'open' | 'closed';

/**
 * The hub API over browser mode's WebSocket. The token comes from the page's own URL
 * (the one mosdesk printed); the server also checks that this page is its Origin.
 */
export function createWsHubClient(location: Location, onLinkState: (state: LinkState) => void): HubClient {
  const token = new URLSearchParams(location.search).get('token') ?? '';
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  const socket = new WebSocket(`${scheme}://${location.host}/hub?token=${encodeURIComponent(token)}`);
  const listeners = new EventListeners();
  const pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  // A socket that closes before it opens never will: calls waiting for it fail instead of hanging.
  const opened = new Promise<void>((resolve, reject) => {
    socket.addEventListener('open', () => resolve());
    socket.addEventListener('close', () => reject(connectionLost()));
  });
  opened.catch(() => undefined); // a close before any call is not an unhandled rejection
  let closed = false;
  let nextId = 1;

  onLinkState('connecting');
  socket.addEventListener('open', () => onLinkState('open'));
  socket.addEventListener('close', () => {
    closed = true;
    onLinkState('closed');
    for (const p of pending.values()) p.reject(connectionLost());
    pending.clear();
  });
  socket.addEventListener('message', (e: MessageEvent<string>) => {
    const msg = JSON.parse(e.data) as WsServerMessage;
    if ('event' in msg) {
      if (isEventName(msg.event)) listeners.emit(msg.event as EventName, msg.payload);
      return;
    }
    const p = pending.get(msg.id);
    if (!p) return;
    pending.delete(msg.id);
    const reply = msg.reply as Reply<unknown>;
    if (reply.ok) p.resolve(reply.value);
    else p.reject(new HubRequestError(reply.error));
  });

  return {
    async call(method, params) {
      await opened;
      // send() on a closed socket drops the message silently: no reply would ever come.
      if (closed) throw connectionLost();
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
        socket.send(JSON.stringify({ id, method, params }));
      });
    },
    on: (event, cb) => listeners.add(event, cb),
  };
}

function connectionLost(): HubRequestError {
  return new HubRequestError({ code: 'unavailable', message: 'The connection to mosdesk was lost.' });
}
