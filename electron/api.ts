/**
 * The hub API: one typed contract of requests and events between the renderer and the hub.
 * Electron IPC carries it in the desktop app, a WebSocket in browser mode; the renderer
 * never sees which. This file imports nothing from hub/ and holds no runtime code beyond
 * the name tables.
 */
import type { Hello, MetricsSample } from '../agent/src/protocol/types';

export type { Hello, MetricsSample };

/** Requests that take no parameters are sent with `{}`. */
export type NoParams = Record<string, never>;

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

/** A node's host key the user has to accept or refuse, as OpenSSH asks on first contact. */
export interface HostKeyPrompt {
  promptId: string;
  clusterId: string;
  nodeId: string;
  /** The host and port the key was offered for (the jump host's, when it is the jump host). */
  host: string;
  port: number;
  /** e.g. `ssh-ed25519`. */
  keyType: string;
  /** `SHA256:` and the unpadded base64 of the key's SHA-256, as `ssh-keygen -lf` prints it. */
  fingerprint: string;
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

export interface AppInfo {
  version: string;
  /** Which shell carries the hub API to this window. */
  shell: 'electron' | 'browser';
}

/** Something the user should know that belongs to no node: a damaged saved file, say. */
export interface HubNotice {
  noticeId: string;
  level: 'warning' | 'error';
  /** Sentences for the user: what happened, what was done, what they can do. */
  text: string;
  /** When it was last raised (ms since the epoch). */
  at: number;
}

export interface HubRequests {
  'app.info': { params: NoParams; result: AppInfo };
  'clusters.list': { params: NoParams; result: ClusterSummary[] };
  /** Starts `metrics.sample` events for every node of a cluster, every `intervalMs`. */
  'metrics.subscribe': {
    params: { clusterId: string; intervalMs: number };
    result: { subscriptionId: string };
  };
  'metrics.unsubscribe': { params: { subscriptionId: string }; result: { removed: boolean } };
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
  /** Host keys waiting for an answer, for a window that opens after they were asked. */
  'hostkeys.pending': { params: NoParams; result: HostKeyPrompt[] };
  /** Accepts (saved in the app's known hosts) or refuses a host key. */
  'hostkeys.answer': { params: { promptId: string; accept: boolean }; result: { ok: true } };
  /**
   * Removes the old key of a node in state hostkey-changed from mosdesk's own known_hosts (as
   * `ssh-keygen -R` does), then tries the node again, so the new key is asked about.
   */
  'hostkeys.forget': { params: { clusterId: string; nodeId: string }; result: { removed: number } };
  /**
   * Whether a passphrase and a password are saved, for the cluster, and for `nodeId` its own
   * (a node without its own uses the cluster's). Never the secrets themselves.
   */
  'secrets.saved': {
    params: { clusterId: string; nodeId?: string };
    result: { cluster: SavedSecrets; node?: SavedSecrets };
  };
  /** The hub's notices that nobody has dismissed yet. */
  'notices.list': { params: NoParams; result: HubNotice[] };
  /** Dismisses a notice, in every window. */
  'notices.dismiss': { params: { noticeId: string }; result: { dismissed: boolean } };
}

export interface HubEvents {
  'metrics.sample': { subscriptionId: string; clusterId: string; nodeId: string; sample: MetricsSample };
  'node.state': { clusterId: string; node: NodeView };
  /** A cluster was added, removed or reconfigured, or nodes joined or left one: the whole list as it is now. */
  'clusters.changed': { clusters: ClusterSummary[] };
  'hostkey.prompt': HostKeyPrompt;
  /** A prompt was answered (here or in another window) or dropped. */
  'hostkey.resolved': { promptId: string };
  /** A notice was raised or dismissed: the whole list as it is now. */
  'notices.changed': { notices: HubNotice[] };
}

export type Method = keyof HubRequests;
export type EventName = keyof HubEvents;
export type Params<M extends Method> = HubRequests[M]['params'];
export type Result<M extends Method> = HubRequests[M]['result'];

/** Stable error codes; the message is a sentence for the user, never a stack. */
export type HubErrorCode = 'bad-request' | 'forbidden' | 'not-found' | 'unavailable' | 'timeout' | 'internal';

export interface HubErrorData {
  code: HubErrorCode;
  message: string;
}

export type Reply<T> = { ok: true; value: T } | { ok: false; error: HubErrorData };

/** Runtime name tables. `satisfies` fails the build if one is missing or extra. */
export const METHODS = {
  'app.info': 1,
  'clusters.list': 1,
  'metrics.subscribe': 1,
  'metrics.unsubscribe': 1,
  'clusters.add': 1,
  'clusters.remove': 1,
  'clusters.configure': 1,
  'nodes.add': 1,
  'nodes.remove': 1,
  'nodes.reconnect': 1,
  'hostkeys.pending': 1,
  'hostkeys.answer': 1,
  'hostkeys.forget': 1,
  'secrets.saved': 1,
  'notices.list': 1,
  'notices.dismiss': 1,
} as const satisfies Record<Method, 1>;

export const EVENTS = {
  'metrics.sample': 1,
  'node.state': 1,
  'clusters.changed': 1,
  'hostkey.prompt': 1,
  'hostkey.resolved': 1,
  'notices.changed': 1,
} as const satisfies Record<EventName, 1>;

export function isMethod(name: unknown): name is Method {
  return typeof name === 'string' && Object.hasOwn(METHODS, name);
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(EVENTS, name);
}

/** What the renderer sees. The preload bridge and the WebSocket client both implement it. */
export interface HubClient {
  call<M extends Method>(method: M, params: Params<M>): Promise<Result<M>>;
  on<E extends EventName>(event: E, cb: (payload: HubEvents[E]) => void): () => void;
}

/**
 * Shape of the messages on the browser-mode WebSocket. The page sends
 * `{ id, method, params }` and gets back one of these.
 */
export type WsServerMessage = { id: number; reply: Reply<unknown> } | { event: EventName; payload: unknown };

/** What the Electron preload exposes as `window.hub`: replies stay as data across the bridge. */
export interface HubBridge {
  call(method: string, params: unknown): Promise<Reply<unknown>>;
  on(event: string, cb: (payload: unknown) => void): () => void;
}
