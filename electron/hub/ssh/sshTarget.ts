/** One SSH hop, fully resolved: everything needed to open it, nothing left to defaults. */
export interface SshHop {
  /** What the user wrote (an alias, a name or an address): used in messages and prompts. */
  alias: string;
  /** What is actually connected to. */
  hostName: string;
  port: number;
  user: string;
  /** Private key files to offer, in order; missing files are skipped. */
  identityFiles: string[];
  /** The ssh-agent socket to ask for keys, if any. */
  agentSocket?: string;
  /** From the cluster's secrets; never logged. */
  passphrase?: string;
  password?: string;
  /** The known_hosts files to check this hop's key against, before the app's own. */
  knownHostsFiles: string[];
  /** StrictHostKeyChecking accept-new (or no) in ~/.ssh/config: unknown keys are saved unasked. */
  acceptNewKeys: boolean;
  /** StrictHostKeyChecking yes: an unknown key is refused, never asked about. */
  refuseUnknownKeys?: boolean;
  /** IdentitiesOnly, or a key file chosen in the app: only agent keys matching identityFiles. */
  identitiesOnly?: boolean;
  /** ConnectTimeout: reaching the host (through its jump hosts) and the key exchange, in place of the hub's. */
  connectTimeoutMs?: number;
  /** ServerAliveInterval and ServerAliveCountMax, in place of the hub's keepalive. */
  keepaliveIntervalMs?: number;
  keepaliveCountMax?: number;
  /** Hears whether the password, once sent to this hop, got the login through (see PasswordTrials). */
  reportPassword?: (accepted: boolean) => void;
}

/** A node as the hub reaches it: jump hosts in order (first is dialled directly), then the node. */
export interface SshTarget {
  jumps: SshHop[];
  node: SshHop;
  /** `%` tokens ~/.ssh/config used that could not be expanded, for the log. */
  warnings?: string[];
}

/** `user@host:port`, as OpenSSH names a destination in its messages. */
export function describeHop(hop: SshHop): string {
  const host = hop.hostName.includes(':') ? `[${hop.hostName}]` : hop.hostName;
  return `${hop.user}@${host}${hop.port === 22 ? '' : `:${hop.port}`}`;
}
