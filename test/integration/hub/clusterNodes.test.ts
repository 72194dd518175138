/**
 * Growing and shrinking a live SSH cluster on the netns test cluster: hosts added to it connect
 * at once, a forgotten node is disconnected and leaves the saved cluster. Root only; subnet 23.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClusterSummary, HubEvents } from '../../../electron/api';
import { startTestCluster, type TestCluster } from '../../cluster/testCluster';
import { startHub, type HubHarness } from '../../support/hubHarness';
import { answerHostKeys, sshWorkspace, waitNodeState, type SshWorkspace } from '../../support/sshHub';

const SUBNET = 23;
let cluster: TestCluster;
let ws: SshWorkspace;
let h: HubHarness;
let added: ClusterSummary;
let stopAnswering: () => void;

beforeAll(async () => {
  cluster = await startTestCluster({ name: 'hub23', nodes: 3, subnet: SUBNET });
  ws = sshWorkspace();
  h = startHub(ws.hubOptions());
  stopAnswering = answerHostKeys(h, cluster).stop;
  added = await h.ok('clusters.add', {
    name: 'Growing',
    hosts: `10.210.${SUBNET}.11-12`,
    settings: { user: 'root', identityFile: cluster.keyPath },
  });
  await Promise.all(added.nodes.map((n) => waitNodeState(h, added.id, n.id, 'up')));
}, 60_000);

afterAll(async () => {
  stopAnswering?.();
  h?.hub.close();
  await cluster?.down();
  ws?.remove();
});

const saved = (): { id: string; host: string }[] =>
  (
    JSON.parse(readFileSync(join(ws.userData, 'clusters.json'), 'utf8')) as {
      clusters: { id: string; nodes: { id: string; host: string }[] }[];
    }
  ).clusters.find((c) => c.id === added.id)?.nodes ?? [];

const agentRuns = async (k: number): Promise<boolean> =>
  (await cluster.run(k, ['pgrep', '-f', 'mosdesk-agent-'])).stdout.trim() !== '';

describe('the nodes of a live cluster', () => {
  it('adds a host, which connects at once with the next id and joins open metrics streams', async () => {
    const sub = await h.ok('metrics.subscribe', { clusterId: added.id, intervalMs: 500 });
    const grown = await h.ok('nodes.add', { clusterId: added.id, hosts: `root@10.210.${SUBNET}.13` });
    expect(grown.nodes.map((n) => [n.id, n.host])).toEqual([
      ['n1', `10.210.${SUBNET}.11`],
      ['n2', `10.210.${SUBNET}.12`],
      ['n3', `10.210.${SUBNET}.13`],
    ]);
    const up = await waitNodeState(h, added.id, 'n3', 'up');
    expect(up.hello?.node.hostname).toBe('node3');
    const batch = await h.waitEvent(
      'metrics.batch',
      (p) => p.subscriptionId === sub.subscriptionId && p.samples.some((s) => s.nodeId === 'n3'),
    );
    expect(batch.samples.find((s) => s.nodeId === 'n3')?.sample.hostname).toBe('node3');
    expect(saved().map((n) => n.id)).toEqual(['n1', 'n2', 'n3']);
  });

  it('refuses a host the cluster already has', async () => {
    const reply = await h.conn.call('nodes.add', { clusterId: added.id, hosts: `10.210.${SUBNET}.12` });
    expect(reply).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    if (!reply.ok) expect(reply.error.message).toContain(`already has 10.210.${SUBNET}.12`);
    expect(saved()).toHaveLength(3);
  });

  it('forgets a node: disconnected, out of the list and out of the saved cluster', async () => {
    expect(await agentRuns(1)).toBe(true);
    expect(await h.ok('nodes.remove', { clusterId: added.id, nodeId: 'n1' })).toEqual({ removed: true });
    const list = (await h.ok('clusters.list', {})).find((c) => c.id === added.id);
    expect(list?.nodes.map((n) => n.id)).toEqual(['n2', 'n3']);
    expect(saved().map((n) => n.id)).toEqual(['n2', 'n3']);
    await expect.poll(() => agentRuns(1), { timeout: 5000 }).toBe(false);
    const from = h.events.length;
    const samplesFrom = (nodeId: string): number =>
      h.events
        .slice(from)
        .filter((e) => e.event === 'metrics.batch')
        .filter((e) => (e.payload as HubEvents['metrics.batch']).samples.some((s) => s.nodeId === nodeId)).length;
    // Over a second, and until both kept nodes have sent one: n1 had its turn too, on a busy machine.
    await new Promise((r) => setTimeout(r, 1200));
    await expect.poll(() => Math.min(samplesFrom('n2'), samplesFrom('n3')), { timeout: 10_000 }).toBeGreaterThan(0);
    expect(samplesFrom('n1')).toBe(0);
    // It stays gone: nothing reconnects it.
    await new Promise((r) => setTimeout(r, 1500));
    expect(await agentRuns(1)).toBe(false);
  });

  it('refuses to forget the last node', async () => {
    await h.ok('nodes.remove', { clusterId: added.id, nodeId: 'n2' });
    const reply = await h.conn.call('nodes.remove', { clusterId: added.id, nodeId: 'n3' });
    expect(reply).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    if (!reply.ok) expect(reply.error.message).toContain('remove the cluster instead');
    expect(saved().map((n) => n.id)).toEqual(['n3']);
  });

  it('keeps the changed cluster for the next start', async () => {
    const next = startHub(ws.hubOptions());
    try {
      const again = (await next.ok('clusters.list', {})).find((c) => c.id === added.id);
      expect(again?.nodes.map((n) => n.id)).toEqual(['n3']);
      await waitNodeState(next, added.id, 'n3', 'up');
    } finally {
      next.hub.close();
    }
  });
});
