/** The OpenSSH files of a test cluster, as text. Pure: no disk, no clock. */
import { parsePublicKey, sha256Fingerprint } from '../../electron/hub/ssh/fingerprint';
import type { ClusterLayout, NodeLayout } from './layout';

/** sshd_config of one node. `penaltiesKnown`: this sshd has PerSourcePenalties (OpenSSH >= 9.8). */
export function sshdConfig(cluster: ClusterLayout, node: NodeLayout, penaltiesKnown: boolean): string {
  return [
    `# mosdesk test cluster ${cluster.name}, ${node.hostname}`,
    'Port 22',
    'AddressFamily inet',
    'ListenAddress 0.0.0.0',
    `HostKey ${node.hostKeyPath}`,
    'PidFile none',
    `AuthorizedKeysFile ${cluster.authorizedKeysPath}`,
    // Key only, unless the cluster was given a root password to test password logins with.
    cluster.rootPasswordHash === undefined ? 'PermitRootLogin prohibit-password' : 'PermitRootLogin yes',
    'PubkeyAuthentication yes',
    ...passwordLines(cluster),
    // The hub opens many connections at once; tests open more.
    'MaxStartups 200:30:400',
    'MaxSessions 64',
    'LoginGraceTime 20',
    'LogLevel VERBOSE',
    'AllowTcpForwarding yes',
    'UseDNS no',
    'PrintMotd no',
    'PrintLastLog no',
    'Subsystem sftp internal-sftp',
    // Tests fail logins on purpose; newer sshd would then lock the test client out for a while.
    ...(penaltiesKnown ? ['PerSourcePenalties no'] : []),
    '',
  ].join('\n');
}

/** How sshd takes passwords: not at all, as "password" against /etc/shadow, or through PAM as keyboard-interactive. */
function passwordLines(cluster: ClusterLayout): string[] {
  if (cluster.rootPasswordHash === undefined)
    return ['PasswordAuthentication no', 'KbdInteractiveAuthentication no', 'UsePAM no'];
  if (cluster.passwordByPam) return ['PasswordAuthentication no', 'KbdInteractiveAuthentication yes', 'UsePAM yes'];
  return ['PasswordAuthentication yes', 'KbdInteractiveAuthentication no', 'UsePAM no'];
}

/** True when `sshd -V` output names OpenSSH 9.8 or newer (which has PerSourcePenalties). */
export function hasPerSourcePenalties(versionText: string): boolean {
  const m = /OpenSSH_(\d+)\.(\d+)/.exec(versionText);
  if (!m) return false;
  const [major, minor] = [Number(m[1]), Number(m[2])];
  return major > 9 || (major === 9 && minor >= 8);
}

/** ssh_config for `ssh -F <file> node1` (or `<cluster>-node1`); hidden nodes go through their gateway. */
export function sshConfig(cluster: ClusterLayout): string {
  const lines = [
    `# mosdesk test cluster "${cluster.name}": ssh -F ${cluster.sshConfigPath} node1`,
    '# Hosts are node1..nodeN and, unique across clusters, <cluster>-node1..N.',
  ];
  for (const node of cluster.nodes) {
    lines.push(
      '',
      `Host ${node.hostname} ${node.alias}`,
      `  HostName ${node.address}`,
      '  User root',
      '  Port 22',
      `  IdentityFile ${cluster.keyPath}`,
      '  IdentitiesOnly yes',
      `  UserKnownHostsFile ${cluster.knownHostsPath}`,
      '  GlobalKnownHostsFile /dev/null',
      '  StrictHostKeyChecking yes',
      '  ConnectTimeout 5',
    );
    const gateway = node.gateway === undefined ? undefined : cluster.nodes[node.gateway - 1];
    if (gateway) lines.push(`  ProxyJump ${gateway.alias}`);
  }
  return `${lines.join('\n')}\n`;
}

/** known_hosts with every node's current host key, by address. */
export function knownHosts(entries: { address: string; hostKeyPublic: string }[]): string {
  return entries.map((e) => `${e.address} ${keyTypeAndBlob(e.hostKeyPublic)}\n`).join('');
}

/** "ssh-ed25519 AAAA..." from a .pub line, without its comment; throws on anything else. */
export function keyTypeAndBlob(pubLine: string): string {
  const key = parsePublicKey(pubLine);
  return `${key.type} ${key.blob.toString('base64')}`;
}

/** The fingerprint `ssh-keygen -lf` prints for a .pub line: SHA256 of the key blob, unpadded base64. */
export function fingerprint(pubLine: string): string {
  return sha256Fingerprint(parsePublicKey(pubLine).blob);
}

/**
 * /etc/shadow seen inside every node: root with no password (`*`: not locked, so key logins work
 * without PAM), or with `passwordHash` when the cluster takes password logins.
 */
export function nodeShadow(passwordHash = '*'): string {
  return `root:${passwordHash}:19000:0:99999:7:::\n`;
}
