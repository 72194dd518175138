/** The real OpenSSH client against a test cluster, for tests. */
import { run, type RunResult } from './exec';
import type { TestCluster } from './testCluster';

export interface SshOptions {
  /** known_hosts to use instead of the cluster's (which always holds the current keys). */
  knownHosts?: string;
  /** StrictHostKeyChecking (default: yes). */
  strict?: 'yes' | 'accept-new' | 'no';
  /** ConnectTimeout in seconds (default 5; the config's). */
  connectTimeoutS?: number;
  /** More `ssh` options, e.g. ['-o', 'ProxyJump=none']. */
  extra?: string[];
  /** The whole run is killed after this long (default 20 s). */
  timeoutMs?: number;
}

/**
 * `ssh -F <cluster config> [options] host remoteCommand`. `host` is an alias from the config
 * (node1, <name>-node1). The remote command is a shell line run by root's shell on the node.
 */
export function ssh(cluster: TestCluster, host: string, remoteCommand: string, o: SshOptions = {}): Promise<RunResult> {
  const args = ['-F', cluster.sshConfigPath, '-o', 'BatchMode=yes', '-o', 'LogLevel=ERROR'];
  if (o.knownHosts) args.push('-o', `UserKnownHostsFile=${o.knownHosts}`);
  if (o.strict) args.push('-o', `StrictHostKeyChecking=${o.strict}`);
  if (o.connectTimeoutS) args.push('-o', `ConnectTimeout=${o.connectTimeoutS}`);
  args.push(...(o.extra ?? []), host, remoteCommand);
  return run('ssh', args, { timeoutMs: o.timeoutMs ?? 20_000 });
}
