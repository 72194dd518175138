/** Builds a cluster from its layout: files and keys, network, then every node's sshd. */
import { chmodSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { must, run } from './exec';
import type { ClusterLayout, NodeLayout, TestClusterOptions } from './layout';
import { addHiddenRoute, addNamespace, createBridge, createGatewayBridge, createNodeLink } from './network';
import { prepareMosixStandIn } from './mosixStandIn';
import { startNodeProcess } from './nodeProcess';
import { hasPerSourcePenalties, knownHosts, nodeShadow, sshConfig, sshdConfig } from './sshText';
import { writeMeta } from './state';

/** A new ed25519 key pair without passphrase at `path` (+ .pub); returns the .pub line. */
export async function makeKey(path: string, comment: string): Promise<string> {
  rmSync(path, { force: true });
  rmSync(`${path}.pub`, { force: true });
  await must('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', comment, '-f', path]);
  return readFileSync(`${path}.pub`, 'utf8').trim();
}

/** Rewrites known_hosts from the nodes' current host keys. */
export function writeKnownHosts(cluster: ClusterLayout): void {
  const entries = cluster.nodes.map((n) => ({
    address: n.address,
    hostKeyPublic: readFileSync(`${n.hostKeyPath}.pub`, 'utf8'),
  }));
  writeFileSync(cluster.knownHostsPath, knownHosts(entries), { mode: 0o644 });
}

function makeDirs(cluster: ClusterLayout): void {
  mkdirSync(cluster.stateDir, { recursive: true, mode: 0o755 });
  // StrictModes: no directory on the way to authorized_keys may be writable by others.
  chmodSync(cluster.stateDir, 0o755);
  for (const node of cluster.nodes) {
    mkdirSync(node.home, { recursive: true, mode: 0o700 });
  }
}

async function writeConfigs(cluster: ClusterLayout, clientKey: string): Promise<void> {
  const version = await run('/usr/sbin/sshd', ['-V']);
  const penalties = hasPerSourcePenalties(version.stderr + version.stdout);
  writeFileSync(cluster.authorizedKeysPath, `${clientKey}\n`, { mode: 0o600 });
  writeFileSync(cluster.shadowPath, nodeShadow(cluster.rootPasswordHash), { mode: 0o600 });
  for (const node of cluster.nodes) {
    writeFileSync(node.sshdConfigPath, sshdConfig(cluster, node, penalties), { mode: 0o644 });
  }
  writeFileSync(cluster.sshConfigPath, sshConfig(cluster), { mode: 0o644 });
  writeKnownHosts(cluster);
}

async function buildNetwork(cluster: ClusterLayout): Promise<void> {
  const gateways = new Set(cluster.nodes.flatMap((n) => (n.gateway === undefined ? [] : [n.gateway])));
  const visible = cluster.nodes.filter((n) => !n.hidden);
  const hidden = cluster.nodes.filter((n) => n.hidden);
  await Promise.all([createBridge(cluster), ...cluster.nodes.map(addNamespace)]);
  await Promise.all([
    ...visible.map((n) => createNodeLink(cluster, n)),
    ...[...gateways].map((g) => createGatewayBridge(cluster, cluster.nodes[g - 1] as NodeLayout)),
  ]);
  await Promise.all(hidden.map((n) => createNodeLink(cluster, n)));
  if (hidden.length > 0) await addHiddenRoute(cluster);
}

/** Creates everything; the caller removes the leftovers if this throws. */
export async function createCluster(cluster: ClusterLayout, options: TestClusterOptions): Promise<void> {
  makeDirs(cluster);
  writeMeta(cluster.name, { options, hiddenRoute: cluster.nodes.some((n) => n.hidden) });
  const [clientKey] = await Promise.all([
    makeKey(cluster.keyPath, `mosdesk-test-cluster-${cluster.name}`),
    ...cluster.nodes.map((n) => makeKey(n.hostKeyPath, `${n.hostname}.${cluster.name}`)),
    buildNetwork(cluster),
  ]);
  await writeConfigs(cluster, clientKey);
  await prepareMosixStandIn(cluster);
  await Promise.all(cluster.nodes.map((n) => startNodeProcess(cluster, n)));
}
