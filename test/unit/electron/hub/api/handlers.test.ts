import { describe, expect, it, vi } from 'vitest';
import type { Cluster } from '../../../../../electron/hub/clusters/cluster';
import type { SshClusters } from '../../../../../electron/hub/clusters/sshClusters';
import { hubHandlers, type HubContext } from '../../../../../electron/hub/api/handlers';
import type { ConnectionState } from '../../../../../electron/hub/api/connection';
import type { NodeSession } from '../../../../../electron/hub/nodes/nodeSession';
import { NoticeBoard } from '../../../../../electron/hub/notices';
import type { HostKeyPrompts } from '../../../../../electron/hub/trust/hostKeyPrompts';

function node(id: string): NodeSession {
  return { snapshot: { id }, reconnectNow: vi.fn() } as unknown as NodeSession;
}

function context() {
  const local: Cluster = { id: 'local', name: 'This computer', kind: 'local', nodes: [node('localhost')] };
  const lab: Cluster = { id: 'c-1', name: 'Lab', kind: 'ssh', nodes: [node('n1')] };
  const reconnect = vi.fn();
  const hub: HubContext = {
    appInfo: { version: 'test', shell: 'browser' },
    clusters: new Map([
      [local.id, local],
      [lab.id, lab],
    ]),
    ssh: { clusters: { reconnect } as unknown as SshClusters, prompts: {} as HostKeyPrompts },
    ready: Promise.resolve(),
    notices: new NoticeBoard(() => undefined),
  };
  return { hub, local, lab, reconnect };
}

const conn = {} as ConnectionState;

describe("hub API 'nodes.reconnect'", () => {
  it('goes through the SSH cluster manager for an SSH node', async () => {
    const { hub, lab, reconnect } = context();
    expect(await hubHandlers['nodes.reconnect']({ clusterId: 'c-1', nodeId: 'n1' }, conn, hub)).toEqual({ ok: true });
    expect(reconnect).toHaveBeenCalledWith('c-1', 'n1');
    expect(lab.nodes[0]!.reconnectNow).not.toHaveBeenCalled();
  });

  it('reconnects "This computer" itself', async () => {
    const { hub, local, reconnect } = context();
    expect(await hubHandlers['nodes.reconnect']({ clusterId: 'local', nodeId: 'localhost' }, conn, hub)).toEqual({
      ok: true,
    });
    expect(local.nodes[0]!.reconnectNow).toHaveBeenCalledTimes(1);
    expect(reconnect).not.toHaveBeenCalled();
  });

  it.each([
    { clusterId: 'nope', nodeId: 'n1', message: 'There is no cluster "nope".' },
    { clusterId: 'local', nodeId: 'n9', message: 'Cluster This computer has no node "n9".' },
  ])('refuses $clusterId/$nodeId with not-found', async ({ clusterId, nodeId, message }) => {
    const { hub } = context();
    await expect(hubHandlers['nodes.reconnect']({ clusterId, nodeId }, conn, hub)).rejects.toMatchObject({
      code: 'not-found',
      message,
    });
  });
});
