/**
 * What a test cluster is made of, computed from its options alone: names, addresses and paths.
 * Pure, so the same layout can be rebuilt from the saved options by `down` or another process.
 */
import { join } from 'node:path';
import * as z from 'zod';
import { checkMosix, type MosixLayout, mosixLayout, nodeEtcFiles } from './mosixLayout';

/** Everything created on the host carries this prefix, so nothing else is ever touched. */
export const PREFIX = 'mdt-';
/** Root of the state directories. Not /tmp: sshd's StrictModes refuses a world-writable parent. */
export const STATE_ROOT = '/run/mosdesk-test-cluster';

/** Either 'missing' (no `node` on that node) or the absolute path of a file to run as `node`. */
export type NodeBinary = 'missing' | string;

export interface TestClusterOptions {
  /** 1-8 of [a-z0-9], starting with a letter: `mdt-<name>-<k>` must fit Linux's 15-char interface names. */
  name: string;
  /** Number of nodes, 1-99. */
  nodes: number;
  /** Third octet: nodes get 10.210.<subnet>.<10+k>, hidden nodes 10.211.<subnet>.<10+k>. */
  subnet: number;
  /** Nodes reachable only through a gateway node (which must itself be on the bridge). */
  behind?: { node: number; gateway: number }[];
  /** Per node index: hide `node`, or put this file in its place. */
  nodeBinary?: Partial<Record<number, NodeBinary>>;
  /**
   * Per node index: files of the node's own under /etc, path relative to /etc -> content, e.g.
   * `{ 1: { 'mosix/mosix.map': '10.210.21.11 4\n' } }`. The node sees /etc through an overlay whose
   * upper dir is in its state dir, so the host's /etc is never touched.
   */
  etcFiles?: Partial<Record<number, Record<string, string>>>;
  /**
   * A crypt(3) hash (`$6$...`, see `passwordHash`) of root's password on every node: the nodes
   * then take password logins as well as the key. None: key only, as a careful admin sets sshd.
   */
  rootPasswordHash?: string;
  /**
   * With rootPasswordHash: sshd checks the password through PAM as keyboard-interactive only
   * (`UsePAM yes`, `KbdInteractiveAuthentication yes`, `PasswordAuthentication no`), as many
   * distributions ship it.
   */
  passwordByPam?: boolean;
  /**
   * Per node index: how many CPUs the node gets (its cpuset: the first N of the host's CPUs),
   * e.g. `{ 3: 1 }`. None: all of the host's CPUs, still in a cgroup of the node's own.
   */
  cpus?: Partial<Record<number, number>>;
  /** Per node index: its memory limit, e.g. `{ 1: '512M', 2: '2G' }` (K, M, G, T: powers of 1024). None: no limit. */
  mem?: Partial<Record<number, string>>;
  /**
   * The MOSIX stand-in (test/mosixStandIn) on these nodes, e.g. `{ nodes: [1, 2] }`: MOSIX's
   * tools on their PATH, a state dir they share, and /etc/mosix/mosix.map listing them all.
   */
  mosix?: { nodes: number[] };
}

/** The smallest memory limit taken: below it sshd and a login shell get killed by the OOM killer. */
export const MIN_MEM_BYTES = 64 * 1024 ** 2;

/** Bytes of a size such as '512M' or '2G' (powers of 1024; a bare number is bytes). */
export function memoryBytes(size: string): number {
  const m = /^([1-9]\d*)([KMGT]?)$/.exec(size);
  if (!m) throw new Error(`Not a size: "${size}" (e.g. 512M, 2G).`);
  return Number(m[1]) * 1024 ** ' KMGT'.indexOf(m[2] || ' ');
}

/** A relative path of plain names (no `..`, no hidden names), for a file under the node's /etc. */
const ETC_PATH = /^[A-Za-z0-9_+-][A-Za-z0-9_.+-]*(\/[A-Za-z0-9_+-][A-Za-z0-9_.+-]*)*$/;

export const optionsSchema = z.object({
  name: z.string().regex(/^[a-z][a-z0-9]{0,7}$/, 'name must be 1-8 of [a-z0-9], starting with a letter'),
  nodes: z.number().int().min(1).max(99),
  subnet: z.number().int().min(0).max(255),
  behind: z.array(z.object({ node: z.number().int(), gateway: z.number().int() })).optional(),
  nodeBinary: z
    .record(
      z.string().regex(/^\d+$/, 'nodeBinary keys are node numbers'),
      z.union([z.literal('missing'), z.string().regex(/^\/[^:,\n]*$/, 'an absolute path without ":" or ","')]),
    )
    .optional(),
  etcFiles: z
    .record(
      z.string().regex(/^\d+$/, 'etcFiles keys are node numbers'),
      z.record(z.string().regex(ETC_PATH, 'a path relative to /etc, of plain names (no "..")'), z.string()),
    )
    .optional(),
  rootPasswordHash: z
    .string()
    .regex(/^\$(6|5|y)\$[./A-Za-z0-9$=]+$/, 'a crypt(3) hash such as openssl passwd -6 prints')
    .optional(),
  passwordByPam: z.boolean().optional(),
  cpus: z
    .record(
      z.string().regex(/^\d+$/, 'cpus keys are node numbers'),
      z.number().int('cpus: a whole number of CPUs').min(1, 'cpus: at least 1 CPU'),
    )
    .optional(),
  mem: z
    .record(
      z.string().regex(/^\d+$/, 'mem keys are node numbers'),
      z.string().regex(/^[1-9]\d*[KMGT]?$/, 'mem: a size such as 512M or 2G (K, M, G, T: powers of 1024)'),
    )
    .optional(),
  mosix: z.object({ nodes: z.array(z.number().int()).min(1, 'mosix: at least one node') }).optional(),
});

/**
 * Checks the options and returns them normalised, or throws a sentence saying what is wrong.
 * Given `hostCpus` (how many CPUs this machine has for the nodes), a node asking for more is refused.
 */
export function validateOptions(raw: TestClusterOptions, hostCpus?: number): TestClusterOptions {
  const parsed = optionsSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`Bad test cluster options: ${z.prettifyError(parsed.error)}`);
  const o = parsed.data;
  const inRange = (k: number) => k >= 1 && k <= o.nodes;
  const hidden = new Set<number>();
  for (const { node, gateway } of o.behind ?? []) {
    if (!inRange(node) || !inRange(gateway)) throw new Error(`behind ${node}:${gateway}: no such node.`);
    if (node === gateway) throw new Error(`behind ${node}:${gateway}: a node cannot be its own gateway.`);
    if (hidden.has(node)) throw new Error(`behind: node ${node} is listed twice.`);
    hidden.add(node);
  }
  for (const { node, gateway } of o.behind ?? []) {
    if (hidden.has(gateway)) throw new Error(`behind ${node}:${gateway}: the gateway must not be hidden itself.`);
  }
  checkPerNode(o as TestClusterOptions);
  checkResources(o as TestClusterOptions, hostCpus);
  checkMosix(o as TestClusterOptions);
  return o as TestClusterOptions;
}

/** `cpus` and `mem` name nodes the cluster has, and ask for what this machine can give. */
function checkResources(o: TestClusterOptions, hostCpus: number | undefined): void {
  for (const [key, n] of Object.entries(o.cpus ?? {})) {
    if (Number(key) < 1 || Number(key) > o.nodes) throw new Error(`cpus: no node ${key}.`);
    if (hostCpus !== undefined && n !== undefined && n > hostCpus)
      throw new Error(`cpus: node ${key} asks for ${n} CPUs; this machine has ${hostCpus}.`);
  }
  for (const [key, size] of Object.entries(o.mem ?? {})) {
    if (Number(key) < 1 || Number(key) > o.nodes) throw new Error(`mem: no node ${key}.`);
    if (size !== undefined && memoryBytes(size) < MIN_MEM_BYTES)
      throw new Error(`mem: node ${key} gets ${size}; at least 64M, or sshd and a login do not fit.`);
  }
}

/** The per-node options name nodes the cluster has. */
function checkPerNode(o: TestClusterOptions): void {
  const inRange = (key: string) => Number(key) >= 1 && Number(key) <= o.nodes;
  for (const key of Object.keys(o.nodeBinary ?? {})) {
    if (!inRange(key)) throw new Error(`nodeBinary: no node ${key}.`);
  }
  for (const [key, files] of Object.entries(o.etcFiles ?? {})) {
    if (!inRange(key)) throw new Error(`etcFiles: no node ${key}.`);
    // /etc/shadow is the cluster's own, bind-mounted over whatever the overlay has.
    if (files && Object.keys(files).includes('shadow'))
      throw new Error(`etcFiles for node ${key}: /etc/shadow is the cluster's.`);
  }
}

export interface NodeLayout {
  index: number;
  hostname: string;
  /** `<cluster>-node<k>`: unique across clusters, for a ~/.ssh/config that includes several. */
  alias: string;
  address: string;
  netns: string;
  /** The host end of the node's link: in the root namespace, or in the gateway's for a hidden node. */
  linkName: string;
  hidden: boolean;
  gateway?: number;
  nodeBinary?: NodeBinary;
  /** Files under /etc of the node's own (relative path -> content); none: the node sees the host's /etc. */
  etcFiles?: Record<string, string>;
  /** Its cgroup in every hierarchy (cpuset, memory, cpu, cpuacct): `mdt-<cluster>-<k>`, as its netns. */
  cgroup: string;
  /** How many CPUs it gets (the first N of the host's); none: all of them. */
  cpus?: number;
  /** Its memory limit in bytes; none: no limit. */
  memBytes?: number;
  /** The MOSIX stand-in's wrappers, overlaid onto the node's /usr/local/bin; none: not a stand-in node. */
  mosixBinDir?: string;
  dir: string;
  /** Upper and work dirs of the node's /etc overlay (`<dir>/etc/upper`, `<dir>/etc/work`). */
  etcDir: string;
  home: string;
  hostKeyPath: string;
  sshdConfigPath: string;
  sshdLogPath: string;
  bootLogPath: string;
}

export interface ClusterLayout {
  name: string;
  subnet: number;
  stateDir: string;
  bridge: string;
  /** The root namespace's address on the bridge. */
  hostAddress: string;
  /** 10.210.<subnet>.0/24: the bridge. */
  publicPrefix: string;
  /** 10.211.<subnet>.0/24: behind gateways; the root namespace gets an unreachable route for it. */
  hiddenPrefix: string;
  keyPath: string;
  authorizedKeysPath: string;
  sshConfigPath: string;
  knownHostsPath: string;
  shadowPath: string;
  metaPath: string;
  /** Root's password hash when the nodes take password logins (TestClusterOptions.rootPasswordHash). */
  rootPasswordHash?: string;
  passwordByPam?: boolean;
  /** The MOSIX stand-in's files, when some nodes run it. */
  mosix?: MosixLayout;
  nodes: NodeLayout[];
}

/** Node k's CPU count and memory limit in bytes, where the options give them. */
function nodeResources(options: TestClusterOptions, k: number): Pick<NodeLayout, 'cpus' | 'memBytes'> {
  const cpus = options.cpus?.[k];
  const mem = options.mem?.[k];
  return { ...(cpus !== undefined ? { cpus } : {}), ...(mem !== undefined ? { memBytes: memoryBytes(mem) } : {}) };
}

/** Names and paths of a cluster; `options` must have passed validateOptions. */
export function clusterLayout(options: TestClusterOptions): ClusterLayout {
  const { name, subnet } = options;
  const stateDir = join(STATE_ROOT, name);
  const gatewayOf = new Map((options.behind ?? []).map((b) => [b.node, b.gateway]));
  const mosix = options.mosix ? mosixLayout(stateDir, options.mosix.nodes) : undefined;
  const nodes: NodeLayout[] = [];
  for (let k = 1; k <= options.nodes; k++) {
    const gateway = gatewayOf.get(k);
    const hidden = gateway !== undefined;
    const dir = join(stateDir, `node${k}`);
    const etcFiles = nodeEtcFiles(options, k);
    nodes.push({
      index: k,
      hostname: `node${k}`,
      alias: `${name}-node${k}`,
      address: `10.${hidden ? 211 : 210}.${subnet}.${10 + k}`,
      netns: `${PREFIX}${name}-${k}`,
      linkName: hidden ? `h${k}` : `${PREFIX}${name}-${k}`,
      hidden,
      ...(hidden ? { gateway } : {}),
      ...(options.nodeBinary?.[k] !== undefined ? { nodeBinary: options.nodeBinary[k] } : {}),
      ...(etcFiles !== undefined ? { etcFiles } : {}),
      cgroup: `${PREFIX}${name}-${k}`,
      ...nodeResources(options, k),
      ...(mosix?.nodes.includes(k) ? { mosixBinDir: mosix.binDir } : {}),
      dir,
      etcDir: join(dir, 'etc'),
      home: join(dir, 'home'),
      hostKeyPath: join(dir, 'ssh_host_ed25519_key'),
      sshdConfigPath: join(dir, 'sshd_config'),
      sshdLogPath: join(dir, 'sshd.log'),
      bootLogPath: join(dir, 'boot.log'),
    });
  }
  return {
    name,
    subnet,
    stateDir,
    bridge: `${PREFIX}${name}-br`,
    hostAddress: `10.210.${subnet}.1`,
    publicPrefix: `10.210.${subnet}.0/24`,
    hiddenPrefix: `10.211.${subnet}.0/24`,
    keyPath: join(stateDir, 'id_ed25519'),
    authorizedKeysPath: join(stateDir, 'authorized_keys'),
    sshConfigPath: join(stateDir, 'ssh_config'),
    knownHostsPath: join(stateDir, 'known_hosts'),
    shadowPath: join(stateDir, 'shadow'),
    metaPath: join(stateDir, 'cluster.json'),
    ...(options.rootPasswordHash !== undefined ? { rootPasswordHash: options.rootPasswordHash } : {}),
    ...(options.passwordByPam ? { passwordByPam: true } : {}),
    ...(mosix ? { mosix } : {}),
    nodes,
  };
}

/** True for the namespaces, links and cgroups of cluster `name` (`mdt-<name>-<k>`, `mdt-<name>-br`). */
export function isClusterObject(name: string, objectName: string): boolean {
  const rest = objectName.startsWith(`${PREFIX}${name}-`) ? objectName.slice(PREFIX.length + name.length + 1) : '';
  return /^(\d+|br)$/.test(rest);
}
