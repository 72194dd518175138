import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { AccessGuard, newToken, TOKEN_COOKIE } from '../../../../electron/web/guard';

const ORIGIN = 'http://127.0.0.1:47123';
const HOST = '127.0.0.1:47123';
const TOKEN = 'Zq3v8WcR1yK0pT5nH7mB2xL9sD4fG6jA_-eU0oI1rY8';
/** Same length as TOKEN, differing only in its last character. */
const SAME_LENGTH = `${TOKEN.slice(0, -1)}9`;

const guard = new AccessGuard(TOKEN, ORIGIN);

function request(headers: { host?: string; cookie?: string; origin?: string }): IncomingMessage {
  return { headers } as unknown as IncomingMessage;
}

const url = (pathAndQuery: string): URL => new URL(pathAndQuery, 'http://localhost');

const pages = [
  { name: 'the token in the URL', headers: { host: HOST }, path: `/?token=${TOKEN}`, want: true },
  {
    name: 'the token cookie',
    headers: { host: HOST, cookie: `${TOKEN_COOKIE}=${TOKEN}` },
    path: '/assets/app.js',
    want: true,
  },
  {
    name: 'the token cookie among others',
    headers: { host: HOST, cookie: `theme=dark; ${TOKEN_COOKIE}=${TOKEN}; lang=en` },
    path: '/assets/app.css',
    want: true,
  },
  {
    name: 'a good URL token despite a stale cookie',
    headers: { host: HOST, cookie: `${TOKEN_COOKIE}=old` },
    path: `/?token=${TOKEN}`,
    want: true,
  },
  { name: 'no token at all', headers: { host: HOST }, path: '/', want: false },
  { name: 'an empty URL token', headers: { host: HOST }, path: '/?token=', want: false },
  { name: 'a wrong token of the same length', headers: { host: HOST }, path: `/?token=${SAME_LENGTH}`, want: false },
  {
    name: 'a wrong cookie of the same length',
    headers: { host: HOST, cookie: `${TOKEN_COOKIE}=${SAME_LENGTH}` },
    path: '/',
    want: false,
  },
  { name: 'a prefix of the token', headers: { host: HOST }, path: `/?token=${TOKEN.slice(0, 20)}`, want: false },
  { name: 'the token with extra characters', headers: { host: HOST }, path: `/?token=${TOKEN}x`, want: false },
  {
    name: 'the token under another cookie name',
    headers: { host: HOST, cookie: `other_token=${TOKEN}` },
    path: '/',
    want: false,
  },
  {
    name: 'the token as a cookie name prefix',
    headers: { host: HOST, cookie: `x${TOKEN_COOKIE}=${TOKEN}` },
    path: '/',
    want: false,
  },
  {
    name: 'a good token on a rebinding host name',
    headers: { host: 'evil.example:47123' },
    path: `/?token=${TOKEN}`,
    want: false,
  },
  {
    name: 'a good token on localhost instead of 127.0.0.1',
    headers: { host: 'localhost:47123' },
    path: `/?token=${TOKEN}`,
    want: false,
  },
  { name: 'a good token on another port', headers: { host: '127.0.0.1:80' }, path: `/?token=${TOKEN}`, want: false },
  {
    name: 'a good cookie without a Host header',
    headers: { cookie: `${TOKEN_COOKIE}=${TOKEN}` },
    path: '/',
    want: false,
  },
];

describe('AccessGuard.mayReadPage', () => {
  it.each(pages)('answers $want for $name', ({ headers, path, want }) => {
    expect(guard.mayReadPage(request(headers), url(path))).toBe(want);
  });
});

const sockets = [
  {
    name: 'a page of ours with the token',
    headers: { host: HOST, origin: ORIGIN },
    path: `/hub?token=${TOKEN}`,
    refusal: null,
  },
  {
    name: 'a wrong Host header',
    headers: { host: 'evil.example:47123', origin: ORIGIN },
    path: `/hub?token=${TOKEN}`,
    refusal: /Host/,
  },
  { name: 'a missing Host header', headers: { origin: ORIGIN }, path: `/hub?token=${TOKEN}`, refusal: /Host/ },
  {
    name: 'a foreign Origin',
    headers: { host: HOST, origin: 'https://evil.example' },
    path: `/hub?token=${TOKEN}`,
    refusal: /https:\/\/evil\.example/,
  },
  { name: 'a missing Origin', headers: { host: HOST }, path: `/hub?token=${TOKEN}`, refusal: /Origin null/ },
  {
    name: 'an Origin on another port',
    headers: { host: HOST, origin: 'http://127.0.0.1:1' },
    path: `/hub?token=${TOKEN}`,
    refusal: /Origin/,
  },
  { name: 'a missing token', headers: { host: HOST, origin: ORIGIN }, path: '/hub', refusal: /token/ },
  {
    name: 'a wrong token of the same length',
    headers: { host: HOST, origin: ORIGIN },
    path: `/hub?token=${SAME_LENGTH}`,
    refusal: /token/,
  },
  {
    name: 'the cookie alone, without the URL token',
    headers: { host: HOST, origin: ORIGIN, cookie: `${TOKEN_COOKIE}=${TOKEN}` },
    path: '/hub',
    refusal: /token/,
  },
];

describe('AccessGuard.whyRefuseSocket', () => {
  it.each(sockets)('handles $name', ({ headers, path, refusal }) => {
    const why = guard.whyRefuseSocket(request(headers), url(path));
    if (refusal === null) expect(why).toBeNull();
    else expect(why).toMatch(refusal);
  });
});

describe('AccessGuard dev origins (npm run dev)', () => {
  const VITE = 'http://127.0.0.1:5173';
  const dev = new AccessGuard(TOKEN, ORIGIN, [VITE]);
  const socket = (origin: string, token = TOKEN): string | null =>
    dev.whyRefuseSocket(request({ host: HOST, origin }), url(`/hub?token=${token}`));

  it.each([
    { name: 'its own origin', origin: ORIGIN, token: TOKEN, refusal: null },
    { name: 'the configured dev origin', origin: VITE, token: TOKEN, refusal: null },
    { name: 'the dev origin without the token', origin: VITE, token: SAME_LENGTH, refusal: /token/ },
    { name: 'another port on loopback', origin: 'http://127.0.0.1:5174', token: TOKEN, refusal: /Origin/ },
  ])('handles $name', ({ origin, token, refusal }) => {
    const why = socket(origin, token);
    if (refusal === null) expect(why).toBeNull();
    else expect(why).toMatch(refusal);
  });

  it('allows no dev origin unless one is configured', () => {
    expect(guard.whyRefuseSocket(request({ host: HOST, origin: VITE }), url(`/hub?token=${TOKEN}`))).toMatch(/Origin/);
  });
});

describe('newToken', () => {
  it('makes a URL-safe token of 32 random bytes, different each time', () => {
    const tokens = new Set(Array.from({ length: 20 }, () => newToken()));
    expect(tokens.size).toBe(20);
    for (const token of tokens) {
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    }
  });

  it('is accepted by a guard made with it, in the URL', () => {
    const token = newToken();
    const g = new AccessGuard(token, ORIGIN);
    expect(g.mayReadPage(request({ host: HOST }), url(`/?token=${encodeURIComponent(token)}`))).toBe(true);
  });
});
