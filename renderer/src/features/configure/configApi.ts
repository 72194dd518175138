import type { ClusterBackup, ConfigApply, NodeChanges, NodeConfigRead } from '../../../../electron/api/config';
import { useHub } from '../../hub/useHub';
import { useHubEvent } from '../../shared/composables/useHubEvent';

export type { ClusterBackup, ConfigApply, NodeConfigRead };

/** An apply that has ended: nothing more will change on its nodes by itself. */
export const applyEnded = (apply: ConfigApply): boolean =>
  apply.state === 'done' || apply.state === 'declined' || apply.state === 'failed';

/**
 * The hub's config group as the wizard and the map use it, in one place: read every node's
 * /etc/mosix, start an apply or a rollback, list backups, follow an apply's progress.
 */
export interface ConfigApi {
  read(clusterId: string): Promise<NodeConfigRead[]>;
  apply(clusterId: string, nodes: NodeChanges[]): Promise<ConfigApply>;
  /** Every node that has the backup, or only `nodeIds`. */
  rollback(clusterId: string, backupId: string, nodeIds?: string[]): Promise<ConfigApply>;
  backups(clusterId: string): Promise<ClusterBackup[]>;
  onApplyChanged(listener: (apply: ConfigApply) => void): void;
}

export function useConfigApi(): ConfigApi {
  const hub = useHub();
  const listeners: ((apply: ConfigApply) => void)[] = [];
  useHubEvent('config.apply.changed', ({ apply }) => listeners.forEach((l) => l(apply)));
  return {
    read: async (clusterId) => (await hub.call('config.read', { clusterId })).nodes,
    apply: async (clusterId, nodes) => (await hub.call('config.apply', { clusterId, nodes })).apply,
    rollback: async (clusterId, backupId, nodeIds) =>
      (await hub.call('config.rollback', { clusterId, backupId, ...(nodeIds ? { nodeIds } : {}) })).apply,
    backups: async (clusterId) => (await hub.call('config.backups', { clusterId })).backups,
    onApplyChanged: (listener) => listeners.push(listener),
  };
}
