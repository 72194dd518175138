/**
 * The host list typed in the "Add cluster" dialog, and ProxyJump specs. Pure functions.
 *
 * Syntax: entries separated by whitespace, commas or newlines; `#` starts a comment that runs
 * to the end of the line. Each entry is `[user@]host[:port]` where host is a name (RFC 1123
 * labels, `_` also allowed because ssh_config aliases often use it), an IPv4 address, an IPv6
 * address in brackets (`[fe80::1]:22`), or a bare IPv6 address (then without a port).
 *
 * Ranges, expanded in order, with the user and port of the entry:
 * - names: `node1-node8`, `node01-node16` (zero padding kept), `rack2-n1-rack2-n4`. Both
 *   sides must be the same name except for one number. `n7-12` is NOT a range: a host
 *   named `web1-2` is too plausible, so it stays one host (write `n7-n12`).
 * - IPv4: `10.0.0.11-10.0.0.18` or `10.0.0.11-18`, last octet only.
 * A name with dashes that is not of that form (`web-a`, `rack-3-node`) is one host.
 * At most 1024 hosts in all; the same user/host/port twice is refused.
 *
 * Not supported: `node[1-8]` bracket ranges, IPv6 ranges, ranges across octets or over more
 * than one number, port ranges. Errors are HubError('bad-request') naming the bad token.
 */
import { isIPv4, isIPv6 } from 'node:net';
import { HubError } from '../errors';

export interface HostEntry {
  /** Name or address; IPv6 without brackets. */
  host: string;
  user?: string;
  port?: number;
}

/** Most hosts one list may expand to. */
export const MAX_HOSTS = 1024;

/** Remote user names: POSIX-like, plus the trailing "$" of machine accounts; never a leading "-". */
export const USER_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}\$?$/;
const LABEL_RE = /^[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?$/;

function bad(message: string): HubError {
  return new HubError('bad-request', message);
}

/** Why `host` is not a usable host name or address, or undefined when it is. */
export function hostProblem(host: string): string | undefined {
  if (isIPv4(host)) return undefined;
  if (host.includes(':')) return isIPv6(host) ? undefined : 'is not a valid IPv6 address';
  if (host.includes('[')) return 'is not a host name (for a range write node1-node8)';
  if (/^[\d.-]+$/.test(host)) return 'is neither a valid IPv4 address nor a host name';
  if (host.length === 0 || host.length > 253) return 'is not a host name (1 to 253 characters)';
  const labels = host.split('.');
  if (!labels.every((l) => LABEL_RE.test(l))) return 'is not a valid host name';
  if (/^\d+$/.test(labels[labels.length - 1] ?? '')) return 'is neither a valid IPv4 address nor a host name';
  return undefined;
}

function parsePort(text: string, token: string): number {
  const port = /^\d{1,5}$/.test(text) ? Number(text) : NaN;
  if (!(port >= 1 && port <= 65535)) throw bad(`"${token}": the port must be a number from 1 to 65535.`);
  return port;
}

interface SplitEntry {
  user?: string;
  host: string;
  port?: number;
  /** In brackets or a bare IPv6 address: one host, never a range. */
  literal: boolean;
}

/** Splits `[user@]host[:port]` without validating the host. */
function splitEntry(token: string): SplitEntry {
  const at = token.indexOf('@');
  const user = at >= 0 ? token.slice(0, at) : undefined;
  const rest = at >= 0 ? token.slice(at + 1) : token;
  if (user !== undefined && !USER_NAME.test(user)) {
    throw bad(`"${token}": "${user}" is not a valid user name.`);
  }
  const withUser = (e: Omit<SplitEntry, 'user'>): SplitEntry => (user === undefined ? e : { ...e, user });
  if (rest.startsWith('[')) {
    const close = rest.indexOf(']');
    const after = rest.slice(close + 1);
    if (close < 0 || (after !== '' && !after.startsWith(':'))) throw bad(`"${token}" has an unclosed "[".`);
    const host = rest.slice(1, close);
    return withUser(after ? { host, port: parsePort(after.slice(1), token), literal: true } : { host, literal: true });
  }
  const colons = rest.split(':').length - 1;
  if (colons === 1) {
    const [host = '', port = ''] = rest.split(':');
    return withUser({ host, port: parsePort(port, token), literal: false });
  }
  // Two colons or more: a bare IPv6 address, which cannot carry a port.
  return withUser({ host: rest, literal: colons > 1 });
}

/** The runs of digits and non-digits of a name: `node01.lan` -> node, 01, .lan. */
function runs(name: string): string[] {
  return name.match(/\d+|\D+/g) ?? [];
}

const isDigits = (s: string): boolean => /^\d+$/.test(s);

interface NameRange {
  before: string;
  after: string;
  first: string;
  last: string;
}

/** The one index where two run lists differ in a number, -1 when equal, undefined otherwise. */
function differingNumber(a: string[], b: string[]): number | undefined {
  let at = -1;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] ?? '';
    const y = b[i] ?? '';
    if (x === y) continue;
    if (at >= 0 || !isDigits(x) || !isDigits(y)) return undefined;
    at = i;
  }
  return at;
}

/** `left-right` as a name range, when they differ in exactly one number (or not at all). */
function nameRange(left: string, right: string): NameRange | undefined {
  const a = runs(left);
  const b = runs(right);
  if (a.length !== b.length || !a.some(isDigits)) return undefined;
  let at = differingNumber(a, b);
  if (at === undefined) return undefined;
  // Both sides equal (`node3-node3`): a range of one, over the last number.
  if (at < 0) for (let i = 0; i < a.length; i++) if (isDigits(a[i] ?? '')) at = i;
  return { before: a.slice(0, at).join(''), after: a.slice(at + 1).join(''), first: a[at] ?? '', last: b[at] ?? '' };
}

function expandNumbers(r: NameRange, token: string, budget: number): string[] {
  const padded = (r.first.length > 1 && r.first.startsWith('0')) || (r.last.length > 1 && r.last.startsWith('0'));
  if (padded && r.first.length !== r.last.length) {
    throw bad(`"${token}": zero-padded ranges need both ends the same width (node01-node16).`);
  }
  const from = Number(r.first);
  const to = Number(r.last);
  if (from > to) throw bad(`"${token}": the range runs backwards.`);
  if (to - from + 1 > budget) throw bad(`"${token}": a host list may hold at most ${MAX_HOSTS} hosts.`);
  const width = padded ? r.first.length : 0;
  return Array.from({ length: to - from + 1 }, (_, i) => r.before + String(from + i).padStart(width, '0') + r.after);
}

const IPV4_RANGE = /^((?:\d{1,3}\.){3})(\d{1,3})-(.*)$/;

/** `10.0.0.11-18` or `10.0.0.11-10.0.0.18`, or undefined when `host` does not start as one. */
function ipv4Range(host: string, token: string): NameRange | undefined {
  const m = IPV4_RANGE.exec(host);
  if (!m || !isIPv4(`${m[1]}${m[2]}`)) return undefined;
  const [, prefix = '', first = '', end = ''] = m;
  if (/^\d{1,3}$/.test(end)) {
    if (Number(end) > 255) throw bad(`"${token}": ${end} is not an IPv4 octet.`);
    return { before: prefix, after: '', first: String(Number(first)), last: String(Number(end)) };
  }
  if (!isIPv4(end)) throw bad(`"${token}": the range must end in an IPv4 address or a last octet.`);
  if (!end.startsWith(prefix)) {
    throw bad(`"${token}": IPv4 ranges may only vary the last octet (10.0.0.11-10.0.0.18).`);
  }
  return { before: prefix, after: '', first: String(Number(first)), last: end.slice(prefix.length) };
}

/** The hosts one entry's host part stands for: itself, or a range expanded. */
function expandHost(entry: SplitEntry, token: string, budget: number): string[] {
  const host = entry.host;
  if (entry.literal || !host.includes('-')) return [host];
  const ip = ipv4Range(host, token);
  if (ip) return expandNumbers(ip, token, budget);
  const found: NameRange[] = [];
  for (let i = host.indexOf('-'); i >= 0; i = host.indexOf('-', i + 1)) {
    const r = nameRange(host.slice(0, i), host.slice(i + 1));
    if (r) found.push(r);
  }
  if (found.length > 1) throw bad(`"${token}" can be read as more than one range; list the hosts instead.`);
  return found[0] ? expandNumbers(found[0], token, budget) : [host];
}

const display = (e: HostEntry): string =>
  `${e.user ? `${e.user}@` : ''}${e.host.includes(':') ? `[${e.host}]` : e.host}${e.port ? `:${e.port}` : ''}`;

/** Parses a host list (see the top of this file); an empty list gives []. */
export function parseHostList(text: string): HostEntry[] {
  const tokens = text
    .split('\n')
    .map((line) => line.replace(/#.*/, ''))
    .join(' ')
    .split(/[\s,]+/)
    .filter(Boolean);
  const out: HostEntry[] = [];
  const seen = new Set<string>();
  for (const token of tokens) {
    const entry = splitEntry(token);
    for (const host of expandHost(entry, token, MAX_HOSTS - out.length)) {
      const problem = hostProblem(host);
      if (problem) throw bad(`"${token}": "${host}" ${problem}.`);
      const e: HostEntry = { host, ...(entry.user && { user: entry.user }), ...(entry.port && { port: entry.port }) };
      const key = `${e.user ?? ''}@${host.toLowerCase()}:${e.port ?? ''}`;
      if (seen.has(key)) throw bad(`"${display(e)}" is listed twice.`);
      seen.add(key);
      out.push(e);
    }
    if (out.length > MAX_HOSTS) throw bad(`A host list may hold at most ${MAX_HOSTS} hosts.`);
  }
  return out;
}

/**
 * A ProxyJump spec: hops separated by commas, each `[user@]host[:port]` or
 * `ssh://[user@]host[:port]`, first hop first. No ranges. `none` gives [].
 */
export function parseJumpSpec(spec: string): HostEntry[] {
  if (spec.trim().toLowerCase() === 'none') return [];
  return spec.split(',').map((raw) => {
    const token = raw.trim().replace(/^ssh:\/\//i, '');
    const entry = splitEntry(token);
    const problem = hostProblem(entry.host);
    if (problem) throw bad(`Jump host "${raw.trim()}": "${entry.host}" ${problem}.`);
    return { host: entry.host, ...(entry.user && { user: entry.user }), ...(entry.port && { port: entry.port }) };
  });
}
