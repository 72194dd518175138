/**
 * The node map as MOSIX itself reports it: `setpe -r`'s "Nodes in this cluster" ranges, numbered
 * 1, 2, ... in order as MOSIX numbers them. Host-name ranges are resolved on this node, as MOSIX
 * resolved them; a range that cannot be read fails the whole map, naming the line.
 */
import { hostname } from 'node:os';
import { formatIPv4, parseIPv4 } from '../../mosixConfig/fields';
import { expandMosixMap } from '../../parsers/mosixMap';
import type { ClusterMap, MosixMapEntry } from '../../protocol/clusterMapTypes';
import { RpcError, RpcErrorCode } from '../../protocol/errors';
import { lookupIPv4 } from '../linux/lookup';
import { parseSetpe, type SetpeRange } from './parse/setpe';
import type { NodeAddress } from './parse/types';
import { runTool } from './tools';

/** A host name's IPv4 address as this node resolves it. */
export type Resolve = (name: string) => Promise<string | undefined>;

/** A range's end as an IPv4 number, or why it is not one. */
async function addressOf(end: NodeAddress, resolve: Resolve): Promise<number | string> {
  if (end.kind === 'ip') return parseIPv4(end.address) ?? `${end.raw} is not an IPv4 address`;
  if (end.kind === 'number') return `node number ${end.n} does not say which address it is`;
  const address = await resolve(end.name);
  return (address && parseIPv4(address)) ?? `${end.name} does not resolve to an IPv4 address here`;
}

interface ReadRange {
  entry: MosixMapEntry;
  /** The range's first address, also where the map writes a host name. */
  firstAddress: number;
}

async function rangeOf(range: SetpeRange, resolve: Resolve): Promise<ReadRange> {
  const [first, last] = await Promise.all([addressOf(range.first, resolve), addressOf(range.last, resolve)]);
  const why = typeof first === 'string' ? first : typeof last === 'string' ? last : null;
  if (why !== null) throw new Error(`setpe -r line ${range.line}: ${why}`);
  const [a, b] = [first as number, last as number];
  if (b < a) throw new Error(`setpe -r line ${range.line}: the range ends before it starts`);
  const host = range.first.kind === 'host' ? range.first.name : formatIPv4(a);
  const entry = { host, count: b - a + 1, proximate: range.proximate, outsider: range.outsider, line: range.line };
  return { entry, firstAddress: a };
}

/** Pure but for `resolve`: the map from setpe -r's text. */
export async function clusterMapFromSetpe(text: string, resolve: Resolve, path: string): Promise<ClusterMap> {
  const parsed = parseSetpe(text);
  const bad = parsed.problems[0];
  if (bad) throw new Error(`setpe -r line ${bad.line}: ${bad.reason}`);
  if (parsed.cluster.length === 0) throw new Error('setpe -r lists no nodes in this cluster');
  const ranges = await Promise.all(parsed.cluster.map((r) => rangeOf(r, resolve)));
  const entries = ranges.map((r) => r.entry);
  const named = new Map(ranges.map((r) => [r.entry.host, formatIPv4(r.firstAddress)]));
  return { path, entries, nodes: expandMosixMap(entries, named, path) };
}

const LOOKUP_TIMEOUT_MS = 5000;

export async function readSetpeMap(setpe: string): Promise<ClusterMap> {
  const text = await runTool(setpe, ['-r'], { timeoutMs: 5000, maxBytes: 1024 * 1024 });
  try {
    return await clusterMapFromSetpe(text, (name) => lookupIPv4(name, LOOKUP_TIMEOUT_MS), `setpe -r on ${hostname()}`);
  } catch (err) {
    throw new RpcError(RpcErrorCode.CommandFailed, `${(err as Error).message} (on ${hostname()})`);
  }
}
