import { beforeEach, describe, expect, it } from 'vitest';
import type { AddClusterParams } from '../../../../../electron/api';
import { useClustersStore } from '../../../../../renderer/src/features/clusters/clustersStore';
import { HubRequestError } from '../../../../../renderer/src/hub/hubRequestError';
import { FakeHub, piniaWith } from '../../support/fakeHub';
import { cluster, nodeView } from '../../support/views';

let hub: FakeHub;
const local = () => cluster('local', [nodeView('me', { state: 'up' })], { kind: 'local', name: 'This computer' });
const lab = () => cluster('lab', [nodeView('n1'), nodeView('n2')]);

beforeEach(() => {
  hub = new FakeHub().handle('clusters.list', () => [local(), lab()]);
  piniaWith(hub);
});

const states = (store: ReturnType<typeof useClustersStore>, id: string): string[] =>
  store.clusters.find((c) => c.id === id)?.nodes.map((n) => n.state) ?? [];

describe('the clusters store', () => {
  it('loads the list at start and selects the first cluster', async () => {
    const store = useClustersStore();
    await store.load();
    expect(store.clusters.map((c) => c.id)).toEqual(['local', 'lab']);
    expect(store.selected?.id).toBe('local');
  });

  it('says why the list could not be loaded', async () => {
    hub.handle('clusters.list', () => {
      throw new HubRequestError({ code: 'unavailable', message: 'The hub is starting.' });
    });
    const store = useClustersStore();
    await store.load();
    expect(store.loadError).toBe('The hub is starting.');
  });

  it('follows node.state events', async () => {
    const store = useClustersStore();
    await store.load();
    hub.emit('node.state', { clusterId: 'lab', node: nodeView('n2', { state: 'hostkey-unknown', since: 2000 }) });
    hub.emit('node.state', { clusterId: 'lab', node: nodeView('n1', { state: 'up', since: 2000 }) });
    expect(states(store, 'lab')).toEqual(['up', 'hostkey-unknown']);
  });

  it('keeps a node.state that arrived while clusters.list was on its way', async () => {
    let answer: (v: ReturnType<typeof lab>[]) => void = () => undefined;
    hub.handle('clusters.list', () => new Promise((r) => (answer = r)));
    const store = useClustersStore();
    hub.emit('clusters.changed', { clusters: [local(), lab()] });
    const loading = store.load();
    hub.emit('node.state', { clusterId: 'lab', node: nodeView('n1', { state: 'up', since: 5000 }) });
    answer([local(), lab()]); // a snapshot from before the event
    await loading;
    expect(states(store, 'lab')).toEqual(['up', 'connecting']);
  });

  it('replaces the list on clusters.changed and keeps the selection where it can', async () => {
    const store = useClustersStore();
    await store.load();
    store.select('lab');
    hub.emit('clusters.changed', { clusters: [local(), lab(), cluster('more', [])] });
    expect(store.clusters.map((c) => c.id)).toEqual(['local', 'lab', 'more']);
    expect(store.selectedId).toBe('lab');
    hub.emit('clusters.changed', { clusters: [local()] });
    expect(store.selectedId).toBe('local');
  });

  it('adds a cluster through the hub and selects it, once whichever comes first', async () => {
    const added = cluster('new', [nodeView('a')]);
    hub.handle('clusters.add', () => {
      hub.emit('clusters.changed', { clusters: [local(), lab(), added] }); // event before the reply
      return added;
    });
    const store = useClustersStore();
    await store.load();
    const params: AddClusterParams = { name: 'new', hosts: 'a', settings: { useAgent: true } };
    await store.add(params);
    expect(hub.callsOf('clusters.add')).toEqual([params]);
    expect(store.clusters.map((c) => c.id)).toEqual(['local', 'lab', 'new']);
    expect(store.selectedId).toBe('new');
  });

  it('passes the hub refusal of an add to the caller and changes nothing', async () => {
    hub.handle('clusters.add', () => {
      throw new HubRequestError({ code: 'bad-request', message: 'node9-node2: the range runs backwards.' });
    });
    const store = useClustersStore();
    await store.load();
    await expect(store.add({ name: 'x', hosts: 'node9-node2', settings: {} })).rejects.toThrow('runs backwards');
    expect(store.clusters.map((c) => c.id)).toEqual(['local', 'lab']);
    expect(store.selectedId).toBe('local');
  });

  it('removes a cluster and moves the selection away from it', async () => {
    hub.handle('clusters.remove', () => ({ removed: true }));
    const store = useClustersStore();
    await store.load();
    store.select('lab');
    await store.remove('lab');
    expect(hub.callsOf('clusters.remove')).toEqual([{ clusterId: 'lab' }]);
    expect(store.clusters.map((c) => c.id)).toEqual(['local']);
    expect(store.selectedId).toBe('local');
  });

  it('keeps why a retry failed until the node changes state', async () => {
    hub.handle('nodes.reconnect', () => {
      throw new HubRequestError({ code: 'not-found', message: 'No node n1 in lab.' });
    });
    const store = useClustersStore();
    await store.load();
    await store.reconnect('lab', 'n1');
    expect(hub.callsOf('nodes.reconnect')).toEqual([{ clusterId: 'lab', nodeId: 'n1' }]);
    expect(store.retryErrorOf('lab', 'n1')).toBe('No node n1 in lab.');
    expect(store.retryErrorOf('lab', 'n2')).toBeUndefined();
    hub.emit('node.state', { clusterId: 'lab', node: nodeView('n1', { state: 'connecting', since: 3000 }) });
    expect(store.retryErrorOf('lab', 'n1')).toBeUndefined();
  });

  it('saves SSH settings through the hub and shows the reply at once, selection kept', async () => {
    const reconfigured = cluster('lab', [nodeView('n1', { since: 2000 }), nodeView('n2', { since: 2000 })], {
      settings: { user: 'ops', port: 2222 },
    });
    hub.handle('clusters.configure', () => reconfigured);
    const store = useClustersStore();
    await store.load();
    store.select('lab');
    const params = { clusterId: 'lab', settings: { user: 'ops', port: 2222 }, secrets: { passphrase: '' } };
    await expect(store.configure(params)).resolves.toEqual(reconfigured);
    expect(hub.callsOf('clusters.configure')).toEqual([params]);
    expect(store.clusters.find((c) => c.id === 'lab')?.settings).toEqual({ user: 'ops', port: 2222 });
    expect(store.clusters.map((c) => c.id)).toEqual(['local', 'lab']);
    expect(store.selectedId).toBe('lab');
  });

  it('takes a node’s own settings from the reply, and keeps a node state newer than it', async () => {
    hub.handle('clusters.configure', () =>
      cluster('lab', [nodeView('n1', { settings: { identityFile: '/tmp/wrong' }, since: 2000 }), nodeView('n2')]),
    );
    const store = useClustersStore();
    await store.load();
    hub.emit('node.state', { clusterId: 'lab', node: nodeView('n2', { state: 'up', since: 9000 }) });
    await store.configure({ clusterId: 'lab', nodeId: 'n1', settings: { identityFile: '/tmp/wrong' } });
    const nodes = store.clusters.find((c) => c.id === 'lab')?.nodes;
    expect(nodes?.[0]?.settings).toEqual({ identityFile: '/tmp/wrong' });
    expect(nodes?.[1]?.state).toBe('up');
  });

  it('passes the hub refusal of new settings to the caller and changes nothing', async () => {
    hub.handle('clusters.configure', () => {
      throw new HubRequestError({ code: 'bad-request', message: 'settings.jumpHost: must be [user@]host[:port]' });
    });
    const store = useClustersStore();
    await store.load();
    const before = store.clusters;
    await expect(store.configure({ clusterId: 'lab', settings: { jumpHost: '-oops' } })).rejects.toThrow('jumpHost');
    expect(store.clusters).toBe(before); // not even reassigned
  });

  it('adds nodes through the hub and shows the reply at once, selection kept', async () => {
    const grown = cluster('lab', [nodeView('n1'), nodeView('n2'), nodeView('n3', { host: '10.0.0.13' })]);
    hub.handle('nodes.add', () => grown);
    const store = useClustersStore();
    await store.load();
    store.select('lab');
    await expect(store.addNodes('lab', 'root@10.0.0.13:2222')).resolves.toEqual(grown);
    expect(hub.callsOf('nodes.add')).toEqual([{ clusterId: 'lab', hosts: 'root@10.0.0.13:2222' }]);
    expect(store.clusters.find((c) => c.id === 'lab')?.nodes.map((n) => n.id)).toEqual(['n1', 'n2', 'n3']);
    expect(store.selectedId).toBe('lab');
  });

  it('keeps a new node’s state that came before the add’s reply', async () => {
    hub.handle('nodes.add', () => {
      hub.emit('node.state', { clusterId: 'lab', node: nodeView('n3', { state: 'hostkey-unknown', since: 4000 }) });
      return cluster('lab', [nodeView('n1'), nodeView('n2'), nodeView('n3', { since: 3000 })]);
    });
    const store = useClustersStore();
    await store.load();
    await store.addNodes('lab', 'n3');
    expect(states(store, 'lab')).toEqual(['connecting', 'connecting', 'hostkey-unknown']);
  });

  it('passes the hub refusal of new nodes to the caller and changes nothing', async () => {
    hub.handle('nodes.add', () => {
      throw new HubRequestError({ code: 'bad-request', message: 'lab already has n2.' });
    });
    const store = useClustersStore();
    await store.load();
    const before = store.clusters;
    await expect(store.addNodes('lab', 'n2 n3')).rejects.toThrow('lab already has n2.');
    expect(store.clusters).toBe(before);
  });

  it('forgets a node through the hub: gone from its cluster, its retry error too', async () => {
    hub
      .handle('nodes.reconnect', () => {
        throw new HubRequestError({ code: 'unavailable', message: 'Busy.' });
      })
      .handle('nodes.remove', () => ({ removed: true }));
    const store = useClustersStore();
    await store.load();
    store.select('lab');
    await store.reconnect('lab', 'n1');
    await store.removeNode('lab', 'n1');
    expect(hub.callsOf('nodes.remove')).toEqual([{ clusterId: 'lab', nodeId: 'n1' }]);
    expect(store.clusters.find((c) => c.id === 'lab')?.nodes.map((n) => n.id)).toEqual(['n2']);
    expect(store.retryErrorOf('lab', 'n1')).toBeUndefined();
    expect(store.selectedId).toBe('lab');
  });

  it('passes the hub refusal to forget the last node to the caller and keeps the node', async () => {
    hub
      .handle('clusters.list', () => [cluster('solo', [nodeView('n1')])])
      .handle('nodes.remove', () => {
        throw new HubRequestError({
          code: 'bad-request',
          message: 'n1 is the last node of solo; remove the cluster instead.',
        });
      });
    const store = useClustersStore();
    await store.load();
    await expect(store.removeNode('solo', 'n1')).rejects.toThrow('remove the cluster instead');
    expect(store.clusters[0]?.nodes.map((n) => n.id)).toEqual(['n1']);
  });

  it('follows nodes added and forgotten elsewhere through clusters.changed', async () => {
    const store = useClustersStore();
    await store.load();
    hub.emit('clusters.changed', { clusters: [local(), cluster('lab', [nodeView('n2'), nodeView('n3')])] });
    expect(store.clusters.find((c) => c.id === 'lab')?.nodes.map((n) => n.id)).toEqual(['n2', 'n3']);
  });
});
