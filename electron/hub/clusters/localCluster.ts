import type { NodeView } from '../../api';
import { greetAgent } from '../agents/greet';
import { ConnectFailure } from '../ssh/connectFailure';
import { spawnLocalAgent } from '../agents/localAgent';
import type { HubLog } from '../log';
import { NodeSession } from '../nodes/nodeSession';
import type { Cluster } from './cluster';
import { messageOf } from '../errors';

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
      greetAgent(
        spawnLocalAgent({
          bundlePath: opts.agentBundlePath,
          nodePath: opts.nodePath,
          onLog: (line) => opts.log.info(`[local agent] ${line}`),
        }),
        opts.log,
      ).catch((err: unknown) => {
        // An agent that cannot start here is a dead node, retried with backoff.
        throw new ConnectFailure('dead', messageOf(err));
      }),
    onChange: (view) => opts.onNodeChange(LOCAL_CLUSTER_ID, view),
  });
  return { id: LOCAL_CLUSTER_ID, name: 'This computer', kind: 'local', nodes: [node] };
}
