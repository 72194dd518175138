import { formatIPv4, LAST_IPV4, MAX_NODES, parseIPv4 } from './fields';
import type { MosixConfig, NumberedNode } from './types';

type Hosts = Record<string, string | null> | undefined;

/** The first address of a range: its own, or its name's as resolved on the node; undefined when unknown. */
export function baseAddress(host: string, hosts: Hosts): number | undefined {
  const own = parseIPv4(host);
  if (own !== undefined) return own;
  const resolved = hosts && Object.hasOwn(hosts, host) ? hosts[host] : null;
  return resolved ? parseIPv4(resolved) : undefined;
}

interface Expanded {
  host: string;
  address: string | null;
  range: number;
}

/**
 * The hosts of ranges in order, at most MAX_NODES of them (a count typo must not allocate
 * millions): a name with count > 1 stands for its address and the ones after it, as MOSIX
 * counts it; `name+i` when that address is not known.
 */
export function expandRanges(ranges: readonly { host: string; count: number }[], hosts: Hosts): Expanded[] {
  const out: Expanded[] = [];
  ranges.forEach((r, range) => {
    const base = baseAddress(r.host, hosts);
    for (let i = 0; i < r.count && out.length < MAX_NODES; i++) {
      const address = base !== undefined && base + i <= LAST_IPV4 ? formatIPv4(base + i) : null;
      out.push({ host: i === 0 ? r.host : (address ?? `${r.host}+${i}`), address, range });
    }
  });
  return out;
}

/** userview.map's numbers by address (and by name for a range's first host whose address is not known). */
function userviewNumbers(config: MosixConfig, hosts: Hosts): Map<string, number> {
  const numbers = new Map<string, number>();
  for (const r of config.userview) {
    expandRanges([r], hosts).forEach((node, i) => {
      const key = node.address ?? node.host;
      if (!numbers.has(key)) numbers.set(key, r.first + i);
    });
  }
  return numbers;
}

/**
 * The node numbering the map gives: 1.. in file order, or userview.map's where it covers a
 * node; ranges expanded. Host names standing for several nodes need `hosts` facts.
 */
export function nodeNumbers(config: MosixConfig, hosts?: Record<string, string | null>): NumberedNode[] {
  const userview = userviewNumbers(config, hosts);
  return expandRanges(config.map, hosts).map((node, i) => {
    const range = config.map[node.range]!;
    const logical = userview.get(node.address ?? node.host) ?? userview.get(node.host);
    const numbered: NumberedNode = {
      number: logical ?? i + 1,
      mapNumber: i + 1,
      numberedBy: logical === undefined ? 'map' : 'userview',
      host: node.host,
      address: node.address,
      proximate: range.proximate,
      outsider: range.outsider,
    };
    if (range.line !== undefined) numbered.line = range.line;
    return numbered;
  });
}
