/** The hub API's clusters group: clusters, their nodes and how to reach them over SSH. */
import type { Hello } from '../../agent/src/protocol/types';

/**
 * Where the hub is in talking to a node's agent.
 * - `hostkey-unknown`: waiting for the user to accept or refuse the node's host key.
 * - `hostkey-changed`: the key differs from the one on record; refused until the user acts.
 * - `auth-failed`: SSH authentication failed (the reason names user, host and methods tried).
 * - `no-node`: the node has no usable Node.js >= 18 (or is not Linux) for the agent.
 * - `dead`: the link or the agent stopped answering; the hub reconnects by itself.
 * - `error`: anything else that stops the node, said in `reason`.
 */
export type NodeState =
  'connecting' | 'up' | 'dead' | 'hostkey-unknown' | 'hostkey-changed' | 'auth-failed' | 'no-node' | 'error';

/**
 * How to reach a node over SSH. Every field is optional: what is missing comes from the
 * cluster's settings, then from ~/.ssh/config, then from OpenSSH's defaults.
 */
export interface SshSettings {
  user?: string;
  port?: number;
  /** A private key file on the workstation; `~/` is expanded. */
  identityFile?: string;
  /** Offer the keys of the running ssh-agent (SSH_AUTH_SOCK). Default true. */
  useAgent?: boolean;
  /** `[user@]host[:port]`, comma-separated for a chain, as OpenSSH's ProxyJump. */
  jumpHost?: string;
}

/** One node as configured: the host as the user typed it (alias, name or address). */
export interface NodeConfig {
  id: string;
  host: string;
  /** Per-node overrides of the cluster's settings. */
  settings: SshSettings;
}

export interface NodeView {
  /** Stable within its cluster. */
  id: string;
  /** What the user calls it: a host name, or the machine's own name for "This computer". */
  name: string;
  state: NodeState;
  /** Why the node is dead or in error, in a sentence; absent when up. */
  reason?: string;
  /** Since when the node has been in its current state, ms since the epoch. */
  since: number;
  /** The agent's `hello`, once it has answered. */
  hello?: Hello;
  /** The configured host, for SSH nodes. */
  host?: string;
  /** For SSH nodes: this node's own settings, over the cluster's (empty: all inherited). */
  settings?: SshSettings;
  /** In state hostkey-changed: which host's key changed, and where the old one is recorded. */
  changedKey?: ChangedHostKey;
}

/** A host key that differs from the one on record (the node's, or a jump host's). */
export interface ChangedHostKey {
  host: string;
  port: number;
  /** The known_hosts file with the old key. */
  file: string;
  /** True when that file is mosdesk's own, so `hostkeys.forget` can remove the old key. */
  appStore: boolean;
}

export interface ClusterSummary {
  id: string;
  name: string;
  /** `local`: the workstation itself, agent spawned without SSH; `ssh`: nodes reached over SSH. */
  kind: 'local' | 'ssh';
  nodes: NodeView[];
  /** For SSH clusters: the settings every node inherits. */
  settings?: SshSettings;
}

/** Secrets for a cluster's SSH keys; never stored in plain text, never sent back. */
export interface SshSecrets {
  /** The passphrase of the identity file. */
  passphrase?: string;
  /** A password, for nodes that take password authentication. */
  password?: string;
}

/** Which secrets are saved (never their values): for a cluster, or for one node's own. */
export interface SavedSecrets {
  passphrase: boolean;
  password: boolean;
}

export interface AddClusterParams {
  name: string;
  /**
   * Either a list of hosts (whitespace or comma separated; ranges like `node1-node8` or
   * `10.0.0.11-10.0.0.18`; `user@host:port` allowed per entry), or `fromNode`: one node whose
   * agent reads the cluster map (/etc/mosix/mosix.map).
   */
  hosts?: string;
  fromNode?: string;
  settings: SshSettings;
  secrets?: SshSecrets;
}

export interface ClusterRequests {
  'clusters.list': { params: Record<string, never>; result: ClusterSummary[] };
  /** Adds and saves an SSH cluster, then connects to its nodes. */
  'clusters.add': { params: AddClusterParams; result: ClusterSummary };
  /** Disconnects and forgets a cluster (not "This computer"). */
  'clusters.remove': { params: { clusterId: string }; result: { removed: boolean } };
  /** Replaces a cluster's or one node's SSH settings and secrets, and reconnects. */
  'clusters.configure': {
    params: { clusterId: string; nodeId?: string; settings: SshSettings; secrets?: SshSecrets };
    result: ClusterSummary;
  };
  /** Adds hosts (a list as in clusters.add) to an SSH cluster; they connect at once. */
  'nodes.add': { params: { clusterId: string; hosts: string }; result: ClusterSummary };
  /** Disconnects and forgets one node of an SSH cluster (not its last one). */
  'nodes.remove': { params: { clusterId: string; nodeId: string }; result: { removed: boolean } };
  /** Tries a node again now (after fixing a key, installing Node.js, ...). */
  'nodes.reconnect': { params: { clusterId: string; nodeId: string }; result: { ok: true } };
  /**
   * Whether a passphrase and a password are saved, for the cluster, and for `nodeId` its own
   * (a node without its own uses the cluster's). Never the secrets themselves.
   */
  'secrets.saved': {
    params: { clusterId: string; nodeId?: string };
    result: { cluster: SavedSecrets; node?: SavedSecrets };
  };
}

export interface ClusterEvents {
  'node.state': { clusterId: string; node: NodeView };
  /** A cluster was added, removed or reconfigured, or nodes joined or left one: the whole list as it is now. */
  'clusters.changed': { clusters: ClusterSummary[] };
}

export const CLUSTER_METHODS = {
  'clusters.list': 1,
  'clusters.add': 1,
  'clusters.remove': 1,
  'clusters.configure': 1,
  'nodes.add': 1,
  'nodes.remove': 1,
  'nodes.reconnect': 1,
  'secrets.saved': 1,
} as const satisfies Record<keyof ClusterRequests, 1>;
export const CLUSTER_EVENTS = { 'node.state': 1, 'clusters.changed': 1 } as const satisfies Record<
  keyof ClusterEvents,
  1
>;
