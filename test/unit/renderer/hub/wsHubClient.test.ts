import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HubRequestError } from '../../../../renderer/src/hub/hubRequestError';
import { createWsHubClient, type LinkState } from '../../../../renderer/src/hub/wsHubClient';

/** A WebSocket that does nothing until the test says it opened or closed. */
class FakeSocket extends EventTarget {
  static last: FakeSocket | undefined;
  readonly sent: string[] = [];
  constructor(readonly url: string) {
    super();
    FakeSocket.last = this;
  }
  send(data: string): void {
    this.sent.push(data); // a real closed socket drops it as silently
  }
  fire(type: 'open' | 'close'): void {
    this.dispatchEvent(new Event(type));
  }
}

const page = { search: '?token=t', protocol: 'http:', host: '127.0.0.1:1' } as Location;
const lost = { name: 'HubRequestError', code: 'unavailable', message: 'The connection to mosdesk was lost.' };
let states: LinkState[];

function client() {
  const c = createWsHubClient(page, (s) => states.push(s));
  return { c, socket: FakeSocket.last as FakeSocket };
}

beforeEach(() => {
  states = [];
  vi.stubGlobal('WebSocket', FakeSocket);
});
afterEach(() => {
  vi.unstubAllGlobals();
});

// Short timeouts: the defect was a call that never settled, which must fail here, not hang.
describe('the browser-mode hub client', () => {
  it('rejects a call made after the socket closed without ever opening', { timeout: 500 }, async () => {
    const { c, socket } = client();
    socket.fire('close');
    const call = c.call('clusters.list', {});
    await expect(call).rejects.toBeInstanceOf(HubRequestError);
    await expect(call).rejects.toMatchObject(lost);
    expect(states).toEqual(['connecting', 'closed']);
  });

  it('rejects a call waiting for the socket when it closes instead of opening', { timeout: 500 }, async () => {
    const { c, socket } = client();
    const call = c.call('clusters.list', {});
    socket.fire('close');
    await expect(call).rejects.toMatchObject(lost);
    expect(socket.sent).toEqual([]);
  });

  it('rejects a call made after an open socket closed, without sending it', { timeout: 500 }, async () => {
    const { c, socket } = client();
    socket.fire('open');
    socket.fire('close');
    await expect(c.call('clusters.list', {})).rejects.toMatchObject(lost);
    expect(socket.sent).toEqual([]);
  });

  it('sends a call once the socket is open, and rejects it when the socket closes', { timeout: 500 }, async () => {
    const { c, socket } = client();
    const call = c.call('clusters.list', {});
    socket.fire('open');
    await vi.waitFor(() => expect(socket.sent).toHaveLength(1));
    expect(JSON.parse(socket.sent[0] as string)).toEqual({ id: 1, method: 'clusters.list', params: {} });
    socket.fire('close');
    await expect(call).rejects.toMatchObject(lost);
  });
});
