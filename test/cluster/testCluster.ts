/**
 * The test cluster: N "nodes" on this machine, each a network namespace with its own address,
 * hostname, PID namespace (own /proc), root home and a real OpenSSH sshd with its own host key,
 * in cgroups of its own (CPUs, memory limit) that LXCFS shows it in /proc (load, CPU time, memory).
 * Root only. See README.md beside this file for the layout and which test uses which subnet.
 *
 *   const cluster = await startTestCluster({ name: 'ct10', nodes: 4, subnet: 10, behind: [{ node: 4, gateway: 1 }] });
 *   // ssh -F cluster.sshConfigPath node1 ...
 *   await cluster.down();
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hostCpus, requireCgroups } from './cgroups';
import { createCluster, makeKey, writeKnownHosts } from './create';
import { must, type RunOptions, type RunResult } from './exec';
import { type ClusterLayout, clusterLayout, type NodeLayout, type TestClusterOptions, validateOptions } from './layout';
import { setMosixDecline } from './mosixStandIn';
import { checkSubnetFree, setLink } from './network';
import { nodeInitPid, reloadSshd, runInNode, startNodeProcess, stopNodeProcess } from './nodeProcess';
import { removeCluster } from './remove';
import { fingerprint } from './sshText';
import { readMeta } from './state';

export type { NodeBinary, TestClusterOptions } from './layout';
export type { RunOptions, RunResult } from './exec';

export interface TestNode {
  /** 1-based node number. */
  readonly index: number;
  /** 'node1', ...: the node's own hostname (UTS namespace) and its short Host alias in sshConfigPath. */
  readonly hostname: string;
  /** '<cluster>-node1', ...: a Host alias in sshConfigPath that is unique across clusters. */
  readonly alias: string;
  /** 10.210.<subnet>.<10+k>, or 10.211.<subnet>.<10+k> for a hidden node. */
  readonly address: string;
  readonly netns: string;
  /** Its cgroup (`mdt-<cluster>-<k>`) in the cpuset, memory, cpu and cpuacct hierarchies. */
  readonly cgroup: string;
  /** The host key's .pub line ("ssh-ed25519 AAAA... comment"); changes with rekey(). */
  hostKeyPublic: string;
  /** As `ssh-keygen -lf` prints it: 'SHA256:...'; changes with rekey(). */
  hostKeyFingerprint: string;
  /** Host path of the directory the node sees as /root. */
  readonly home: string;
  /** Reachable only through `gateway` (ProxyJump), never from the root namespace directly. */
  readonly hidden: boolean;
  readonly gateway?: number;
}

export interface TestCluster {
  readonly name: string;
  readonly subnet: number;
  readonly stateDir: string;
  /** The root namespace's address on the nodes' bridge: 10.210.<subnet>.1. */
  readonly hostAddress: string;
  /** Private key (OpenSSH format, no passphrase) authorised for root on every node. */
  readonly keyPath: string;
  /** Its .pub line. */
  readonly publicKey: string;
  /** ssh_config with Host node1..N and <name>-node1..N: HostName, User root, IdentityFile, ProxyJump. */
  readonly sshConfigPath: string;
  /** known_hosts with every node's current key (by address); sshConfigPath uses it, strictly. */
  readonly knownHostsPath: string;
  readonly nodes: TestNode[];
  /**
   * With the `mosix` option: the host dir the stand-in nodes share (state.json, the decline switch,
   * testload progress, standin.log), at the same path inside them; undefined without.
   */
  readonly mosixStateDir?: string;
  /** While on, the stand-in's migrate takes move requests (exit 0) and nothing moves; throws without `mosix`. */
  setMosixDecline(on: boolean): void;
  /** Node k (1-based); throws for a node the cluster does not have. */
  node(k: number): TestNode;
  /** Sets the host end of node k's link down: packets to it vanish (connections time out). */
  linkDown(k: number): Promise<void>;
  linkUp(k: number): Promise<void>;
  /** A new host key for node k, served at once (sshd re-execs; open sessions stay). Updates node(k) and known_hosts. */
  rekey(k: number): Promise<TestNode>;
  /**
   * Kills every process of node k (its whole PID namespace) and removes its cgroups; the link
   * stays up, so connections are refused.
   */
  stopNode(k: number): Promise<void>;
  /**
   * Starts node k again (same host key and home, new cgroups: its CPU time and uptime start from
   * zero, as after a reboot) and waits until sshd listens; nothing if it runs.
   */
  startNode(k: number): Promise<void>;
  /** stopNode + startNode. */
  restart(k: number): Promise<void>;
  /** Node k's sshd log so far (LogLevel VERBOSE: every login, how it was made, every session). */
  sshdLog(k: number): string;
  /** Whether node k's sshd (its pid 1) is running. */
  isRunning(k: number): Promise<boolean>;
  /** Runs argv inside node k (network, PID, mount and UTS namespaces, cgroups; /proc and /root are the node's). */
  run(k: number, argv: string[], options?: RunOptions): Promise<RunResult>;
  /** removeTestCluster(name). */
  down(): Promise<void>;
}

/** Programs the cluster runs, and the Debian package of each. */
const TOOLS: [string, string][] = [
  ['ip', 'iproute2'],
  ['ssh-keygen', 'openssh-client'],
  ['unshare', 'util-linux'],
  ['nsenter', 'util-linux'],
  ['mknod', 'coreutils'],
  ['flock', 'util-linux'],
  ['lxcfs', 'lxcfs'],
];

function requireRoot(): void {
  if (process.getuid?.() !== 0) {
    throw new Error(
      'The test cluster needs root (network namespaces, a bridge, mounts, sshd). ' +
        'Run the tests as root, or `sudo npm run demo-cluster`.',
    );
  }
  const dirs = (process.env.PATH ?? '').split(':').filter((d) => d !== '');
  const missing = TOOLS.filter(([tool]) => !dirs.some((d) => existsSync(join(d, tool)))).map(([, pkg]) => pkg);
  if (!existsSync('/usr/sbin/sshd')) missing.push('openssh-server');
  if (missing.length > 0) {
    throw new Error(`The test cluster needs: apt-get install -y ${[...new Set(missing)].join(' ')}`);
  }
}

function testNode(n: NodeLayout): TestNode {
  const hostKeyPublic = readFileSync(`${n.hostKeyPath}.pub`, 'utf8').trim();
  return {
    index: n.index,
    hostname: n.hostname,
    alias: n.alias,
    address: n.address,
    netns: n.netns,
    cgroup: n.cgroup,
    hostKeyPublic,
    hostKeyFingerprint: fingerprint(hostKeyPublic),
    home: n.home,
    hidden: n.hidden,
    ...(n.gateway !== undefined ? { gateway: n.gateway } : {}),
  };
}

function handle(layout: ClusterLayout): TestCluster {
  const nodes = layout.nodes.map(testNode);
  const at = (k: number): [NodeLayout, TestNode] => {
    const l = layout.nodes[k - 1];
    const n = nodes[k - 1];
    if (!Number.isInteger(k) || !l || !n) throw new Error(`Cluster ${layout.name} has no node ${k}.`);
    return [l, n];
  };
  const stopNode = async (k: number) => stopNodeProcess(at(k)[0]);
  const startNode = async (k: number) => {
    if ((await nodeInitPid(at(k)[0])) === undefined) await startNodeProcess(layout, at(k)[0]);
  };
  return {
    name: layout.name,
    subnet: layout.subnet,
    stateDir: layout.stateDir,
    hostAddress: layout.hostAddress,
    keyPath: layout.keyPath,
    publicKey: readFileSync(`${layout.keyPath}.pub`, 'utf8').trim(),
    sshConfigPath: layout.sshConfigPath,
    knownHostsPath: layout.knownHostsPath,
    nodes,
    ...(layout.mosix ? { mosixStateDir: layout.mosix.sharedDir } : {}),
    setMosixDecline: (on) => setMosixDecline(layout, on),
    node: (k) => at(k)[1],
    linkDown: (k) => setLink(layout, at(k)[0], 'down'),
    linkUp: (k) => setLink(layout, at(k)[0], 'up'),
    async rekey(k) {
      const [l, n] = at(k);
      n.hostKeyPublic = await makeKey(l.hostKeyPath, `${l.hostname}.${layout.name}`);
      n.hostKeyFingerprint = fingerprint(n.hostKeyPublic);
      writeKnownHosts(layout);
      await reloadSshd(l);
      return n;
    },
    stopNode,
    startNode,
    async restart(k) {
      await stopNode(k);
      await startNode(k);
    },
    sshdLog: (k) => readFileSync(at(k)[0].sshdLogPath, 'utf8'),
    isRunning: async (k) => (await nodeInitPid(at(k)[0])) !== undefined,
    run: (k, argv, options) => runInNode(at(k)[0], argv, options),
    down: () => removeCluster(layout.name),
  };
}

/**
 * Starts a cluster and waits until every node's sshd accepts connections. A cluster of the same
 * name is removed first; a failed start removes what it made. Refuses a subnet the root namespace
 * already routes.
 */
/** A crypt(3) SHA-512 hash of `password` for `rootPasswordHash` (openssl reads it from stdin, never argv). */
export async function passwordHash(password: string): Promise<string> {
  return (await must('openssl', ['passwd', '-6', '-stdin'], { input: `${password}\n` })).trim();
}

export async function startTestCluster(options: TestClusterOptions): Promise<TestCluster> {
  requireRoot();
  requireCgroups();
  const valid = validateOptions(options, hostCpus().length);
  for (const [k, binary] of Object.entries(valid.nodeBinary ?? {})) {
    if (binary && binary !== 'missing' && !existsSync(binary))
      throw new Error(`nodeBinary for node ${k}: ${binary} not found.`);
  }
  await removeCluster(valid.name);
  const layout = clusterLayout(valid);
  await checkSubnetFree(layout);
  try {
    await createCluster(layout, valid);
  } catch (err) {
    await removeCluster(valid.name).catch(() => undefined);
    throw err;
  }
  return handle(layout);
}

/** Removes cluster `name` if it exists, and whatever a failed start left of it. Idempotent. */
export async function removeTestCluster(name: string): Promise<void> {
  requireRoot();
  await removeCluster(name);
}

/** A handle on a cluster started earlier (e.g. by the CLI or another process). */
export function openTestCluster(name: string): TestCluster {
  requireRoot();
  const meta = readMeta(name);
  if (!meta) throw new Error(`No test cluster named ${name} (no ${name}/cluster.json).`);
  return handle(clusterLayout(meta.options));
}
