import type { MosixMapEntry, MosixMapNode } from '../protocol/clusterMapTypes';
import { parseDocument } from '../mosixConfig/document';
import { formatIPv4, MAX_NODES, parseIPv4 } from '../mosixConfig/fields';
import { mapFormat } from '../mosixConfig/mapFile';
import { countProblem } from '../mosixConfig/ranges';
import { ParseError } from './parseError';

/**
 * Parses /etc/mosix/mosix.map as MOSIX2 reads it (reference/mosix.md §2.2), for `cluster.map`:
 * the lines are read by the configuration model's map format (mosixConfig/mapFile.ts, the one
 * map parser), and the first bad line stops the parse with its line number, as MOSIX refuses a
 * map with a bad line. Lenient where MOSIX is not, and harmless: a `# comment` after the fields is ignored.
 */
export function parseMosixMap(text: string, source = 'mosix.map'): MosixMapEntry[] {
  const entries: MosixMapEntry[] = [];
  let total = 0;
  parseDocument(source, text, mapFormat).lines.forEach((l, index) => {
    const line = index + 1;
    if (l.kind === 'unknown') fail(source, line, l.problem ?? 'this line is not understood');
    if (l.kind !== 'entry' || !l.entry) return;
    const { host, count, proximate, outsider } = l.entry;
    const problem = countProblem(l.entry, undefined);
    if (problem) fail(source, line, problem);
    total += count;
    if (total > MAX_NODES) fail(source, line, `the map has more than ${MAX_NODES} nodes`);
    entries.push({ host, count, proximate, outsider, line });
  });
  return entries;
}

export { formatIPv4, MAX_NODES, parseIPv4 };

function fail(source: string, line: number, detail: string): never {
  throw new ParseError(source, `line ${line}: ${detail}`);
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
