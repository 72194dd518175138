import { randomBytes } from 'node:crypto';
import type { AddClusterParams, NodeConfig, NodeView, SavedSecrets, SshSecrets, SshSettings } from '../../api';
import { HubError } from '../errors';
import { NodeSession } from '../nodes/nodeSession';
import { parseHostList, type HostEntry } from '../ssh/hostList';
import type { Cluster } from './cluster';
import { forgetNodeSecrets, forgetSecrets, savedSecrets, saveSecrets, type UndoSecrets } from './clusterSecrets';
import type { ClusterStore, StoredCluster } from './clusterStore';
import { readClusterMap } from './fromClusterMap';
import { connectNode, secretKey, type SshEnvironment } from './nodeConnector';

export interface SshClustersOptions {
  env: SshEnvironment;
  store: ClusterStore;
  /** The hub's clusters, shared with the API handlers; SSH clusters are added and removed here. */
  registry: Map<string, Cluster>;
  onNodeChange(clusterId: string, view: NodeView): void;
  onClustersChanged(): void;
}

/** `user@host:port` in a host list: that node's own user and port. */
function hostSettings(e: HostEntry): SshSettings {
  return { ...(e.user !== undefined && { user: e.user }), ...(e.port !== undefined && { port: e.port }) };
}

function nodesFromHosts(hosts: string): NodeConfig[] {
  return parseHostList(hosts).map((e, i) => ({ id: `n${i + 1}`, host: e.host, settings: hostSettings(e) }));
}

/** The number for the next node id `n<k>`: past every id the cluster has and has had. */
export function nextNodeNumber(cluster: StoredCluster): number {
  const highest = Math.max(0, ...cluster.nodes.map((n) => Number(/^n(\d+)$/.exec(n.id)?.[1] ?? 0)));
  return Math.max(highest + 1, cluster.nextNodeNumber ?? 1);
}

/** Runs `change`; if it fails, puts the secrets back as they were and rethrows. */
async function withUndo<T>(undo: UndoSecrets, change: () => Promise<T>): Promise<T> {
  try {
    return await change();
  } catch (err) {
    await undo();
    throw err;
  }
}

/**
 * The SSH clusters: saved in the store, live as NodeSessions in the registry. A change saves
 * the secrets first and the cluster second, undoing the secrets if the cluster cannot be saved:
 * either both are kept or neither is.
 */
export class SshClusters {
  /** Set by stopAll (the hub closes): nothing starts any more. */
  private closed = false;
  /** Per cluster: what its nodes' attempts connect with (see startCluster). */
  private readonly currents = new Map<string, () => StoredCluster | undefined>();

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
    // Refused before any login when the saved clusters could not be read (nothing may be saved).
    this.opts.store.list();
    const nodes =
      params.hosts !== undefined
        ? nodesFromHosts(params.hosts)
        : await readClusterMap(this.opts.env, params.fromNode as string, params.settings, params.secrets ?? {});
    if (nodes.length === 0) throw new HubError('bad-request', 'The list of hosts is empty.');
    const id = `c-${randomBytes(5).toString('hex')}`;
    const undo = await saveSecrets(this.opts.env.secrets, id, params.secrets ?? {});
    const stored = await withUndo(undo, () =>
      this.opts.store.add({ id, name: params.name.trim(), settings: params.settings, nodes }),
    );
    const cluster = this.startCluster(stored);
    this.opts.onClustersChanged();
    return cluster;
  }

  async remove(clusterId: string): Promise<boolean> {
    const cluster = this.sshCluster(clusterId);
    // The file first: if it cannot be written, the cluster stays as it was, running.
    const removed = await this.opts.store.remove(clusterId);
    for (const node of cluster.nodes) node.dispose();
    this.opts.registry.delete(clusterId);
    this.currents.delete(clusterId);
    this.opts.env.prompts.forgetCluster(clusterId);
    const nodeIds = cluster.nodes.map((n) => n.snapshot.id);
    await forgetSecrets(this.opts.env.secrets, clusterId, nodeIds).catch((err: unknown) =>
      this.opts.env.log.warn(`the saved passwords of the removed cluster ${cluster.name} could not be deleted`, err),
    );
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
    if (nodeId !== undefined) this.nodeOf(cluster, nodeId);
    const undo = secrets ? await saveSecrets(this.opts.env.secrets, clusterId, secrets, nodeId) : async () => undefined;
    // A password typed anew is tried afresh: what was known of the old one goes.
    if (secrets?.password !== undefined) this.opts.env.passwordTrials?.forget(secretKey(clusterId, 'password', nodeId));
    const stored = await withUndo(undo, () =>
      this.opts.store.update(clusterId, (c) =>
        nodeId === undefined
          ? { ...c, settings }
          : { ...c, nodes: c.nodes.map((n) => (n.id === nodeId ? { ...n, settings } : n)) },
      ),
    );
    cluster.settings = stored.settings;
    for (const node of cluster.nodes) {
      if (nodeId !== undefined && node.snapshot.id !== nodeId) continue;
      if (nodeId !== undefined) node.updateSettings(settings);
      node.reconnectNow();
    }
    this.opts.onClustersChanged();
    return cluster;
  }

  /** Adds hosts to a cluster (ids never reuse a forgotten node's); a host already in it is refused. */
  async addNodes(clusterId: string, hosts: string): Promise<Cluster> {
    const cluster = this.sshCluster(clusterId);
    const entries = parseHostList(hosts);
    const stored = await this.opts.store.update(clusterId, (c) => {
      const taken = new Set(c.nodes.map((n) => n.host.toLowerCase()));
      const twice = entries.filter((e) => taken.has(e.host.toLowerCase())).map((e) => e.host);
      if (twice.length > 0) throw new HubError('bad-request', `${c.name} already has ${twice.slice(0, 5).join(', ')}.`);
      let next = nextNodeNumber(c);
      const added = entries.map((e) => ({ id: `n${next++}`, host: e.host, settings: hostSettings(e) }));
      return { ...c, nodes: [...c.nodes, ...added], nextNodeNumber: next };
    });
    const fresh = stored.nodes.filter((n) => !cluster.nodes.some((s) => s.snapshot.id === n.id));
    const current = this.currents.get(clusterId) ?? (() => undefined);
    const sessions = fresh.map((n) => this.sessionFor(clusterId, n, current));
    cluster.nodes.push(...sessions);
    if (!this.closed) for (const s of sessions) s.start();
    this.opts.onClustersChanged();
    return cluster;
  }

  /**
   * For a node refused for a changed host key recorded in mosdesk's own known_hosts: removes
   * the old key and tries again every node held for that same host (a shared jump host), so
   * the new key is asked about. A key in the user's own files is theirs to remove.
   */
  async forgetHostKey(clusterId: string, nodeId: string): Promise<number> {
    const node = this.nodeOf(this.sshCluster(clusterId), nodeId);
    const changed = node.snapshot.state === 'hostkey-changed' ? node.snapshot.changedKey : undefined;
    if (!changed) throw new HubError('bad-request', `${node.snapshot.name} has no changed host key to forget.`);
    if (!changed.appStore) {
      throw new HubError(
        'bad-request',
        `The old key of ${changed.host} is in ${changed.file}, which is yours, not mosdesk's: remove it there (ssh-keygen -R) and retry.`,
      );
    }
    const removed = await this.opts.env.appKnownHosts.remove(changed.host, changed.port);
    for (const cluster of this.opts.registry.values()) {
      for (const other of cluster.kind === 'ssh' ? cluster.nodes : []) {
        const key = other.snapshot.state === 'hostkey-changed' ? other.snapshot.changedKey : undefined;
        if (key && key.host === changed.host && key.port === changed.port) other.reconnectNow();
      }
    }
    return removed;
  }

  /** Which secrets are saved for the cluster, and for `nodeId` its own: never their values. */
  async savedSecrets(clusterId: string, nodeId?: string): Promise<{ cluster: SavedSecrets; node?: SavedSecrets }> {
    const cluster = this.sshCluster(clusterId);
    if (nodeId !== undefined) this.nodeOf(cluster, nodeId);
    const { secrets } = this.opts.env;
    const saved = { cluster: await savedSecrets(secrets, clusterId) };
    return nodeId === undefined ? saved : { ...saved, node: await savedSecrets(secrets, clusterId, nodeId) };
  }

  /** Forgets one node: it is disconnected and leaves the saved cluster (and its own secrets go). */
  async removeNode(clusterId: string, nodeId: string): Promise<boolean> {
    const cluster = this.sshCluster(clusterId);
    const node = this.nodeOf(cluster, nodeId);
    if (cluster.nodes.length === 1) {
      throw new HubError(
        'bad-request',
        `${node.snapshot.name} is the last node of ${cluster.name}; remove the cluster instead.`,
      );
    }
    await this.opts.store.update(clusterId, (c) => ({
      ...c,
      nodes: c.nodes.filter((n) => n.id !== nodeId),
      // Counted before the node goes, so its id is not given to the next host.
      nextNodeNumber: nextNodeNumber(c),
    }));
    node.dispose();
    cluster.nodes.splice(cluster.nodes.indexOf(node), 1);
    this.opts.env.prompts.forgetNode(clusterId, nodeId);
    await forgetNodeSecrets(this.opts.env.secrets, clusterId, nodeId).catch((err: unknown) =>
      this.opts.env.log.warn(`the saved passwords of the removed node ${node.snapshot.name} could not be deleted`, err),
    );
    this.opts.onClustersChanged();
    return true;
  }

  /** Tries one node again now (after the user fixed something). */
  reconnect(clusterId: string, nodeId: string): void {
    const node = this.nodeOf(this.sshCluster(clusterId), nodeId);
    // The user's Retry: a password withheld after a refusal may be tried once more.
    this.opts.env.passwordTrials?.retry(
      [secretKey(clusterId, 'password', nodeId), secretKey(clusterId, 'password')],
      nodeId,
    );
    node.reconnectNow();
  }

  /** The hub closes: every SSH node stops for good, once, and nothing starts after this. */
  stopAll(): void {
    this.closed = true;
    for (const cluster of this.opts.registry.values())
      if (cluster.kind === 'ssh') for (const n of cluster.nodes) n.dispose();
  }

  private sshCluster(clusterId: string): Cluster {
    const cluster = this.opts.registry.get(clusterId);
    if (!cluster || cluster.kind !== 'ssh') throw new HubError('not-found', 'There is no such SSH cluster.');
    return cluster;
  }

  private nodeOf(cluster: Cluster, nodeId: string): NodeSession {
    const node = cluster.nodes.find((n) => n.snapshot.id === nodeId);
    if (!node) throw new HubError('not-found', `Cluster ${cluster.name} has no node "${nodeId}".`);
    return node;
  }

  /** A live session for one node; `current` is what an attempt connects with (see startCluster). */
  private sessionFor(clusterId: string, node: NodeConfig, current: () => StoredCluster | undefined): NodeSession {
    const { env } = this.opts;
    const session: NodeSession = new NodeSession({
      id: node.id,
      name: node.host,
      host: node.host,
      settings: node.settings,
      log: env.log,
      ...(env.liveness && { liveness: env.liveness }),
      ...(env.maxBackoffMs !== undefined && { maxBackoffMs: env.maxBackoffMs }),
      onChange: (view) => this.opts.onNodeChange(clusterId, view),
      connect: () =>
        connectNode(env, current, node, {
          onAccepted: () => session.reconnectNow(),
          onRefused: (message) => session.hold('error', message),
        }),
    });
    return session;
  }

  private startCluster(stored: StoredCluster): Cluster {
    const { store, registry } = this.opts;
    // What an attempt connects with, read when it gets its turn; undefined once the cluster is
    // gone (removed, or the hub closed), which calls the attempt off.
    const current = (): StoredCluster | undefined =>
      this.closed || registry.get(stored.id) !== cluster ? undefined : store.get(stored.id);
    const cluster: Cluster = {
      id: stored.id,
      name: stored.name,
      kind: 'ssh',
      nodes: stored.nodes.map((node) => this.sessionFor(stored.id, node, current)),
      settings: stored.settings,
    };
    this.currents.set(stored.id, current);
    registry.set(stored.id, cluster);
    if (!this.closed) for (const s of cluster.nodes) s.start();
    return cluster;
  }
}
