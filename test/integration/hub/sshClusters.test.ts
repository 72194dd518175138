/**
 * The hub against a real test cluster (network namespaces with real sshd): add a cluster,
 * accept host keys, deploy the agent, and the faults an admin meets — a changed host key, a
 * refused key, a pulled cable, a killed agent, a node behind a gateway, a node without Node.js.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClusterSummary, HostKeyPrompt } from '../../../electron/api';
import { startTestCluster, type TestCluster } from '../../cluster/testCluster';
import { ensureNode18 } from '../../setup/node18';
import { startHub, type HubHarness } from '../../support/hubHarness';
import { answerHostKeys, lastNodeView, sshWorkspace, waitNodeState, type SshWorkspace } from '../../support/sshHub';

const SUBNET = 20;
let cluster: TestCluster;
let ws: SshWorkspace;
let h: HubHarness;
let added: ClusterSummary;
let addToAllUpMs = 0;
let firstPrompts: HostKeyPrompt[] = [];

const acceptPromptsOf = (harness: HubHarness): (() => void) => answerHostKeys(harness, cluster).stop;
const fingerprintsAsked = (): string[] => firstPrompts.map((p) => `${p.host} ${p.fingerprint}`);

beforeAll(async () => {
  const oldNode = join(mkdtempSync(join(tmpdir(), 'mosdesk-oldnode-')), 'node');
  writeFileSync(oldNode, '#!/bin/sh\necho v16.20.2\n', { mode: 0o755 });
  cluster = await startTestCluster({
    name: 'hub20',
    nodes: 8,
    subnet: SUBNET,
    behind: [{ node: 5, gateway: 1 }],
    nodeBinary: { 6: 'missing', 7: oldNode, 8: process.env.MOSDESK_NODE18 ?? ensureNode18() },
  });
  ws = sshWorkspace();
  // The node behind the gateway is reached the way admins write it: an alias with ProxyJump.
  writeFileSync(
    join(ws.home, '.ssh', 'config'),
    [
      'Host hidden5',
      `  HostName ${cluster.node(5).address}`,
      `  ProxyJump ${cluster.node(1).address}`,
      '  User root',
      `  IdentityFile ${cluster.keyPath}`,
      '',
    ].join('\n'),
  );
  h = startHub(ws.hubOptions());
  const answers = answerHostKeys(h, cluster);
  const t0 = Date.now();
  added = await h.ok('clusters.add', {
    name: 'Test cluster',
    hosts: `10.210.${SUBNET}.11-10.210.${SUBNET}.14 hidden5`,
    settings: { identityFile: cluster.keyPath },
  });
  await Promise.all(added.nodes.map((n) => waitNodeState(h, added.id, n.id, 'up', 20_000)));
  addToAllUpMs = Date.now() - t0;
  answers.stop();
  firstPrompts = [...answers.asked];
}, 120_000);

afterAll(async () => {
  h?.hub.close();
  await cluster?.down();
  ws?.remove();
});

describe('an SSH cluster of test nodes', () => {
  it('comes up within 3 s of the add, each node with its own hostname and its own processes', async () => {
    console.log(`add → all ${added.nodes.length} nodes up: ${addToAllUpMs} ms`);
    expect(addToAllUpMs).toBeLessThan(3000);
    const live = (await h.hub.clusters()).get(added.id);
    const pidSets: string[] = [];
    for (const [i, session] of (live?.nodes ?? []).entries()) {
      expect(session.snapshot.hello?.node.hostname).toBe(`node${i + 1}`);
      const procs = await session.agent!.request('procs.list', { scope: 'all' } as never);
      const rows = (procs as { rows: { pid: number; command: string }[] }).rows;
      // sshd is pid 1 of each node's own PID namespace.
      expect(rows.find((r) => r.pid === 1)?.command).toMatch(/^sshd/);
      pidSets.push(rows.map((r) => `${r.pid}:${r.command}`).join(','));
    }
    expect(new Set(pidSets).size).toBe(5);
  });

  it('asked about each host key once, with the fingerprint ssh-keygen gives', () => {
    for (const k of [1, 2, 3, 4, 5]) {
      expect(fingerprintsAsked()).toContain(`${cluster.node(k).address} ${cluster.node(k).hostKeyFingerprint}`);
    }
    expect(fingerprintsAsked()).toHaveLength(5);
    const saved = readFileSync(join(ws.userData, 'known_hosts'), 'utf8');
    const check = execFileSync('ssh-keygen', ['-F', cluster.node(3).address, '-f', join(ws.userData, 'known_hosts')], {
      encoding: 'utf8',
    });
    expect(check).toContain('ssh-ed25519');
    expect(saved.split('\n').filter(Boolean)).toHaveLength(5);
  });

  it('uploads the agent once per node into a cache named by its hash, and reconnects in one session', async () => {
    const dir = join(cluster.node(2).home, '.cache/mosdesk/agent');
    const files = readdirSync(dir).filter((f) => f.endsWith('.cjs'));
    expect(files).toHaveLength(1);
    const before = statSync(join(dir, files[0]!)).mtimeMs;
    // sshd logs each session it starts (LogLevel VERBOSE): a reconnect runs the cached agent only.
    const sessions = (): number => (cluster.sshdLog(2).match(/Starting session:/g) ?? []).length;
    const sessionsBefore = sessions();
    const from = h.events.length;
    await h.ok('nodes.reconnect', { clusterId: added.id, nodeId: 'n2' });
    await h.waitEvent('node.state', (p) => p.node.id === 'n2' && p.node.state === 'up', 10_000, from);
    expect(statSync(join(dir, files[0]!)).mtimeMs).toBe(before);
    expect(sessions() - sessionsBefore).toBe(1);
  });

  it('refuses a node whose host key changed, with the warning, and never accepts it silently', async () => {
    const fresh = await cluster.rekey(2);
    await h.ok('nodes.reconnect', { clusterId: added.id, nodeId: 'n2' });
    const refused = await waitNodeState(h, added.id, 'n2', 'hostkey-changed');
    expect(refused.reason).toContain('REMOTE HOST IDENTIFICATION HAS CHANGED');
    expect(refused.reason).toContain(fresh.hostKeyFingerprint);
    await new Promise((r) => setTimeout(r, 2500));
    expect(lastNodeView(h, added.id, 'n2')?.state).toBe('hostkey-changed');
    expect(h.events.filter((e) => e.event === 'hostkey.prompt')).toHaveLength(5);
  });

  it('forgets the old key only when asked, then asks about the new one and comes back', async () => {
    const held = lastNodeView(h, added.id, 'n2');
    const node2 = cluster.node(2);
    expect(held?.changedKey).toEqual({
      host: node2.address,
      port: 22,
      file: join(ws.userData, 'known_hosts'),
      appStore: true,
    });
    const from = h.events.length;
    expect(await h.ok('hostkeys.forget', { clusterId: added.id, nodeId: 'n2' })).toEqual({ removed: 1 });
    const prompt = await h.waitEvent('hostkey.prompt', (p) => p.host === node2.address, 10_000, from);
    expect(prompt.fingerprint).toBe(node2.hostKeyFingerprint);
    await h.ok('hostkeys.answer', { promptId: prompt.promptId, accept: true });
    await waitNodeState(h, added.id, 'n2', 'up', 10_000, from);
    const again = await h.conn.call('hostkeys.forget', { clusterId: added.id, nodeId: 'n2' });
    expect(again).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    if (!again.ok) expect(again.error.message).toContain('has no changed host key to forget');
  });

  it('names the user and host when the key is refused', async () => {
    const wrong = join(ws.home, 'wrong_key');
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', wrong]);
    await h.ok('clusters.configure', { clusterId: added.id, nodeId: 'n3', settings: { identityFile: wrong } });
    const failed = await waitNodeState(h, added.id, 'n3', 'auth-failed');
    expect(failed.reason).toContain(`root@${cluster.node(3).address}`);
    expect(failed.reason).toContain(wrong);
    expect(failed.settings).toEqual({ identityFile: wrong });
  });

  it('shows a node whose link is down dead within 5 s, fails its action in flight, and brings it back', async () => {
    const session = (await h.hub.clusters()).get(added.id)!.nodes[3]!;
    const agent = session.agent!;
    const from = h.events.length;
    await cluster.linkDown(4);
    const cut = Date.now();
    const inFlight = agent.request('ping', {}, 30_000).then(
      () => 'answered',
      (err: Error) => err.message,
    );
    const dead = await h.waitEvent('node.state', (p) => p.node.id === 'n4' && p.node.state === 'dead', 8000, from);
    const deadAfterMs = Date.now() - cut;
    console.log(`link down → dead: ${deadAfterMs} ms`);
    expect(deadAfterMs).toBeLessThan(5000);
    console.log(`dead because: ${dead.node.reason}`);
    // Whichever notices first: the agent's missed pings or SSH's missed keepalives.
    expect(dead.node.reason).toMatch(/stopped answering|no answer from the agent/);
    expect(await inFlight).toMatch(/ended before "ping" was answered .*not retried/);
    await cluster.linkUp(4);
    await h.waitEvent('node.state', (p) => p.node.id === 'n4' && p.node.state === 'up', 20_000, from);
  });

  it('restarts an agent that was killed', async () => {
    const pidOf = async (): Promise<string> => (await cluster.run(1, ['pgrep', '-f', 'mosdesk-agent-'])).stdout.trim();
    const first = await pidOf();
    expect(first).toMatch(/^\d+$/);
    const from = h.events.length;
    await cluster.run(1, ['kill', '-9', first]);
    const dead = await h.waitEvent('node.state', (p) => p.node.id === 'n1' && p.node.state === 'dead', 8000, from);
    expect(dead.node.reason).toContain('SIGKILL');
    await h.waitEvent('node.state', (p) => p.node.id === 'n1' && p.node.state === 'up', 10_000, from);
    const second = await pidOf();
    expect(second).toMatch(/^\d+$/);
    expect(second).not.toBe(first);
  });

  it('reaches the node behind a gateway only through the jump host', async () => {
    const view = lastNodeView(h, added.id, 'n5');
    expect(view?.state).toBe('up');
    expect(view?.hello?.node.hostname).toBe('node5');
    expect(view?.hello?.node.addresses).toContain(cluster.node(5).address);
  });

  it('uploads the agent again when the cached one is another version', async () => {
    const dir = join(cluster.node(1).home, '.cache/mosdesk/agent');
    const file = join(
      dir,
      readdirSync(dir).find((f) => f.endsWith('.cjs'))!,
    );
    const good = readFileSync(file);
    // Same size, another version: what a half-finished upgrade by hand could leave.
    writeFileSync(file, good.toString('latin1').replace(/"0\.1\.0"/g, '"0.0.9"'), 'latin1');
    expect(readFileSync(file).equals(good)).toBe(false);
    const from = h.events.length;
    await h.ok('nodes.reconnect', { clusterId: added.id, nodeId: 'n1' });
    const up = await h.waitEvent('node.state', (p) => p.node.id === 'n1' && p.node.state === 'up', 10_000, from);
    expect(up.node.hello?.agentVersion).toBe('0.1.0');
    expect(readFileSync(file).equals(good)).toBe(true);
  });

  it('says what to install on a node without a usable Node.js', async () => {
    const broken = await h.ok('clusters.add', {
      name: 'No node',
      hosts: `10.210.${SUBNET}.16 10.210.${SUBNET}.17`,
      settings: { user: 'root', identityFile: cluster.keyPath },
    });
    const stop = acceptPromptsOf(h);
    const missing = await waitNodeState(h, broken.id, 'n1', 'no-node');
    const old = await waitNodeState(h, broken.id, 'n2', 'no-node');
    stop();
    expect(missing.reason).toMatch(/no Node\.js .*Install Node\.js 18 or newer/);
    expect(old.reason).toMatch(/has Node\.js v16\.20\.2; the mosdesk agent needs 18 or newer/);
  });

  it('runs the agent on a node whose Node.js is 18, the oldest it supports', async () => {
    const old = await h.ok('clusters.add', {
      name: 'Node 18',
      hosts: `10.210.${SUBNET}.18`,
      settings: { user: 'root', identityFile: cluster.keyPath },
    });
    const stop = acceptPromptsOf(h);
    const up = await waitNodeState(h, old.id, 'n1', 'up', 15_000);
    stop();
    expect(up.hello?.node.hostname).toBe('node8');
    expect((await cluster.run(8, ['node', '--version'])).stdout.trim()).toMatch(/^v18\./);
    const agents = await cluster.run(8, ['pgrep', '-a', 'node']);
    expect(agents.stdout).toContain('serve --stdio');
  });

  it('authenticates with a key held by ssh-agent, and says which methods it tried when it has none', async () => {
    const socket = join(ws.home, 'agent.sock');
    const agent = execFileSync('ssh-agent', ['-a', socket], { encoding: 'utf8' });
    const agentPid = Number(/SSH_AGENT_PID=(\d+)/.exec(agent)?.[1]);
    const data = mkdtempSync(join(tmpdir(), 'mosdesk-userdata-agent-'));
    const viaAgent = startHub(
      ws.hubOptions({ userDataDir: data, local: { home: ws.home, localUser: 'root', agentSocket: socket } }),
    );
    try {
      const stop = acceptPromptsOf(viaAgent);
      const empty = await viaAgent.ok('clusters.add', {
        name: 'Agent',
        hosts: `10.210.${SUBNET}.13`,
        settings: { user: 'root' },
      });
      const refused = await waitNodeState(viaAgent, empty.id, 'n1', 'auth-failed');
      expect(refused.reason).toContain('tried ssh-agent');
      execFileSync('ssh-add', ['-q', cluster.keyPath], { env: { ...process.env, SSH_AUTH_SOCK: socket } });
      await viaAgent.ok('nodes.reconnect', { clusterId: empty.id, nodeId: 'n1' });
      const up = await waitNodeState(viaAgent, empty.id, 'n1', 'up');
      stop();
      expect(up.hello?.node.hostname).toBe('node3');
    } finally {
      viaAgent.hub.close();
      process.kill(agentPid, 'SIGTERM');
      rmSync(data, { recursive: true, force: true });
    }
  });

  it('uses an encrypted key with the passphrase it was given, and says when it has none', async () => {
    const locked = join(ws.home, 'locked_key');
    execFileSync('cp', [cluster.keyPath, locked]);
    execFileSync('ssh-keygen', ['-q', '-p', '-P', '', '-N', 'correct horse', '-f', locked]);
    const noPass = await h.ok('clusters.add', {
      name: 'Locked',
      hosts: `10.210.${SUBNET}.13`,
      settings: { user: 'root', identityFile: locked },
    });
    const refused = await waitNodeState(h, noPass.id, 'n1', 'auth-failed');
    expect(refused.reason).toContain(`key ${locked} is encrypted and no passphrase was given`);
    await h.ok('clusters.configure', {
      clusterId: noPass.id,
      settings: { user: 'root', identityFile: locked },
      secrets: { passphrase: 'correct horse' },
    });
    const from = h.events.length;
    const up = await h.waitEvent('node.state', (p) => p.clusterId === noPass.id && p.node.state === 'up', 10_000, from);
    expect(up.node.hello?.node.hostname).toBe('node3');
    expect(JSON.stringify(h.events)).not.toContain('correct horse');
    expect(readFileSync(join(ws.userData, 'clusters.json'), 'utf8')).not.toContain('correct horse');
    await h.ok('clusters.remove', { clusterId: noPass.id });
  });

  it('keeps the clusters and the accepted keys for the next start', async () => {
    const next = startHub(ws.hubOptions());
    try {
      const list = await next.ok('clusters.list', {});
      const again = list.find((c) => c.id === added.id);
      expect(again?.name).toBe('Test cluster');
      await waitNodeState(next, added.id, 'n5', 'up');
      expect(next.events.filter((e) => e.event === 'hostkey.prompt')).toHaveLength(0);
      expect(await next.ok('clusters.remove', { clusterId: added.id })).toEqual({ removed: true });
    } finally {
      next.hub.close();
    }
    const third = startHub(ws.hubOptions());
    try {
      expect((await third.ok('clusters.list', {})).some((c) => c.id === added.id)).toBe(false);
    } finally {
      third.hub.close();
    }
  });
});
