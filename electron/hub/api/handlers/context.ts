import type { AppInfo, Method, Params, Result } from '../../../api';
import type { Cluster } from '../../clusters/cluster';
import type { ConfigService } from '../../config/configService';
import type { SshClusters } from '../../clusters/sshClusters';
import { HubError } from '../../errors';
import type { NodeSession } from '../../nodes/nodeSession';
import type { NoticeBoard } from '../../notices';
import type { TaskRunner } from '../../tasks/taskRunner';
import type { HostKeyPrompts } from '../../trust/hostKeyPrompts';
import type { ConnectionState } from '../connection';

export interface HubContext {
  appInfo: AppInfo;
  clusters: Map<string, Cluster>;
  /** Absent when the hub was made without SSH (some tests). */
  ssh: { clusters: SshClusters; prompts: HostKeyPrompts } | undefined;
  /** Settles once the saved clusters are loaded. */
  ready: Promise<void>;
  notices: NoticeBoard;
  /** Every action as a task; absent in hubs made by some tests. */
  tasks?: TaskRunner;
  /** /etc/mosix reads, applies and rollbacks; absent in hubs made by some tests. */
  config?: ConfigService;
}

/** A group's handlers, each typed by its method. */
export type HandlersOf<K extends Method> = {
  [M in K]: (params: Params<M>, conn: ConnectionState, hub: HubContext) => Promise<Result<M>>;
};

export function sshOf(hub: HubContext): NonNullable<HubContext['ssh']> {
  if (!hub.ssh) throw new HubError('unavailable', 'This hub was started without SSH clusters.');
  return hub.ssh;
}

export function clusterById(hub: HubContext, clusterId: string): Cluster {
  const cluster = hub.clusters.get(clusterId);
  if (!cluster) throw new HubError('not-found', `There is no cluster "${clusterId}".`);
  return cluster;
}

export function nodeById(cluster: Cluster, nodeId: string): NodeSession {
  const node = cluster.nodes.find((n) => n.snapshot.id === nodeId);
  if (!node) throw new HubError('not-found', `Cluster ${cluster.name} has no node "${nodeId}".`);
  return node;
}
