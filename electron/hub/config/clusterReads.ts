/** Reading /etc/mosix on every node of a cluster at once (bounded), and what the backups are. */
import type { ConfigSnapshot } from '../../../agent/src/protocol/configTypes';
import type { ClusterBackup, NodeConfigRead } from '../../api';
import { messageOf } from '../errors';
import { Fanout } from '../nodes/fanout';
import { APPLY_FANOUT } from './applySteps';
import type { ConfigNodes } from './configPort';

export async function readCluster(
  nodes: ConfigNodes,
  clusterId: string,
  nodeIds: readonly string[],
  fanoutLimit = APPLY_FANOUT,
): Promise<NodeConfigRead[]> {
  const fanout = new Fanout(fanoutLimit);
  return Promise.all(
    nodeIds.map((nodeId) =>
      fanout.run(async (): Promise<NodeConfigRead> => {
        const now = nodes.node(clusterId, nodeId);
        const nodeName = now?.name ?? nodeId;
        if (!now?.agent)
          return { nodeId, nodeName, ok: false, state: 'down', reason: now?.down ?? 'not in the cluster' };
        try {
          return { nodeId, nodeName, ok: true, snapshot: await now.agent.read() };
        } catch (err) {
          return { nodeId, nodeName, ok: false, state: 'error', reason: messageOf(err) };
        }
      }),
    ),
  );
}

export type ReadOk = Extract<NodeConfigRead, { ok: true }>;
export const readOk = (r: NodeConfigRead): r is ReadOk => r.ok;

/** Every backup of the nodes read, with the nodes that have it, newest first. */
export function backupsOf(reads: readonly NodeConfigRead[]): ClusterBackup[] {
  const byId = new Map<string, ClusterBackup>();
  for (const r of reads.filter(readOk)) {
    for (const b of r.snapshot.backups) {
      const entry = byId.get(b.id) ?? { id: b.id, at: 0, nodes: [] };
      entry.at = Math.max(entry.at, b.at);
      entry.nodes.push({ nodeId: r.nodeId, nodeName: r.nodeName, at: b.at, files: [...b.files] });
      byId.set(b.id, entry);
    }
  }
  return [...byId.values()].sort((a, b) => b.at - a.at || (a.id < b.id ? 1 : -1));
}

export const hasBackup = (s: ConfigSnapshot, backupId: string): boolean => s.backups.some((b) => b.id === backupId);
