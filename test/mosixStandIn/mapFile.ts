/**
 * /etc/mosix/mosix.map as the stand-in reads it: `{first-IPv4} {count} [p|o|po]` a line, `#`
 * comments, nodes numbered 1, 2, ... in file order as MOSIX numbers them. IPv4 ranges only: the
 * test cluster writes addresses, and a stand-in that resolved names would hide a map it cannot use.
 */

export interface MapRange {
  line: number;
  first: string;
  count: number;
  proximate: boolean;
  outsider: boolean;
}

export interface MapNode {
  /** MOSIX's logical node number: 1-based, in map order. */
  number: number;
  address: string;
}

export interface NodeMap {
  ranges: MapRange[];
  nodes: MapNode[];
}

/** An IPv4 address as a number, or undefined for anything else. */
export function ipv4Number(text: string): number | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (!m) return undefined;
  const parts = m.slice(1).map(Number);
  if (parts.some((p) => p > 255)) return undefined;
  return parts.reduce((n, p) => n * 256 + p, 0);
}

export function ipv4Text(n: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256).join('.');
}

function rangeOf(text: string, line: number): MapRange {
  const [first = '', countText, flags = '', ...rest] = text.trim().split(/\s+/);
  const where = `mosix.map line ${line}`;
  const base = ipv4Number(first);
  if (base === undefined) throw new Error(`${where}: "${first}" is not an IPv4 address (the stand-in takes no names)`);
  if (countText === undefined || !/^[1-9]\d{0,4}$/.test(countText))
    throw new Error(`${where}: expected a node count after ${first}`);
  if (!/^[po]{0,2}$/.test(flags) || rest.length > 0) throw new Error(`${where}: "${flags}" is not p, o or po`);
  const count = Number(countText);
  if (base + count - 1 > 0xffff_ffff) throw new Error(`${where}: the range runs past 255.255.255.255`);
  return { line, first, count, proximate: flags.includes('p'), outsider: flags.includes('o') };
}

/** The map's ranges and numbered nodes; throws a sentence naming the first bad line. */
export function parseMap(text: string): NodeMap {
  const ranges: MapRange[] = [];
  text.split('\n').forEach((raw, i) => {
    const content = raw.replace(/#.*/, '').trim();
    if (content !== '') ranges.push(rangeOf(content, i + 1));
  });
  const nodes: MapNode[] = [];
  for (const r of ranges) {
    const base = ipv4Number(r.first) as number;
    for (let i = 0; i < r.count; i++) nodes.push({ number: nodes.length + 1, address: ipv4Text(base + i) });
  }
  return { ranges, nodes };
}

/** This node's number: the first of its addresses that the map lists; undefined when none is. */
export function nodeNumberOf(map: NodeMap, addresses: readonly string[]): number | undefined {
  return map.nodes.find((n) => addresses.includes(n.address))?.number;
}

/** The map text listing `addresses` (contiguous runs as one range), as the test cluster writes it. */
export function mapText(addresses: readonly string[]): string {
  const lines: string[] = [];
  let start: number | undefined;
  let count = 0;
  for (const address of addresses) {
    const n = ipv4Number(address);
    if (n === undefined) throw new Error(`${address} is not an IPv4 address`);
    if (start !== undefined && n === start + count) count++;
    else {
      if (start !== undefined) lines.push(`${ipv4Text(start)} ${count}`);
      [start, count] = [n, 1];
    }
  }
  if (start !== undefined) lines.push(`${ipv4Text(start)} ${count}`);
  return lines.map((l) => `${l}\n`).join('');
}
