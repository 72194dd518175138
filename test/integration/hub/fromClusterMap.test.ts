/**
 * Adding a cluster from one node's MOSIX cluster map (/etc/mosix/mosix.map, read by that node's
 * agent), against a real test cluster: node1 has a map, node3 a broken one, the others none.
 * The add waits for the user's answer about the first node's host key. Root only; subnet 21.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClusterSummary, HostKeyPrompt, HubErrorData } from '../../../electron/api';
import { startTestCluster, type TestCluster } from '../../cluster/testCluster';
import { startHub, type HubHarness } from '../../support/hubHarness';
import { answerHostKeys, sshWorkspace, type SshWorkspace } from '../../support/sshHub';

const SUBNET = 21;
const SEED = `10.210.${SUBNET}.11`;
/** Not in address order: MOSIX numbers the nodes in file order, and so must the hub. */
const MAP = [
  '# hub21: nodes 1-2 are 10.210.21.13-14, nodes 3-4 are 10.210.21.11-12',
  `10.210.${SUBNET}.13 2 p`,
  `10.210.${SUBNET}.11 2`,
  '',
].join('\n');
/** The map's nodes in MOSIX order, as test cluster node numbers. */
const MAP_ORDER = [3, 4, 1, 2];

let cluster: TestCluster;
let ws: SshWorkspace;
let h: HubHarness;

const settings = () => ({ user: 'root', identityFile: cluster.keyPath });

/** The add's error, or a failure when it succeeded. */
async function addFails(fromNode: string): Promise<HubErrorData> {
  const reply = await h.conn.call('clusters.add', { name: 'From a map', fromNode, settings: settings() });
  if (reply.ok) throw new Error(`the add from ${fromNode} succeeded`);
  return reply.error;
}

/** The first host key prompt from event `from` on, once it is asked. */
async function nextPrompt(from: number): Promise<HostKeyPrompt> {
  return h.waitEvent('hostkey.prompt', () => true, 10_000, from);
}

/** Answers every prompt from event `from` on: yes to the node's real key, no to any other. */
const answerPrompts = (from: number): ReturnType<typeof answerHostKeys> => answerHostKeys(h, cluster, from);

function knownHostsLines(): string[] {
  const path = join(ws.userData, 'known_hosts');
  return existsSync(path) ? readFileSync(path, 'utf8').split('\n').filter(Boolean) : [];
}

async function sshClusters(): Promise<ClusterSummary[]> {
  return (await h.ok('clusters.list', {})).filter((c) => c.kind === 'ssh');
}

beforeAll(async () => {
  cluster = await startTestCluster({
    name: 'hub21',
    nodes: 4,
    subnet: SUBNET,
    etcFiles: { 1: { 'mosix/mosix.map': MAP }, 3: { 'mosix/mosix.map': `10.210.${SUBNET}.11 many\n` } },
  });
  ws = sshWorkspace();
  h = startHub(ws.hubOptions());
}, 60_000);

afterAll(async () => {
  h?.hub.close();
  await cluster?.down();
  ws?.remove();
});

describe('a cluster added from one node of it', () => {
  it('saves nothing when the first node’s host key is refused', async () => {
    const from = h.events.length;
    const add = addFails(SEED);
    const prompt = await nextPrompt(from);
    expect(prompt).toMatchObject({ host: SEED, port: 22, fingerprint: cluster.node(1).hostKeyFingerprint });
    await h.ok('hostkeys.answer', { promptId: prompt.promptId, accept: false });
    const error = await add;
    expect(error.code).toBe('forbidden');
    expect(error.message).toContain(`You refused the ssh-ed25519 key ${cluster.node(1).hostKeyFingerprint}`);
    expect(await sshClusters()).toEqual([]);
    expect(knownHostsLines()).toEqual([]);
    expect(existsSync(join(ws.userData, 'clusters.json'))).toBe(false);
    expect(await h.ok('hostkeys.pending', {})).toEqual([]);
  });

  it('takes the map’s nodes in MOSIX order once the key is accepted, and brings them all up', async () => {
    const from = h.events.length;
    let settled = false;
    const add = h.ok('clusters.add', { name: 'From a map', fromNode: SEED, settings: settings() });
    void add.finally(() => (settled = true)).catch(() => undefined);
    const prompt = await nextPrompt(from);
    expect(prompt).toMatchObject({ host: SEED, fingerprint: cluster.node(1).hostKeyFingerprint });
    // The add waits for the answer, however long the user takes.
    await new Promise((r) => setTimeout(r, 500));
    expect(settled).toBe(false);
    expect(await sshClusters()).toEqual([]);
    const answers = answerPrompts(from);
    try {
      const added = await add;
      expect(added.nodes.map((n) => [n.id, n.host])).toEqual(
        MAP_ORDER.map((k, i) => [`n${i + 1}`, cluster.node(k).address]),
      );
      const up = await Promise.all(
        added.nodes.map((n) =>
          h.waitEvent('node.state', (p) => p.clusterId === added.id && p.node.id === n.id && p.node.state === 'up'),
        ),
      );
      expect(up.map((p) => p.node.hello?.node.hostname)).toEqual(MAP_ORDER.map((k) => `node${k}`));
    } finally {
      answers.stop();
    }
    // Each key asked about once: the seed's while the add waited, the other three's after.
    expect(answers.asked.map((p) => p.host).sort()).toEqual(cluster.nodes.map((n) => n.address));
    expect(knownHostsLines()).toHaveLength(4);
  });

  it('says a node without a map is not a MOSIX node', async () => {
    const before = await sshClusters();
    const error = await addFails(cluster.node(2).address);
    expect(error.code).toBe('not-found');
    expect(error.message).toBe('no /etc/mosix/mosix.map on node2: this node is not configured as a MOSIX node');
    expect(await sshClusters()).toEqual(before);
  });

  it('names the file and line of a broken map', async () => {
    const error = await addFails(cluster.node(3).address);
    expect(error.code).toBe('unavailable');
    expect(error.message).toMatch(/^\/etc\/mosix\/mosix\.map: line 1: the node count "many" .* \(on node3\)$/);
    expect(await sshClusters()).toHaveLength(1);
  });
});
