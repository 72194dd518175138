import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AddClusterParams, NodeView } from '../../../../../electron/api';
import type { Cluster } from '../../../../../electron/hub/clusters/cluster';
import { ClusterStore } from '../../../../../electron/hub/clusters/clusterStore';
import { secretKey, type SshEnvironment } from '../../../../../electron/hub/clusters/nodeConnector';
import { PasswordTrials } from '../../../../../electron/hub/clusters/passwordTrials';
import { SshClusters } from '../../../../../electron/hub/clusters/sshClusters';
import { HubError } from '../../../../../electron/hub/errors';
import { silentLog } from '../../../../../electron/hub/log';
import { Fanout } from '../../../../../electron/hub/nodes/fanout';
import { MemorySecretStore, SecretStoreError } from '../../../../../electron/hub/secrets/secretStore';
import { AppKnownHosts } from '../../../../../electron/hub/trust/appKnownHosts';
import { HostKeyPrompts } from '../../../../../electron/hub/trust/hostKeyPrompts';

let dir: string;
let store: ClusterStore;
let secrets: MemorySecretStore;
let prompts: HostKeyPrompts;
let registry: Map<string, Cluster>;
let views: { clusterId: string; view: NodeView }[];
let changed: number;
let clusters: SshClusters;
let env: SshEnvironment;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mosdesk-sshclusters-'));
  store = ClusterStore.inDir(dir);
  await store.load();
  secrets = new MemorySecretStore();
  prompts = new HostKeyPrompts({ prompt: () => undefined, resolved: () => undefined }, async () => undefined);
  registry = new Map();
  views = [];
  changed = 0;
  // Every attempt fails before any network: no SSH, no agent bundle, nothing dialled.
  env = {
    bundle: () => {
      throw new Error('no agent bundle in unit tests');
    },
    local: { home: dir, localUser: 'alice' },
    sshConfigPath: join(dir, 'no-ssh-config'),
    systemSshConfigPath: null,
    secrets,
    appKnownHosts: AppKnownHosts.inDir(dir),
    prompts,
    fanout: new Fanout(4),
    log: silentLog,
    link: { readyTimeoutMs: 1000, keepaliveMs: 1000 },
    maxBackoffMs: 60_000,
  };
  clusters = new SshClusters({
    env,
    store,
    registry,
    onNodeChange: (clusterId, view) => void views.push({ clusterId, view }),
    onClustersChanged: () => void changed++,
  });
});
afterEach(() => {
  clusters.stopAll();
  rmSync(dir, { recursive: true, force: true });
});

const params = (hosts: string, extra: Partial<AddClusterParams> = {}): AddClusterParams => ({
  name: '  Lab  ',
  hosts,
  settings: { user: 'admin' },
  ...extra,
});

async function refusal(p: Promise<unknown>): Promise<HubError> {
  const err: unknown = await p.catch((e: unknown) => e);
  expect(err).toBeInstanceOf(HubError);
  return err as HubError;
}

describe('SshClusters.add', () => {
  it.each([
    {
      hosts: 'root@node1:2201, node2\nnode3:2222',
      want: [
        { id: 'n1', host: 'node1', settings: { user: 'root', port: 2201 } },
        { id: 'n2', host: 'node2', settings: {} },
        { id: 'n3', host: 'node3', settings: { port: 2222 } },
      ],
    },
    {
      hosts: 'ops@node08-node10 # the new rack',
      want: ['node08', 'node09', 'node10'].map((host, i) => ({ id: `n${i + 1}`, host, settings: { user: 'ops' } })),
    },
    {
      hosts: '[fd00::5]:2200 10.0.0.7',
      want: [
        { id: 'n1', host: 'fd00::5', settings: { port: 2200 } },
        { id: 'n2', host: '10.0.0.7', settings: {} },
      ],
    },
  ])('stores $hosts as nodes n1..nN with their own user and port', async ({ hosts, want }) => {
    const cluster = await clusters.add(params(hosts));
    expect(cluster.id).toMatch(/^c-[0-9a-f]{10}$/);
    const stored = store.get(cluster.id);
    expect(stored).toEqual({ id: cluster.id, name: 'Lab', settings: { user: 'admin' }, nodes: want });
    expect(registry.get(cluster.id)).toBe(cluster);
    expect(cluster).toMatchObject({ kind: 'ssh', name: 'Lab', settings: { user: 'admin' } });
    expect(cluster.nodes.map((n) => n.snapshot.id)).toEqual(want.map((w) => w.id));
    expect(changed).toBe(1);
  });

  it('starts every node, which reports its failure for that cluster', async () => {
    const cluster = await clusters.add(params('node1 node2'));
    await vi.waitFor(() => {
      const failed = views.filter((v) => v.view.state === 'error');
      expect(new Set(failed.map((v) => v.view.id))).toEqual(new Set(['n1', 'n2']));
    });
    expect(views.every((v) => v.clusterId === cluster.id)).toBe(true);
    expect(views.find((v) => v.view.state === 'error')?.view.reason).toBe('no agent bundle in unit tests');
  });

  it('ends a password trial whatever ends the attempt, so no node waits for it forever', async () => {
    // A ProxyCommand is refused before any dialling: the attempt holding the trial fails early.
    writeFileSync(env.sshConfigPath as string, 'Host *\n  ProxyCommand nc %h %p\n');
    env.passwordTrials = new PasswordTrials();
    await clusters.add(params('node1 node2', { secrets: { password: 'pw' } }));
    await vi.waitFor(() => {
      const failed = views.filter((v) => v.view.state === 'error' && v.view.reason?.includes('ProxyCommand'));
      expect(new Set(failed.map((v) => v.view.id))).toEqual(new Set(['n1', 'n2']));
    });
  });

  it('keeps the secrets under the cluster, and an empty one not at all', async () => {
    const cluster = await clusters.add(params('node1', { secrets: { passphrase: 'pp-secret', password: '' } }));
    expect(await secrets.get(`ssh/${cluster.id}/passphrase`)).toBe('pp-secret');
    expect(await secrets.get(`ssh/${cluster.id}/password`)).toBeUndefined();
    expect(JSON.stringify(store.list())).not.toContain('pp-secret');
  });

  it.each([
    { name: 'neither hosts nor a node', p: { name: 'x', settings: {} } },
    { name: 'both hosts and a node', p: { name: 'x', settings: {}, hosts: 'node1', fromNode: 'node1' } },
    { name: 'an empty list', p: params('  # nothing yet\n') },
    { name: 'a bad host', p: params('node1 bad_host!') },
  ])('refuses $name and keeps nothing', async ({ p }) => {
    expect((await refusal(clusters.add(p))).code).toBe('bad-request');
    expect(store.list()).toEqual([]);
    expect(registry.size).toBe(0);
    expect(changed).toBe(0);
  });
});

describe('SshClusters.remove', () => {
  it('stops its nodes, forgets its prompts and deletes it and its secrets only', async () => {
    const forget = vi.spyOn(prompts, 'forgetCluster');
    const gone = await clusters.add(params('node1 node2', { secrets: { passphrase: 'a', password: 'b' } }));
    const kept = await clusters.add(params('node3', { name: 'Other', secrets: { password: 'c' } }));
    await secrets.set(secretKey(gone.id, 'password', 'n2'), 'node-only');
    const changedBefore = changed;

    expect(await clusters.remove(gone.id)).toBe(true);
    expect(forget).toHaveBeenCalledWith(gone.id);
    expect(registry.has(gone.id)).toBe(false);
    expect(store.get(gone.id)).toBeUndefined();
    for (const key of [
      secretKey(gone.id, 'passphrase'),
      secretKey(gone.id, 'password'),
      secretKey(gone.id, 'password', 'n2'),
    ])
      expect(await secrets.get(key)).toBeUndefined();
    expect(await secrets.get(secretKey(kept.id, 'password'))).toBe('c');
    expect(store.list().map((c) => c.id)).toEqual([kept.id]);
    expect(changed).toBe(changedBefore + 1);

    // Its nodes no longer report anything.
    const seen = views.length;
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(views.slice(seen).filter((v) => v.clusterId === gone.id)).toEqual([]);
  });

  it('refuses an unknown cluster with not-found', async () => {
    expect((await refusal(clusters.remove('c-0000000000'))).code).toBe('not-found');
  });
});

describe('SshClusters: a removed cluster stays gone', () => {
  it('calls off attempts still waiting for a fan-out slot, without dialling', async () => {
    const bundle = vi.spyOn(env, 'bundle');
    // Every slot taken by other work: the new cluster's attempts queue.
    let release: () => void = () => undefined;
    const busy = new Promise<void>((resolve) => (release = resolve));
    const blockers = Array.from({ length: 4 }, () => env.fanout.run(() => busy));
    const cluster = await clusters.add(params('node1 node2 node3'));
    await clusters.remove(cluster.id);
    const seen = views.length;
    release();
    await Promise.all(blockers);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(bundle).not.toHaveBeenCalled();
    expect(views.slice(seen).filter((v) => v.clusterId === cluster.id)).toEqual([]);
    expect(cluster.nodes.every((n) => n.isDisposed)).toBe(true);
  });

  it('keeps its sessions from starting again (a late host key answer reconnects them)', async () => {
    const cluster = await clusters.add(params('node1'));
    await clusters.remove(cluster.id);
    const seen = views.length;
    for (const node of cluster.nodes) node.reconnectNow();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(views.slice(seen)).toEqual([]);
  });

  it('stopAll disposes every node, and nothing added afterwards starts', async () => {
    const first = await clusters.add(params('node1'));
    clusters.stopAll();
    expect(first.nodes.every((n) => n.isDisposed)).toBe(true);
    const seen = views.length;
    await clusters.add(params('node2', { name: 'Late' }));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(views.slice(seen)).toEqual([]);
  });
});

describe('SshClusters node ids', () => {
  const ids = (cluster: Cluster): string[] => cluster.nodes.map((n) => n.snapshot.id);

  it("never gives a forgotten node's id to another host, also after a restart", async () => {
    const cluster = await clusters.add(params('node1 node2 node3'));
    await clusters.removeNode(cluster.id, 'n3');
    expect(ids(await clusters.addNodes(cluster.id, 'node4'))).toEqual(['n1', 'n2', 'n4']);
    await clusters.removeNode(cluster.id, 'n4');
    clusters.stopAll();
    const reopened = ClusterStore.inDir(dir);
    await reopened.load();
    expect(reopened.get(cluster.id)).toMatchObject({ nextNodeNumber: 5 });
  });
});

describe('SshClusters.reconnect', () => {
  it('tries a node of an SSH cluster again, and refuses an unknown node', async () => {
    const cluster = await clusters.add(params('node1 node2'));
    const again = vi.spyOn(cluster.nodes[1]!, 'reconnectNow');
    clusters.reconnect(cluster.id, 'n2');
    expect(again).toHaveBeenCalledTimes(1);
    expect(() => clusters.reconnect(cluster.id, 'n9')).toThrow(/has no node "n9"/);
    expect(() => clusters.reconnect('local', 'n1')).toThrow(HubError);
  });
});

/** Makes the secret store fail on the given keys (a keyring that went away halfway); returns every key tried. */
function failingOn(store: MemorySecretStore, bad: (key: string) => boolean): string[] {
  const tried: string[] = [];
  const set = store.set.bind(store);
  vi.spyOn(store, 'set').mockImplementation(async (key, value) => {
    tried.push(key);
    if (bad(key)) throw new SecretStoreError('mosdesk cannot keep passwords on this computer.');
    return set(key, value);
  });
  return tried;
}

async function keptSecrets(keys: string[]): Promise<string[]> {
  const kept: string[] = [];
  for (const key of keys) if ((await secrets.get(key)) !== undefined) kept.push(key);
  return kept;
}

describe('SshClusters: secrets and the cluster are saved together or not at all', () => {
  it('add: a secret that cannot be saved leaves no cluster and no other secret, and the add can be retried', async () => {
    const tried = failingOn(secrets, (key) => key.endsWith('/password'));
    const err = await clusters.add(params('node1', { secrets: { passphrase: 'pp', password: 'pw' } })).catch((e) => e);
    expect(err).toBeInstanceOf(SecretStoreError);
    expect(store.list()).toEqual([]);
    expect(registry.size).toBe(0);
    expect(changed).toBe(0);
    expect(tried).toHaveLength(2);
    expect(await keptSecrets(tried)).toEqual([]);

    vi.mocked(secrets.set).mockRestore();
    const cluster = await clusters.add(params('node1', { secrets: { passphrase: 'pp', password: 'pw' } }));
    expect(store.get(cluster.id)?.name).toBe('Lab');
    expect(await secrets.get(secretKey(cluster.id, 'password'))).toBe('pw');
  });

  it('add: a cluster that cannot be saved takes its secrets back', async () => {
    await clusters.add(params('node1', { name: 'Lab' }));
    const tried = failingOn(secrets, () => false);
    const err = await refusal(clusters.add(params('node2', { name: 'lab', secrets: { passphrase: 'pp' } })));
    expect(err.message).toMatch(/already exists/);
    expect(tried).toHaveLength(1);
    expect(await keptSecrets(tried)).toEqual([]);
  });

  it('configure: a secret that cannot be saved leaves the settings and the old secrets as they were', async () => {
    const cluster = await clusters.add(params('node1', { secrets: { passphrase: 'old-pp', password: 'old-pw' } }));
    failingOn(secrets, (key) => key.endsWith('/password'));
    const err = await clusters
      .configure(cluster.id, undefined, { user: 'other' }, { passphrase: 'new-pp', password: 'new-pw' })
      .catch((e) => e);
    expect(err).toBeInstanceOf(SecretStoreError);
    expect(store.get(cluster.id)?.settings).toEqual({ user: 'admin' });
    expect(cluster.settings).toEqual({ user: 'admin' });
    expect(await secrets.get(secretKey(cluster.id, 'passphrase'))).toBe('old-pp');
    expect(await secrets.get(secretKey(cluster.id, 'password'))).toBe('old-pw');
  });

  it('configure: settings that cannot be saved put the secrets back', async () => {
    const cluster = await clusters.add(params('node1 node2', { secrets: { passphrase: 'old-pp' } }));
    await secrets.set(secretKey(cluster.id, 'password', 'n2'), 'node-pw');
    const err = await refusal(
      clusters.configure(cluster.id, 'n2', { user: '-oProxyCommand=x' }, { passphrase: 'new-pp', password: '' }),
    );
    expect(err.code).toBe('bad-request');
    expect(store.get(cluster.id)?.nodes[1]?.settings).toEqual({});
    expect(await secrets.get(secretKey(cluster.id, 'passphrase', 'n2'))).toBeUndefined();
    expect(await secrets.get(secretKey(cluster.id, 'password', 'n2'))).toBe('node-pw');
    expect(await secrets.get(secretKey(cluster.id, 'passphrase'))).toBe('old-pp');
  });
});
