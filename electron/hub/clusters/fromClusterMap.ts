import { randomBytes } from 'node:crypto';
import { RpcErrorCode } from '../../../agent/src/protocol/errors';
import type { NodeConfig, SshSecrets, SshSettings } from '../../api';
import type { AgentConnection } from '../agents/greet';
import { AgentCallError, HubError } from '../errors';
import { ConnectFailure } from '../ssh/connectFailure';
import { parseHostList } from '../ssh/hostList';
import { describeIssue } from '../store/jsonFile';
import { clusterMapSchema } from './clusterMapSchema';
import { MAX_NODES_PER_CLUSTER } from './clusterStore';
import { attemptConnect, type SshEnvironment } from './nodeConnector';

/** How long the add dialog waits for the user to answer a host key question. */
const ANSWER_WAIT_MS = 120_000;

/**
 * The agent's answer as the add's error: no map is `not-found`, an unreadable one `forbidden`;
 * a broken one (a bad line, far too big) `unavailable`, with the agent's sentence naming file and line.
 */
function mapError(err: AgentCallError): HubError {
  if (err.agentCode === RpcErrorCode.NotFound) return new HubError('not-found', err.message);
  if (err.agentCode === RpcErrorCode.PermissionDenied) return new HubError('forbidden', err.message);
  return new HubError('unavailable', err.message);
}

/** The agent's map, checked: its hosts become saved nodes. */
function checkedMap(answer: unknown, host: string): { path: string; nodes: { number: number; host: string }[] } {
  const map = clusterMapSchema.safeParse(answer);
  if (!map.success)
    throw new HubError(
      'unavailable',
      `The agent on ${host} sent a cluster map that is not valid (${describeIssue(map.error)}).`,
    );
  return map.data;
}

/** Connects to one node, asking about its host key as often as needed (a jump host, then the node). */
async function reach(
  env: SshEnvironment,
  node: NodeConfig,
  settings: SshSettings,
  secrets: SshSecrets,
): Promise<AgentConnection> {
  const clusterId = `pending-${randomBytes(4).toString('hex')}`;
  try {
    for (let attempt = 0; attempt < 4; attempt++) {
      let answered: (accept: boolean | string) => void = () => undefined;
      const answer = new Promise<boolean | string>((resolve) => (answered = resolve));
      try {
        return await attemptConnect(env, async () => ({ clusterId, node, settings, secrets }), {
          onAccepted: () => answered(true),
          onRefused: (message) => answered(message),
        });
      } catch (err) {
        if (!(err instanceof ConnectFailure) || err.state !== 'hostkey-unknown') throw err;
      }
      const timeout = setTimeout(() => answered('Nobody answered the host key question in time.'), ANSWER_WAIT_MS);
      const result = await answer;
      clearTimeout(timeout);
      if (result !== true) throw new HubError('forbidden', String(result));
    }
    throw new HubError('unavailable', `${node.host} kept asking about new host keys.`);
  } catch (err) {
    if (err instanceof ConnectFailure) throw new HubError('unavailable', err.message);
    throw err;
  } finally {
    env.prompts.forgetCluster(clusterId);
  }
}

/**
 * The nodes of a MOSIX cluster, from one node's /etc/mosix/mosix.map (read by its agent):
 * MOSIX numbers them in map order, and so do we.
 */
export async function readClusterMap(
  env: SshEnvironment,
  fromNode: string,
  settings: SshSettings,
  secrets: SshSecrets,
): Promise<NodeConfig[]> {
  const entries = parseHostList(fromNode);
  const first = entries[0];
  if (entries.length !== 1 || !first)
    throw new HubError('bad-request', 'Give exactly one node to read the cluster map from.');
  const seed: NodeConfig = {
    id: 'n1',
    host: first.host,
    settings: {
      ...(first.user !== undefined && { user: first.user }),
      ...(first.port !== undefined && { port: first.port }),
    },
  };
  const conn = await reach(env, seed, settings, secrets);
  try {
    const map = checkedMap(await conn.client.request('cluster.map', {}), first.host);
    if (map.nodes.length > MAX_NODES_PER_CLUSTER) {
      throw new HubError(
        'bad-request',
        `${map.path} on ${first.host} lists ${map.nodes.length} nodes; mosdesk takes at most ${MAX_NODES_PER_CLUSTER} per cluster.`,
      );
    }
    return map.nodes.map((n) => ({ id: `n${n.number}`, host: n.host, settings: { ...seed.settings } }));
  } catch (err) {
    if (err instanceof AgentCallError) throw mapError(err);
    throw err;
  } finally {
    conn.client.close();
  }
}
