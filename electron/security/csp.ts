/**
 * The Content-Security-Policy of the renderer, in one place for both shells. No inline script,
 * nothing remote: scripts, styles and connections come from the app's own origin only
 * ('self' also covers the browser-mode WebSocket on the same host and port). Inline styles are
 * allowed because the job output's terminal (xterm.js) writes its theme colours into a <style>
 * element at run time; with every fetch limited to 'self', injected CSS cannot send anything out.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

/** Headers every renderer response carries, in Electron's protocol handler and browser mode. */
export const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};
