/** What the SSH hub tests share: a throwaway HOME and user-data folder, and host-key answers. */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HostKeyPrompt, NodeState, NodeView } from '../../electron/api';
import type { HubSshOptions } from '../../electron/hub/hubSsh';
import { MemorySecretStore } from '../../electron/hub/secrets/secretStore';
import { startTestCluster, type TestCluster, type TestClusterOptions } from '../cluster/testCluster';
import type { HubOptions } from '../../electron/hub/hub';
import { type HubHarness, startHub } from './hubHarness';

export interface SshWorkspace {
  /** The hub's HOME: an empty ~/.ssh unless the test writes a config there. */
  home: string;
  userData: string;
  /** Hub options reading only this workspace: no system ssh_config, no ssh-agent. */
  hubOptions(over?: Partial<HubSshOptions>): { ssh: HubSshOptions };
  remove(): void;
}

export function sshWorkspace(): SshWorkspace {
  const home = mkdtempSync(join(tmpdir(), 'mosdesk-home-'));
  const userData = mkdtempSync(join(tmpdir(), 'mosdesk-userdata-'));
  mkdirSync(join(home, '.ssh'), { mode: 0o700 });
  return {
    home,
    userData,
    hubOptions: (over = {}) => ({
      ssh: {
        userDataDir: userData,
        secrets: new MemorySecretStore(),
        local: { home, localUser: 'root', agentSocket: undefined },
        sshConfigPath: join(home, '.ssh', 'config'),
        systemSshConfigPath: null,
        maxBackoffMs: 2000,
        ...over,
      },
    }),
    remove: () => {
      rmSync(home, { recursive: true, force: true });
      rmSync(userData, { recursive: true, force: true });
    },
  };
}

/** Answers every host key prompt from event `from` on: yes to the node's real key, no to any other. */
export function answerHostKeys(
  h: HubHarness,
  cluster: TestCluster,
  from = 0,
): { stop(): void; asked: HostKeyPrompt[] } {
  const asked: HostKeyPrompt[] = [];
  let seen = from;
  const timer = setInterval(() => {
    for (; seen < h.events.length; seen++) {
      const e = h.events[seen]!;
      if (e.event !== 'hostkey.prompt') continue;
      const p = e.payload as HostKeyPrompt;
      asked.push(p);
      const node = cluster.nodes.find((n) => n.address === p.host);
      void h.conn.call('hostkeys.answer', { promptId: p.promptId, accept: node?.hostKeyFingerprint === p.fingerprint });
    }
  }, 10);
  return { stop: () => clearInterval(timer), asked };
}

/** The first report (from event `from` on) of the node in `state`. */
export async function waitNodeState(
  h: HubHarness,
  clusterId: string,
  nodeId: string,
  state: NodeState,
  timeoutMs = 10_000,
  from = 0,
): Promise<NodeView> {
  const hit = await h.waitEvent(
    'node.state',
    (p) => p.clusterId === clusterId && p.node.id === nodeId && p.node.state === state,
    timeoutMs,
    from,
  );
  return hit.node;
}

/** The node as the hub last reported it. */
export function lastNodeView(h: HubHarness, clusterId: string, nodeId: string): NodeView | undefined {
  const states = h.events
    .filter((e) => e.event === 'node.state')
    .map((e) => e.payload as { clusterId: string; node: NodeView });
  return states.filter((s) => s.clusterId === clusterId && s.node.id === nodeId).at(-1)?.node;
}

/** A test cluster with a hub beside it that accepts the nodes' real host keys. */
export interface HubOnCluster {
  cluster: TestCluster;
  ws: SshWorkspace;
  h: HubHarness;
  /** Stops answering, closes the hub, removes the cluster and the workspace. */
  close(): Promise<void>;
}

export async function startHubOnCluster(
  options: TestClusterOptions,
  hubOver: Partial<HubSshOptions> = {},
  hubExtra: Partial<HubOptions> = {},
): Promise<HubOnCluster> {
  const cluster = await startTestCluster(options);
  const ws = sshWorkspace();
  const h = startHub({ ...hubExtra, ...ws.hubOptions(hubOver) });
  const answering = answerHostKeys(h, cluster);
  return {
    cluster,
    ws,
    h,
    close: async () => {
      answering.stop();
      h.hub.close();
      await cluster.down();
      ws.remove();
    },
  };
}
