import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { type RunningBrowserMode, startBrowserMode } from '../../support/browserMode';

let app: RunningBrowserMode;

beforeAll(async () => {
  app = await startBrowserMode();
});
afterAll(() => app.stop());

/** Opens a WebSocket and reports the HTTP status it was refused with, or 'open'. */
function tryHubSocket(path: string, headers: Record<string, string>): Promise<number | 'open'> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${app.url.port}${path}`, { headers });
    ws.on('open', () => {
      ws.close();
      resolve('open');
    });
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('error', (err) => reject(err));
  });
}

describe('browser mode WebSocket guard', () => {
  it('accepts the page it served: token and its own Origin', async () => {
    expect(await tryHubSocket(`/hub?token=${app.token}`, { Origin: app.origin })).toBe('open');
  });

  it('refuses a socket without the token', async () => {
    expect(await tryHubSocket('/hub', { Origin: app.origin })).toBe(403);
  });

  it('refuses a socket with a wrong token of the same length', async () => {
    const wrong = app.token.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
    expect(await tryHubSocket(`/hub?token=${wrong}`, { Origin: app.origin })).toBe(403);
  });

  it('refuses a socket from another Origin even with the token', async () => {
    expect(await tryHubSocket(`/hub?token=${app.token}`, { Origin: 'http://evil.example' })).toBe(403);
    expect(await tryHubSocket(`/hub?token=${app.token}`, { Origin: `http://localhost:${app.url.port}` })).toBe(403);
  });

  it('refuses a socket with no Origin at all', async () => {
    expect(await tryHubSocket(`/hub?token=${app.token}`, {})).toBe(403);
  });

  it('refuses a socket whose Host is another name (DNS rebinding)', async () => {
    const status = await tryHubSocket(`/hub?token=${app.token}`, {
      Origin: app.origin,
      Host: `evil.example:${app.url.port}`,
    });
    expect(status).toBe(403);
  });
});

describe('browser mode page guard', () => {
  it('serves the page with the token and sends the CSP', async () => {
    const res = await fetch(app.url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await res.text()).toContain('<div id="app">');
  });

  it('refuses the page without the token', async () => {
    const res = await fetch(`${app.origin}/`);
    expect(res.status).toBe(403);
  });

  it('refuses path tricks even with the token', async () => {
    const res = await fetch(`${app.origin}/..%2f..%2fpackage.json?token=${app.token}`);
    expect(res.status).toBe(404);
  });
});
