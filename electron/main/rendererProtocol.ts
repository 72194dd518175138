import { join } from 'node:path';
import { protocol } from 'electron';
import { SECURITY_HEADERS } from '../security/csp';
import { readStaticFile } from '../security/staticFiles';

/** The renderer is served from mosdesk://app/ rather than file://, so 'self' in the CSP means it. */
export const APP_SCHEME = 'mosdesk';
export const APP_ORIGIN = `${APP_SCHEME}://app`;
export const APP_URL = `${APP_ORIGIN}/index.html`;

/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** Serves the built renderer, with the same security headers browser mode sends. */
export function serveRenderer(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    const file = url.host === 'app' ? await readStaticFile(rendererDir, url.pathname) : null;
    if (!file) return new Response('Not found', { status: 404, headers: SECURITY_HEADERS });
    return new Response(new Uint8Array(file.body), {
      headers: { ...SECURITY_HEADERS, 'Content-Type': file.contentType },
    });
  });
}

export const rendererDirOf = (mainDir: string): string => join(mainDir, '../renderer');
