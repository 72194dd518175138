import type { MosixMapEntry, MosixMapNode } from '../protocol/clusterMapTypes';
import { excerpt, ParseError } from './parseError';

/**
 * Parses /etc/mosix/mosix.map as MOSIX2 reads it (reference/mosix.md §2.2): one range a line,
 * `{IPv4-or-hostname} {count} [flags]`, where flags is one or two letters of `p` (proximate)
 * and `o` (outsider); `#` starts a comment; blank lines are skipped. The first bad line stops
 * the parse with its line number, as MOSIX refuses a map with a bad line.
 * Lenient where MOSIX is not, and harmless: a `# comment` after the fields is ignored.
 */
export function parseMosixMap(text: string, source = 'mosix.map'): MosixMapEntry[] {
  const entries: MosixMapEntry[] = [];
  let total = 0;
  text.split('\n').forEach((raw, index) => {
    const line = index + 1;
    const fields = raw
      .replace(/(^|\s)#[\s\S]*$/, '')
      .trim()
      .split(/\s+/)
      .filter(Boolean);
    if (fields.length === 0) return;
    const entry = parseEntry(fields, line, source);
    total += entry.count;
    if (total > MAX_NODES) fail(source, line, `the map has more than ${MAX_NODES} nodes`);
    entries.push(entry);
  });
  return entries;
}

/** MOSIX node numbers are 16-bit; a map past that is a typo (a count of 100000, say). */
export const MAX_NODES = 65_535;

function fail(source: string, line: number, detail: string): never {
  throw new ParseError(source, `line ${line}: ${detail}`);
}

function parseEntry(fields: string[], line: number, source: string): MosixMapEntry {
  const [host = '', countText, flags = '', ...rest] = fields;
  if (countText === undefined) fail(source, line, `${excerpt(host)} has no node count after it`);
  if (rest.length > 0) fail(source, line, `unexpected ${excerpt(rest.join(' '))} after the flags`);
  checkHost(host, line, source);
  if (!/^\d{1,6}$/.test(countText) || Number(countText) < 1)
    fail(source, line, `the node count ${excerpt(countText)} is not a whole number from 1 up`);
  const count = Number(countText);
  if (!/^[po]{0,2}$/.test(flags))
    fail(source, line, `the flags ${excerpt(flags)} are not one or two of "p" (proximate) and "o" (outsider)`);
  const first = parseIPv4(host);
  if (first !== undefined && first + count - 1 > 0xffff_ffff)
    fail(source, line, `${count} addresses from ${host} run past 255.255.255.255`);
  return { host, count, proximate: flags.includes('p'), outsider: flags.includes('o'), line };
}

const HOST_NAME =
  /^(?=.{1,253}$)[A-Za-z0-9_]([A-Za-z0-9_-]*[A-Za-z0-9_])?(\.[A-Za-z0-9_]([A-Za-z0-9_-]*[A-Za-z0-9_])?)*\.?$/;

function checkHost(host: string, line: number, source: string): void {
  if (host.includes(':'))
    fail(source, line, `${excerpt(host)} looks like an IPv6 address; MOSIX maps take IPv4 addresses and host names`);
  if (/^[\d.]+$/.test(host)) {
    if (parseIPv4(host) === undefined)
      fail(source, line, `${excerpt(host)} is not an IPv4 address (four numbers 0-255, no leading zeros)`);
    return;
  }
  if (!HOST_NAME.test(host)) fail(source, line, `${excerpt(host)} is neither an IPv4 address nor a host name`);
}

/** A dotted-quad IPv4 address as a number, or undefined. Leading zeros are refused (octal to inet_aton). */
export function parseIPv4(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^(0|[1-9]\d{0,2})$/.test(p) && Number(p) <= 255)) return undefined;
  return parts.reduce((n, p) => n * 256 + Number(p), 0);
}

export function formatIPv4(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

/**
 * True when expanding the entry needs the host name's address: MOSIX resolves a name and
 * counts `count` consecutive IPv4 addresses from it, so `node1 4` means node1's address and
 * the three after it (not node2..node4).
 */
export function needsLookup(entry: MosixMapEntry): boolean {
  return entry.count > 1 && parseIPv4(entry.host) === undefined;
}

/**
 * Numbers the nodes 1, 2, ... in file order. An IPv4 range expands by incrementing the
 * address; a host name with count 1 is itself; a host name with a larger count is itself
 * followed by the next addresses after its own, taken from `addresses` (name -> IPv4),
 * which the caller fills by resolving each name for which `needsLookup` is true.
 */
export function expandMosixMap(
  entries: readonly MosixMapEntry[],
  addresses: ReadonlyMap<string, string> = new Map(),
  source = 'mosix.map',
): MosixMapNode[] {
  const nodes: MosixMapNode[] = [];
  for (const entry of entries) {
    const base = parseIPv4(entry.host) ?? baseOfName(entry, addresses, source);
    for (let i = 0; i < entry.count; i++) {
      const host = i === 0 || base === undefined ? entry.host : formatIPv4(base + i);
      nodes.push({ number: nodes.length + 1, host });
    }
  }
  return nodes;
}

function baseOfName(entry: MosixMapEntry, addresses: ReadonlyMap<string, string>, source: string): number | undefined {
  if (entry.count === 1) return undefined;
  const address = addresses.get(entry.host);
  const base = address === undefined ? undefined : parseIPv4(address);
  if (base === undefined)
    fail(
      source,
      entry.line,
      `${entry.host} stands for ${entry.count} consecutive addresses, but it does not resolve to an IPv4 address`,
    );
  if (base + entry.count - 1 > 0xffff_ffff)
    fail(source, entry.line, `${entry.count} addresses from ${entry.host} (${address}) run past 255.255.255.255`);
  return base;
}
