import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

function sameSecret(given: string | null | undefined, token: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

export const TOKEN_COOKIE = 'mosdesk_token';

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return undefined;
}

/** Who may talk to browser mode: only pages this server served, on this exact address. */
export class AccessGuard {
  /**
   * @param origin this server's own origin, `http://127.0.0.1:<port>`
   * @param devOrigins pages that may also open the socket: only the Vite dev server of
   *   `npm run dev`, which proxies the socket and serves the renderer from its own origin
   */
  constructor(
    readonly token: string,
    private readonly origin: string,
    private readonly devOrigins: readonly string[] = [],
  ) {}

  /** The Host header must be ours, so a DNS-rebinding page on another name gets nothing. */
  hostIsOurs(req: IncomingMessage): boolean {
    return `http://${req.headers.host ?? ''}` === this.origin;
  }

  /** Page and asset requests: the token in the URL, or the cookie set when the page was loaded. */
  mayReadPage(req: IncomingMessage, url: URL): boolean {
    return (
      this.hostIsOurs(req) &&
      (sameSecret(url.searchParams.get('token'), this.token) ||
        sameSecret(cookieValue(req.headers.cookie, TOKEN_COOKIE), this.token))
    );
  }

  /** The WebSocket needs both: the token in its URL and a page of ours as its Origin. */
  whyRefuseSocket(req: IncomingMessage, url: URL): string | null {
    if (!this.hostIsOurs(req)) return 'wrong Host header';
    const from = req.headers.origin;
    if (from !== this.origin && !(from !== undefined && this.devOrigins.includes(from))) {
      return `Origin ${JSON.stringify(from ?? null)} is not allowed`;
    }
    if (!sameSecret(url.searchParams.get('token'), this.token)) return 'missing or wrong token';
    return null;
  }
}
