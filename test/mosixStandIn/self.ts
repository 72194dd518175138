/** This node as MOSIX knows it: its number in /etc/mosix/mosix.map, found by its eth0 address. */
import { readFileSync } from 'node:fs';
import { hostname, networkInterfaces } from 'node:os';
import { ipv4Number, type NodeMap, nodeNumberOf, parseMap } from './mapFile';

export const MAP_PATH = '/etc/mosix/mosix.map';

export interface Self {
  number: number;
  address: string;
  host: string;
  map: NodeMap;
}

function eth0Addresses(): string[] {
  return (networkInterfaces().eth0 ?? []).filter((a) => a.family === 'IPv4').map((a) => a.address);
}

export function selfNode(): Self {
  let text: string;
  try {
    text = readFileSync(MAP_PATH, 'utf8');
  } catch (err) {
    throw new Error(`MOSIX is not configured here: cannot read ${MAP_PATH} (${(err as Error).message})`, {
      cause: err,
    });
  }
  const map = parseMap(text);
  const addresses = eth0Addresses();
  const number = nodeNumberOf(map, addresses);
  if (number === undefined)
    throw new Error(`this node's eth0 address (${addresses.join(', ') || 'none'}) is not in ${MAP_PATH}`);
  const address = map.nodes.find((n) => n.number === number)?.address as string;
  return { number, address, host: hostname(), map };
}

/** Node `n`'s address in the map; throws for a number the map does not have. */
export function addressOf(map: NodeMap, n: number): string {
  const node = map.nodes.find((m) => m.number === n);
  if (!node) throw new Error(`there is no node ${n} in ${MAP_PATH}`);
  return node.address;
}

/**
 * A node as the tools take it: its number, its address, or a host name some node said it had
 * (full, or its first part). Pure; throws a sentence for a node the map does not have.
 */
export function nodeByName(map: NodeMap, hosts: Record<string, string>, text: string): number {
  if (/^\d+$/.test(text)) {
    const n = Number(text);
    if (map.nodes.some((m) => m.number === n)) return n;
  } else if (ipv4Number(text) !== undefined) {
    const found = map.nodes.find((m) => m.address === text);
    if (found) return found.number;
  } else {
    const named = Object.entries(hosts).find(([, h]) => h === text || h.split('.')[0] === text);
    if (named) return Number(named[0]);
  }
  throw new Error(`there is no node "${text}" in this cluster`);
}
