import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import type { Hub } from '../hub/hub';
import type { HubLog } from '../hub/log';
import { SECURITY_HEADERS } from '../security/csp';
import { readStaticFile } from '../security/staticFiles';
import { AccessGuard, newToken, TOKEN_COOKIE } from './guard';
import { serveHubSocket } from './socket';

/** Browser mode listens on loopback only; there is deliberately no option to change it. */
const HOST = '127.0.0.1';
export const HUB_SOCKET_PATH = '/hub';

export interface WebServerOptions {
  hub: Hub;
  rendererDir: string;
  log: HubLog;
  /** 0 picks a free port. */
  port?: number;
  /** `npm run dev` only: the Vite dev server's origin, allowed to open the hub socket. */
  devOrigins?: string[];
}

export interface WebServer {
  /** The URL to open, token included. */
  url: string;
  port: number;
  close(): Promise<void>;
}

function refuse(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS });
  res.end(`${message}\n`);
}

async function servePage(
  req: IncomingMessage,
  res: ServerResponse,
  guard: AccessGuard,
  rendererDir: string,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'Method not allowed.');
  if (!guard.mayReadPage(req, url)) {
    return refuse(res, 403, 'Forbidden: open the URL that mosdesk printed, with its token.');
  }
  const file = await readStaticFile(rendererDir, url.pathname);
  if (!file) return refuse(res, 404, 'Not found.');
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'Content-Type': file.contentType,
    'Cache-Control': 'no-store',
    // Lets the page's own asset requests through without putting the token in every URL.
    'Set-Cookie': `${TOKEN_COOKIE}=${guard.token}; HttpOnly; SameSite=Strict; Path=/`,
  });
  res.end(req.method === 'HEAD' ? undefined : file.body);
}

/** Serves the renderer and the hub API (WebSocket) on 127.0.0.1, guarded by a token. */
export async function startWebServer(opts: WebServerOptions): Promise<WebServer> {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, HOST, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://${HOST}:${port}`;
  const guard = new AccessGuard(newToken(), origin, opts.devOrigins);

  server.on('request', (req, res) => {
    servePage(req, res, guard, opts.rendererDir).catch((err: unknown) => {
      opts.log.warn('browser mode: request failed', err);
      if (!res.headersSent) refuse(res, 500, 'Internal error.');
    });
  });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const why = url.pathname === HUB_SOCKET_PATH ? guard.whyRefuseSocket(req, url) : 'unknown path';
    if (why) {
      opts.log.warn(`browser mode: refused a WebSocket: ${why}`);
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => serveHubSocket(ws, opts.hub, opts.log));
  });

  return {
    url: `${origin}/?token=${guard.token}`,
    port,
    close: () =>
      new Promise((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
