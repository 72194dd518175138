import type { NodeView } from '../../api';
import { spawnLocalAgent } from '../agents/localAgent';
import type { HubLog } from '../log';
import { NodeSession } from '../nodes/nodeSession';
import type { Cluster } from './cluster';

export const LOCAL_CLUSTER_ID = 'local';

export interface LocalClusterOptions {
  agentBundlePath: string;
  nodePath: string;
  log: HubLog;
  onNodeChange(clusterId: string, view: NodeView): void;
}

/** "This computer": the workstation itself, its agent spawned as a child process. */
export function createLocalCluster(opts: LocalClusterOptions): Cluster {
  const node = new NodeSession({
    id: 'localhost',
    name: 'This computer',
    log: opts.log,
    connect: () =>
      spawnLocalAgent({
        bundlePath: opts.agentBundlePath,
        nodePath: opts.nodePath,
        onLog: (line) => opts.log.info(`[local agent] ${line}`),
      }),
    onChange: (view) => opts.onNodeChange(LOCAL_CLUSTER_ID, view),
  });
  return { id: LOCAL_CLUSTER_ID, name: 'This computer', kind: 'local', nodes: [node] };
}
