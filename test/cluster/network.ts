/**
 * The cluster's network, with iproute2: one namespace per node, a bridge in the root namespace for
 * the visible nodes, and behind each gateway a bridge of its own (inside the gateway's namespace)
 * for its hidden nodes. The root namespace gets an unreachable route for the hidden subnet, so a
 * direct connection fails at once and never leaves this machine by the default route.
 */
import { must, run } from './exec';
import { conflictingRoutes, netnsNames } from './kernelText';
import { type ClusterLayout, isClusterObject, type NodeLayout } from './layout';

/** Name of the bridge inside a gateway's namespace that its hidden nodes hang on. */
const GATEWAY_BRIDGE = 'hidden0';

const ip = (...args: string[]) => must('ip', args);

/** Throws when the root namespace already routes any of the cluster's two subnets. */
export async function checkSubnetFree(cluster: ClusterLayout): Promise<void> {
  const routes = conflictingRoutes(await ip('-j', '-4', 'route', 'show', 'table', 'main'), [
    cluster.publicPrefix,
    cluster.hiddenPrefix,
  ]);
  if (routes.length > 0) {
    throw new Error(
      `Subnet ${cluster.subnet} is in use: the root namespace already routes ${routes.join('; ')}. ` +
        'Pick another subnet (see test/cluster/README.md for who uses which).',
    );
  }
}

/** The bridge the workstation (root namespace) reaches the visible nodes on. */
export async function createBridge(cluster: ClusterLayout): Promise<void> {
  await ip('link', 'add', cluster.bridge, 'type', 'bridge');
  await ip('addr', 'add', `${cluster.hostAddress}/24`, 'dev', cluster.bridge);
  await ip('link', 'set', cluster.bridge, 'up');
}

/** A gateway's bridge for its hidden nodes, with the gateway's address on the hidden subnet. */
export async function createGatewayBridge(cluster: ClusterLayout, gateway: NodeLayout): Promise<void> {
  const ns = gateway.netns;
  await ip('-n', ns, 'link', 'add', GATEWAY_BRIDGE, 'type', 'bridge');
  await ip('-n', ns, 'addr', 'add', `10.211.${cluster.subnet}.${10 + gateway.index}/24`, 'dev', GATEWAY_BRIDGE);
  await ip('-n', ns, 'link', 'set', GATEWAY_BRIDGE, 'up');
}

/**
 * The node's veth: its `eth0` is created directly inside its namespace (so no second `eth0` ever
 * appears in the root namespace); the other end goes on the cluster bridge, or on the gateway's.
 */
export async function createNodeLink(cluster: ClusterLayout, node: NodeLayout): Promise<void> {
  const gateway = node.gateway === undefined ? undefined : cluster.nodes[node.gateway - 1];
  const where = gateway ? ['-n', gateway.netns] : [];
  const bridge = gateway ? GATEWAY_BRIDGE : cluster.bridge;
  await ip(...where, 'link', 'add', node.linkName, 'type', 'veth', 'peer', 'name', 'eth0', 'netns', node.netns);
  await ip(...where, 'link', 'set', node.linkName, 'master', bridge, 'up');
  await ip('-n', node.netns, 'addr', 'add', `${node.address}/24`, 'dev', 'eth0');
  await ip('-n', node.netns, 'link', 'set', 'eth0', 'up');
  await ip('-n', node.netns, 'link', 'set', 'lo', 'up');
}

export async function addNamespace(node: NodeLayout): Promise<void> {
  await ip('netns', 'add', node.netns);
}

/** Sets the host end of the node's link down or up: the node drops off the network, or comes back. */
export async function setLink(cluster: ClusterLayout, node: NodeLayout, state: 'up' | 'down'): Promise<void> {
  const gateway = node.gateway === undefined ? undefined : cluster.nodes[node.gateway - 1];
  await ip(...(gateway ? ['-n', gateway.netns] : []), 'link', 'set', node.linkName, state);
}

export async function addHiddenRoute(cluster: ClusterLayout): Promise<void> {
  await ip('route', 'add', 'unreachable', cluster.hiddenPrefix);
}

/** Removes the unreachable route if it is there (and only that exact route). */
export async function deleteHiddenRoute(hiddenPrefix: string): Promise<void> {
  const shown = await ip('-4', 'route', 'show', 'type', 'unreachable', 'exact', hiddenPrefix);
  if (shown.trim() !== '') await ip('route', 'del', 'unreachable', hiddenPrefix);
}

/** The cluster's namespaces that exist now. */
export async function clusterNamespaces(name: string): Promise<string[]> {
  return netnsNames(await ip('netns', 'list')).filter((ns) => isClusterObject(name, ns));
}

/** The cluster's links in the root namespace that exist now (bridge and host ends of veths). */
export async function clusterLinks(name: string): Promise<string[]> {
  const links = JSON.parse(await ip('-j', 'link', 'show')) as { ifname: string }[];
  return links.map((l) => l.ifname).filter((n) => isClusterObject(name, n));
}

/** Deletes a link; one that is already gone (its peer's namespace went first) is fine. */
export async function deleteLink(ifname: string): Promise<void> {
  const r = await run('ip', ['link', 'del', ifname]);
  if (r.code !== 0 && !/Cannot find device/.test(r.stderr)) throw new Error(`ip link del ${ifname}: ${r.stderr}`);
}

export async function deleteNamespace(ns: string): Promise<void> {
  const r = await run('ip', ['netns', 'del', ns]);
  if (r.code !== 0 && !/No such file/.test(r.stderr)) throw new Error(`ip netns del ${ns}: ${r.stderr}`);
}
