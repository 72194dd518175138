/** What validation needs to know about this node: names as it resolves them, directories, its addresses. */
import { stat, statfs } from 'node:fs/promises';
import { networkInterfaces } from 'node:os';
import { lookupIPv4 } from '../engines/linux/lookup';
import { orderAddresses } from '../engines/linux/identity';
import type { NodeFacts } from '../mosixConfig/types';

const LOOKUP_TIMEOUT_MS = 5000;
/** A node's config names a handful of hosts and directories; more than this is not a config to look up. */
const MAX_LOOKUPS = 256;

async function dirFacts(dir: string): Promise<NodeFacts['dirs'][string]> {
  try {
    if (!(await stat(dir)).isDirectory()) return { exists: false };
  } catch {
    return { exists: false };
  }
  try {
    // statfs came in Node 18.15; without it the free space is just not known.
    if (typeof statfs !== 'function') return { exists: true };
    const fs = await statfs(dir);
    return { exists: true, freeBytes: fs.bavail * fs.bsize };
  } catch {
    return { exists: true };
  }
}

function ownAddresses(): string[] {
  try {
    return orderAddresses(networkInterfaces()).filter((a) => !a.includes(':'));
  } catch {
    return []; // Some sandboxes refuse the interface list; the checks that need it then say less.
  }
}

export async function gatherFacts(needed: { hosts: string[]; dirs: string[] }): Promise<NodeFacts> {
  const hosts = [...new Set(needed.hosts)].slice(0, MAX_LOOKUPS);
  const dirs = [...new Set(needed.dirs)].filter((d) => d.startsWith('/')).slice(0, MAX_LOOKUPS);
  const [resolved, dirStates] = await Promise.all([
    Promise.all(hosts.map(async (h) => [h, (await lookupIPv4(h, LOOKUP_TIMEOUT_MS)) ?? null] as const)),
    Promise.all(dirs.map(async (d) => [d, await dirFacts(d)] as const)),
  ]);
  return { hosts: Object.fromEntries(resolved), dirs: Object.fromEntries(dirStates), addresses: ownAddresses() };
}
