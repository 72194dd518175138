import { randomBytes } from 'node:crypto';
import type { AddClusterParams, NodeConfig, NodeView, SshSecrets, SshSettings } from '../../api';
import { HubError } from '../errors';
import { NodeSession } from '../nodes/nodeSession';
import { parseHostList } from '../ssh/hostList';
import type { Cluster } from './cluster';
import type { ClusterStore, StoredCluster } from './clusterStore';
import { readClusterMap } from './fromClusterMap';
import { connectNode, secretKey, type SecretKind, type SshEnvironment } from './nodeConnector';

export interface SshClustersOptions {
  env: SshEnvironment;
  store: ClusterStore;
  /** The hub's clusters, shared with the API handlers; SSH clusters are added and removed here. */
  registry: Map<string, Cluster>;
  onNodeChange(clusterId: string, view: NodeView): void;
  onClustersChanged(): void;
}

function nodesFromHosts(hosts: string): NodeConfig[] {
  return parseHostList(hosts).map((e, i) => ({
    id: `n${i + 1}`,
    host: e.host,
    settings: { ...(e.user !== undefined && { user: e.user }), ...(e.port !== undefined && { port: e.port }) },
  }));
}

/** The SSH clusters: saved in the store, live as NodeSessions in the registry. */
export class SshClusters {
  constructor(private readonly opts: SshClustersOptions) {}

  /** Starts every saved cluster; a warning when the saved file was damaged. */
  async loadSaved(): Promise<string | undefined> {
    const { warning } = await this.opts.store.load();
    for (const stored of this.opts.store.list()) this.startCluster(stored);
    return warning;
  }

  async add(params: AddClusterParams): Promise<Cluster> {
    if ((params.hosts === undefined) === (params.fromNode === undefined)) {
      throw new HubError('bad-request', 'Give either a list of hosts or one node to read the cluster map from.');
    }
    const nodes =
      params.hosts !== undefined
        ? nodesFromHosts(params.hosts)
        : await readClusterMap(this.opts.env, params.fromNode as string, params.settings, params.secrets ?? {});
    if (nodes.length === 0) throw new HubError('bad-request', 'The list of hosts is empty.');
    const id = `c-${randomBytes(5).toString('hex')}`;
    const stored = await this.opts.store.add({ id, name: params.name.trim(), settings: params.settings, nodes });
    await this.saveSecrets(id, params.secrets ?? {});
    const cluster = this.startCluster(stored);
    this.opts.onClustersChanged();
    return cluster;
  }

  async remove(clusterId: string): Promise<boolean> {
    const cluster = this.opts.registry.get(clusterId);
    if (!cluster || cluster.kind !== 'ssh') throw new HubError('not-found', 'There is no such SSH cluster.');
    for (const node of cluster.nodes) node.stop();
    this.opts.registry.delete(clusterId);
    this.opts.env.prompts.forgetCluster(clusterId);
    const removed = await this.opts.store.remove(clusterId);
    for (const kind of ['passphrase', 'password'] as const) {
      await this.opts.env.secrets.delete(secretKey(clusterId, kind));
      for (const node of cluster.nodes)
        await this.opts.env.secrets.delete(secretKey(clusterId, kind, node.snapshot.id));
    }
    this.opts.onClustersChanged();
    return removed;
  }

  /** New settings (and secrets) for a cluster or one node; the affected nodes reconnect. */
  async configure(
    clusterId: string,
    nodeId: string | undefined,
    settings: SshSettings,
    secrets?: SshSecrets,
  ): Promise<Cluster> {
    const cluster = this.sshCluster(clusterId);
    if (nodeId !== undefined && !cluster.nodes.some((n) => n.snapshot.id === nodeId)) {
      throw new HubError('not-found', `Cluster ${cluster.name} has no node "${nodeId}".`);
    }
    const stored = await this.opts.store.update(clusterId, (c) =>
      nodeId === undefined
        ? { ...c, settings }
        : { ...c, nodes: c.nodes.map((n) => (n.id === nodeId ? { ...n, settings } : n)) },
    );
    if (secrets) await this.saveSecrets(clusterId, secrets, nodeId);
    cluster.settings = stored.settings;
    for (const node of cluster.nodes) {
      if (nodeId !== undefined && node.snapshot.id !== nodeId) continue;
      if (nodeId !== undefined) node.updateSettings(settings);
      node.reconnectNow();
    }
    this.opts.onClustersChanged();
    return cluster;
  }

  reconnect(clusterId: string, nodeId: string): void {
    const cluster = this.opts.registry.get(clusterId);
    const node = cluster?.nodes.find((n) => n.snapshot.id === nodeId);
    if (!node) throw new HubError('not-found', 'There is no such node.');
    node.reconnectNow();
  }

  stopAll(): void {
    for (const cluster of this.opts.registry.values())
      if (cluster.kind === 'ssh') for (const n of cluster.nodes) n.stop();
  }

  private sshCluster(clusterId: string): Cluster {
    const cluster = this.opts.registry.get(clusterId);
    if (!cluster || cluster.kind !== 'ssh') throw new HubError('not-found', 'There is no such SSH cluster.');
    return cluster;
  }

  private async saveSecrets(clusterId: string, secrets: SshSecrets, nodeId?: string): Promise<void> {
    for (const kind of ['passphrase', 'password'] as SecretKind[]) {
      const value = secrets[kind];
      if (value === undefined) continue;
      const key = secretKey(clusterId, kind, nodeId);
      await (value === '' ? this.opts.env.secrets.delete(key) : this.opts.env.secrets.set(key, value));
    }
  }

  private startCluster(stored: StoredCluster): Cluster {
    const { env, store } = this.opts;
    const current = (): StoredCluster => store.get(stored.id) ?? stored;
    const sessions = stored.nodes.map((node) => {
      const session: NodeSession = new NodeSession({
        id: node.id,
        name: node.host,
        host: node.host,
        settings: node.settings,
        log: env.log,
        ...(env.liveness && { liveness: env.liveness }),
        ...(env.maxBackoffMs !== undefined && { maxBackoffMs: env.maxBackoffMs }),
        onChange: (view) => this.opts.onNodeChange(stored.id, view),
        connect: () =>
          connectNode(env, current, node, {
            onAccepted: () => session.reconnectNow(),
            onRefused: (message) => session.hold('error', message),
          }),
      });
      return session;
    });
    const cluster: Cluster = {
      id: stored.id,
      name: stored.name,
      kind: 'ssh',
      nodes: sessions,
      settings: stored.settings,
    };
    this.opts.registry.set(stored.id, cluster);
    for (const s of sessions) s.start();
    return cluster;
  }
}
