/**
 * Removes a cluster by name, whatever state it is in (running, half-built, already gone): its
 * processes, cgroups, links, namespaces, route and state dir. Only objects named `mdt-<name>-...`.
 * The shared LXCFS stays (see lxcfs.ts).
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { removeClusterCgroups } from './cgroups';
import { killUntilGone } from './exec';
import { clusterLayout, STATE_ROOT, validateOptions } from './layout';
import { clusterLinks, clusterNamespaces, deleteHiddenRoute, deleteLink, deleteNamespace } from './network';
import { killNodeProcesses } from './nodeProcess';
import { readMeta } from './state';

/** Processes still running with the state dir in their command line (e.g. left in a deleted netns). */
function stragglers(stateDir: string): number[] {
  const needle = Buffer.from(`${stateDir}/`);
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`).includes(needle)) found.push(Number(entry));
    } catch {
      // Ended while we looked.
    }
  }
  return found;
}

async function killStragglers(stateDir: string): Promise<void> {
  await killUntilGone(`the processes of ${stateDir} to end`, () => stragglers(stateDir));
}

export async function removeCluster(name: string): Promise<void> {
  // Validates the name before anything is touched.
  validateOptions({ name, nodes: 1, subnet: 0 });
  const stateDir = join(STATE_ROOT, name);
  const meta = readMeta(name);
  const namespaces = await clusterNamespaces(name);
  await Promise.all(namespaces.map((netns) => killNodeProcesses({ netns })));
  await killStragglers(stateDir);
  // By name, not from the state: a start killed halfway may have made cgroups and no netns yet.
  await removeClusterCgroups(name);
  // Links first, so nothing waits on the kernel's asynchronous cleanup of a deleted namespace.
  await Promise.all((await clusterLinks(name)).map(deleteLink));
  await Promise.all(namespaces.map(deleteNamespace));
  if (meta?.hiddenRoute) await deleteHiddenRoute(clusterLayout(meta.options).hiddenPrefix);
  rmSync(stateDir, { recursive: true, force: true });
}
