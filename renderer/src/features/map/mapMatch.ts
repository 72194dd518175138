/**
 * Which configured node each MOSIX node number is. The map names nodes by IPv4 address or host
 * name; mosdesk knows a node by the host the admin typed, the addresses its agent reports and
 * its host name. Node numbers are what `mosrun -{n}` and `-j` ranges use, so a wrong match
 * would send jobs to the wrong machine: an ambiguous number is left unmatched, and said so.
 */

export interface NumberedHost {
  number: number;
  /** An IPv4 address or a host name, as the map gives it. */
  host: string;
}

export interface KnownNode {
  id: string;
  name: string;
  /** The host the admin typed (alias, name or address). */
  host?: string;
  /** The agent's hostname and addresses, once it has said hello. */
  hostname?: string;
  addresses: readonly string[];
}

export interface MapRow extends NumberedHost {
  /** The configured node with this number; absent: none of the cluster's nodes is this host. */
  nodeId?: string;
  /** Set when several configured nodes claim this number, so none is chosen. */
  ambiguous?: string[];
}

export interface MapMatch {
  rows: MapRow[];
  /** Node id -> its number. */
  numberOf: Map<string, number>;
  /** Configured nodes the map does not number. */
  notInMap: string[];
}

function names(value: string | undefined): string[] {
  if (!value) return [];
  const lower = value.toLowerCase().replace(/\.$/, '');
  // "node1" in the map is "node1.cluster.lan" here, and the other way round.
  return /^[\d.]+$/.test(lower) ? [lower] : [lower, lower.split('.')[0]!];
}

function identities(node: KnownNode): Set<string> {
  return new Set([...names(node.host), ...names(node.hostname), ...node.addresses.map((a) => a.toLowerCase())]);
}

function claims(host: string, ids: Set<string>): boolean {
  const [full, short] = names(host);
  return ids.has(full!) || (short !== undefined && ids.has(short));
}

/** The one known node that is `host` (an address or a host name); none when no node or several are. */
export function nodeClaiming<T extends KnownNode>(host: string, nodes: readonly T[]): T | undefined {
  const hits = nodes.filter((node) => claims(host, identities(node)));
  return hits.length === 1 ? hits[0] : undefined;
}

export function matchMap(numbered: readonly NumberedHost[], nodes: readonly KnownNode[]): MapMatch {
  const ids = nodes.map((node) => ({ node, ids: identities(node) }));
  const numberOf = new Map<string, number>();
  const rows = numbered.map((entry): MapRow => {
    const hits = ids.filter(({ ids }) => claims(entry.host, ids)).map(({ node }) => node.id);
    if (hits.length > 1) return { ...entry, ambiguous: hits };
    const nodeId = hits[0];
    if (nodeId === undefined || numberOf.has(nodeId)) return { ...entry };
    numberOf.set(nodeId, entry.number);
    return { ...entry, nodeId };
  });
  return { rows, numberOf, notInMap: nodes.filter((n) => !numberOf.has(n.id)).map((n) => n.id) };
}
