import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ClusterStore, type StoredCluster } from '../../../../../electron/hub/clusters/clusterStore';
import { HubError } from '../../../../../electron/hub/errors';

let dir: string;
let store: ClusterStore;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mosdesk-clusters-'));
  store = ClusterStore.inDir(dir);
  expect(await store.load()).toEqual({});
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const cluster = (id: string, name = `Cluster ${id}`, hosts = ['node1', 'node2']): StoredCluster => ({
  id,
  name,
  settings: { user: 'admin', port: 22 },
  nodes: hosts.map((host, i) => ({ id: `n${i + 1}`, host, settings: {} })),
});

const onDisk = () => JSON.parse(readFileSync(store.path, 'utf8')) as unknown;

async function refusal(p: Promise<unknown>): Promise<HubError> {
  const err: unknown = await p.catch((e: unknown) => e);
  expect(err).toBeInstanceOf(HubError);
  return err as HubError;
}

describe('ClusterStore', () => {
  it('starts empty without a file and saves what is added, mode 0600', async () => {
    expect(store.list()).toEqual([]);
    const a = cluster('a');
    expect(await store.add(a)).toEqual(a);
    expect(store.list()).toEqual([a]);
    expect(onDisk()).toEqual({ version: 1, clusters: [a] });
    expect(statSync(store.path).mode & 0o777).toBe(0o600);
    const again = ClusterStore.inDir(dir);
    await again.load();
    expect(again.list()).toEqual([a]);
  });

  it('lands every one of many adds made at once', async () => {
    const ids = Array.from({ length: 25 }, (_, i) => `c${i}`);
    await Promise.all(ids.map((id) => store.add(cluster(id))));
    expect(store.list().map((c) => c.id)).toEqual(ids);
    expect((onDisk() as { clusters: StoredCluster[] }).clusters.map((c) => c.id)).toEqual(ids);
  });

  it('removes by id and says whether it did', async () => {
    await store.add(cluster('a'));
    await store.add(cluster('b'));
    expect(await store.remove('a')).toBe(true);
    expect(await store.remove('a')).toBe(false);
    expect(store.list().map((c) => c.id)).toEqual(['b']);
    expect((onDisk() as { clusters: unknown[] }).clusters).toHaveLength(1);
  });

  it('updates from a copy, keeping the id and the order', async () => {
    await store.add(cluster('a'));
    await store.add(cluster('b'));
    const updated = await store.update('a', (c) => ({ ...c, settings: { ...c.settings, port: 2222 } }));
    expect(updated.settings.port).toBe(2222);
    expect(store.list().map((c) => [c.id, c.settings.port])).toEqual([
      ['a', 2222],
      ['b', 22],
    ]);
    expect((await refusal(store.update('zz', (c) => c))).code).toBe('not-found');
    expect((await refusal(store.update('a', (c) => ({ ...c, id: 'other' })))).message).toBe(
      'A cluster id cannot change.',
    );
  });

  it('gives copies, so a caller cannot change what is saved behind its back', async () => {
    await store.add(cluster('a'));
    store.list()[0]!.name = 'mutated';
    store.get('a')!.nodes.push({ id: 'x', host: 'x', settings: {} });
    await store
      .update('a', (c) => {
        c.name = 'changed in fn, then refused';
        throw new Error('fn failed');
      })
      .catch(() => undefined);
    expect(store.get('a')).toEqual(cluster('a'));
  });

  const refused: { name: string; make: () => StoredCluster; says: string }[] = [
    { name: 'a bad port', make: () => ({ ...cluster('a'), settings: { port: 0 } }), says: 'at "settings.port"' },
    { name: 'a bad user', make: () => ({ ...cluster('a'), settings: { user: 'x y' } }), says: 'user name' },
    {
      name: 'a bad node host',
      make: () => cluster('a', 'A', ['node1', 'node 2']),
      says: 'Cluster "A": at "nodes.1.host": must be a host name',
    },
    {
      name: 'a bad jump host',
      make: () => ({ ...cluster('a'), settings: { jumpHost: 'gw:99999' } }),
      says: '[user@]host[:port]',
    },
    {
      name: 'a relative identity file',
      make: () => ({ ...cluster('a'), settings: { identityFile: 'id_rsa' } }),
      says: 'private key file',
    },
    { name: 'no nodes', make: () => cluster('a', 'A', []), says: 'at least one node' },
    {
      name: 'more than 4096 nodes',
      make: () =>
        cluster(
          'a',
          'A',
          Array.from({ length: 4097 }, (_, i) => `n${i}`),
        ),
      says: 'at most 4096 nodes',
    },
    {
      name: 'two nodes with one id',
      make: () => ({ ...cluster('a', 'A'), nodes: [0, 1].map(() => ({ id: 'n', host: 'h', settings: {} })) }),
      says: 'two nodes with the id "n"',
    },
    { name: 'a bad id', make: () => cluster('../x'), says: 'at "id"' },
    { name: 'the built-in id', make: () => cluster('local'), says: 'reserved' },
    { name: 'the built-in name', make: () => cluster('a', 'THIS computer'), says: 'reserved' },
    { name: 'an empty name', make: () => cluster('a', ''), says: 'the name is empty' },
    { name: 'a name with a newline', make: () => cluster('a', 'lab\ncluster'), says: 'control characters' },
    {
      name: 'a secret among the settings',
      make: () => ({ ...cluster('a'), settings: { password: 'hunter2' } }) as unknown as StoredCluster,
      says: 'password',
    },
  ];

  it.each(refused)('refuses $name with a sentence, and writes nothing', async ({ make, says }) => {
    const err = await refusal(store.add(make()));
    expect(err.code).toBe('bad-request');
    expect(err.message).toContain(says);
    expect(store.list()).toEqual([]);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses a second cluster with the same id, or the same name in another case', async () => {
    await store.add(cluster('a', 'Lab'));
    expect((await refusal(store.add(cluster('a', 'Other')))).message).toBe('Another cluster already has the id "a".');
    expect((await refusal(store.add(cluster('b', 'LAB')))).message).toBe(
      'A cluster named "Lab" already exists; choose another name.',
    );
    await store.add(cluster('c', 'Other'));
    const err = await refusal(store.update('c', (c) => ({ ...c, name: 'lab' })));
    expect(err.message).toContain('"Lab" already exists');
    expect(await store.update('a', (c) => ({ ...c, name: 'LAB' }))).toMatchObject({ name: 'LAB' }); // its own name
  });

  it('moves a damaged file aside, starts empty and says so', async () => {
    writeFileSync(store.path, '{"version":1,"clusters":[{"id":"a"');
    const fresh = ClusterStore.inDir(dir);
    const { warning } = await fresh.load();
    expect(warning).toMatch(
      /clusters\.json was damaged \(not JSON: .*\); it was moved aside to clusters\.json\.corrupt-/,
    );
    expect(warning).toContain('The saved clusters start empty: add them again, or stop mosdesk, repair that file');
    expect(fresh.list()).toEqual([]);
    await fresh.add(cluster('b'));
    expect(readdirSync(dir).sort()).toEqual([
      'clusters.json',
      expect.stringMatching(/^clusters\.json\.corrupt-/) as unknown as string,
    ]);
  });

  it('treats a file with duplicate names as damaged', async () => {
    writeFileSync(store.path, JSON.stringify({ version: 1, clusters: [cluster('a', 'X'), cluster('b', 'x')] }));
    const { warning } = await ClusterStore.inDir(dir).load();
    expect(warning).toContain('at "clusters.1": A cluster named "X" already exists');
  });

  it('will not write before load, so a save never replaces a file it has not read', async () => {
    const unloaded = ClusterStore.inDir(dir);
    await expect(unloaded.add(cluster('a'))).rejects.toThrow('call load() first');
    expect(() => unloaded.list()).toThrow('call load() first');
  });

  it('refuses every change after a read that failed, so the unread file is never replaced', async () => {
    // A directory in the file's place: unreadable even for root, and nothing to move aside.
    const other = mkdtempSync(join(tmpdir(), 'mosdesk-clusters-'));
    mkdirSync(join(other, 'clusters.json'));
    const blocked = ClusterStore.inDir(other);
    await expect(blocked.load()).rejects.toThrow(/clusters\.json cannot be read \(EISDIR\)/);
    const err = await refusal(blocked.add(cluster('a')));
    expect(err.code).toBe('unavailable');
    expect(err.message).toMatch(/could not be read \(.*EISDIR.*\), so mosdesk changes none of them/);
    expect(() => blocked.list()).toThrow(/could not be read/);
    expect(statSync(join(other, 'clusters.json')).isDirectory()).toBe(true);
    rmSync(other, { recursive: true, force: true });
  });
});
