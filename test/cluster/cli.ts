/**
 * The test cluster from a terminal (root): `npm run demo-cluster` / `npm run demo-cluster:down`.
 *
 *   tsx test/cluster/cli.ts up [--name demo] [--nodes 4] [--subnet 200] [--behind NODE:GATEWAY]...
 *                              [--node-binary NODE=missing|NODE=/path/to/node]...
 *                              [--etc-file NODE:PATH=FILE]...   (FILE's text as the node's /etc/PATH)
 *                              [--cpus NODE=COUNT[,...]]... [--mem NODE=SIZE[,...]]...  (e.g. 3=1, 3=2G)
 *                              [--mosix NODE[,...]]   (the MOSIX stand-in on those nodes)
 *   tsx test/cluster/cli.ts down [--name demo]
 */
import { chownSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import {
  type NodeBinary,
  removeTestCluster,
  startTestCluster,
  type TestCluster,
  type TestClusterOptions,
} from './testCluster';

const USAGE = `Usage:
  tsx test/cluster/cli.ts up   [--name demo] [--nodes 4] [--subnet 200] [--behind NODE:GATEWAY]...
                               [--node-binary NODE=missing|NODE=/path/to/node]...
                               [--etc-file NODE:PATH=FILE]...  (e.g. 1:mosix/mosix.map=./my.map)
                               [--cpus NODE=COUNT[,...]]...    (e.g. 3=1: node3 gets 1 CPU)
                               [--mem NODE=SIZE[,...]]...      (e.g. 3=2G: node3 gets 2 GiB)
                               [--mosix NODE[,...]]            (e.g. 1,2: the MOSIX stand-in there)
  tsx test/cluster/cli.ts down [--name demo]
Root is needed (network namespaces, a bridge, mounts).`;

function parsePair(text: string, sep: string, what: string): [number, string] {
  const i = text.indexOf(sep);
  const k = Number(text.slice(0, i));
  if (i < 1 || !Number.isInteger(k)) throw new Error(`${what}: expected NODE${sep}..., got "${text}".`);
  return [k, text.slice(i + 1)];
}

/** "a.b.c.11-a.b.c.13, a.b.c.15" for the visible nodes, as the app's "Add cluster" takes them. */
function hostRanges(cluster: TestCluster): string {
  const visible = cluster.nodes.filter((n) => !n.hidden);
  const runs: string[] = [];
  for (let i = 0; i < visible.length;) {
    let j = i;
    while (j + 1 < visible.length && visible[j + 1]!.index === visible[j]!.index + 1) j++;
    runs.push(i === j ? visible[i]!.address : `${visible[i]!.address}-${visible[j]!.address}`);
    i = j + 1;
  }
  return runs.join(', ');
}

/** "node1   1 CPU, 1G" for each node with its own CPU count or memory limit. */
function resources(cluster: TestCluster, o: TestClusterOptions): string[] {
  return cluster.nodes.flatMap((n) => {
    const cpus = o.cpus?.[n.index];
    const mem = o.mem?.[n.index];
    if (cpus === undefined && mem === undefined) return [];
    const parts = [cpus === undefined ? 'all CPUs' : `${cpus} CPU${cpus === 1 ? '' : 's'}`, mem ?? 'no memory limit'];
    return [`  ${n.hostname.padEnd(7)} ${parts.join(', ')}`];
  });
}

function describe(cluster: TestCluster, ms: number, options: TestClusterOptions): string {
  const aliases = `node1..node${cluster.nodes.length}, ${cluster.name}-node1..${cluster.name}-node${cluster.nodes.length}`;
  const lines = [
    `Test cluster "${cluster.name}" is up: ${cluster.nodes.length} nodes in ${(ms / 1000).toFixed(1)} s.`,
    '',
    'To add it in mosdesk ("Add cluster"):',
    `  hosts          ${hostRanges(cluster)}`,
  ];
  for (const n of cluster.nodes.filter((x) => x.hidden)) {
    const gw = cluster.node(n.gateway as number);
    lines.push(`  behind a jump  ${n.address} (${n.hostname}), jump host root@${gw.address} (${gw.hostname})`);
  }
  lines.push(
    '  user           root',
    `  identity file  ${cluster.keyPath}`,
    `  ssh config     ${cluster.sshConfigPath}  (Host ${aliases})`,
    '',
    'Host keys, to compare when the app asks:',
    ...cluster.nodes.map((n) => `  ${n.hostname.padEnd(7)} ${n.address.padEnd(15)} ${n.hostKeyFingerprint}`),
    '',
  );
  const own = resources(cluster, options);
  if (own.length > 0)
    lines.push('CPUs and memory limits (other nodes: the whole machine, each in cgroups of its own):', ...own, '');
  const mosix = options.mosix?.nodes ?? [];
  if (mosix.length > 0)
    lines.push(
      `MOSIX stand-in (test equipment) on ${mosix.map((k) => `node${k}`).join(', ')}; the others are plain Linux. Try:`,
      `  ssh -F ${cluster.sshConfigPath} node${mosix[0]} 'mosrun -J5 testload -t 600 >/dev/null 2>&1 &'`,
      '',
    );
  lines.push(
    `Try:     ssh -F ${cluster.sshConfigPath} node1 hostname`,
    `Or put   Include ${cluster.sshConfigPath}`,
    `         at the top of ~/.ssh/config and use ${cluster.name}-node1 ... in the app.`,
    cluster.name === 'demo'
      ? 'Remove:  npm run demo-cluster:down'
      : `Remove:  npx tsx test/cluster/cli.ts down --name ${cluster.name}`,
  );
  return lines.join('\n');
}

/** Under sudo, hands the client key and configs to the user who ran sudo, so the app can read them. */
function giveToSudoUser(cluster: TestCluster): void {
  const uid = Number(process.env.SUDO_UID);
  const gid = Number(process.env.SUDO_GID);
  if (!Number.isInteger(uid) || uid <= 0 || !Number.isInteger(gid)) return;
  for (const path of [cluster.keyPath, `${cluster.keyPath}.pub`, cluster.sshConfigPath, cluster.knownHostsPath]) {
    chownSync(path, uid, gid);
  }
}

interface UpArgs {
  name: string;
  nodes: string;
  subnet: string;
  behind?: string[];
  'node-binary'?: string[];
  'etc-file'?: string[];
  cpus?: string[];
  mem?: string[];
  mosix?: string;
}

/** `--cpus 1=1 --cpus 2=2,3=1` (repeated, or comma lists): node -> COUNT. */
function cpusPerNode(texts: string[]): Record<number, number> {
  const cpus: Record<number, number> = {};
  for (const text of texts.flatMap((t) => t.split(','))) {
    const [k, count] = parsePair(text, '=', '--cpus');
    if (!/^\d+$/.test(count)) throw new Error(`--cpus: expected NODE=COUNT, got "${text}".`);
    cpus[k] = Number(count);
  }
  return cpus;
}

/** `--mem 1=512M --mem 2=1G,3=2G` (repeated, or comma lists): node -> SIZE (checked by the options). */
function memPerNode(texts: string[]): Record<number, string> {
  return Object.fromEntries(texts.flatMap((t) => t.split(',')).map((text) => parsePair(text, '=', '--mem')));
}

/** `--etc-file NODE:PATH=FILE`: node -> { PATH: FILE's text }. */
function etcFiles(texts: string[]): Record<number, Record<string, string>> {
  const files: Record<number, Record<string, string>> = {};
  for (const text of texts) {
    const [k, rest] = parsePair(text, ':', '--etc-file');
    const i = rest.indexOf('=');
    if (i < 1) throw new Error(`--etc-file: expected NODE:PATH=FILE, got "${text}".`);
    files[k] = { ...files[k], [rest.slice(0, i)]: readFileSync(rest.slice(i + 1), 'utf8') };
  }
  return files;
}

async function up(values: UpArgs): Promise<void> {
  const nodeBinary: Record<number, NodeBinary> = {};
  for (const text of values['node-binary'] ?? []) {
    const [k, binary] = parsePair(text, '=', '--node-binary');
    nodeBinary[k] = binary;
  }
  const behind = (values.behind ?? []).map((text) => {
    const [node, gateway] = parsePair(text, ':', '--behind');
    return { node, gateway: Number(gateway) };
  });
  const options: TestClusterOptions = {
    name: values.name,
    nodes: Number(values.nodes),
    subnet: Number(values.subnet),
    behind,
    nodeBinary,
    etcFiles: etcFiles(values['etc-file'] ?? []),
    cpus: cpusPerNode(values.cpus ?? []),
    mem: memPerNode(values.mem ?? []),
    ...(values.mosix ? { mosix: { nodes: values.mosix.split(',').map(Number) } } : {}),
  };
  const t0 = Date.now();
  const cluster = await startTestCluster(options);
  giveToSudoUser(cluster);
  console.log(describe(cluster, Date.now() - t0, options));
}

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      name: { type: 'string', default: 'demo' },
      nodes: { type: 'string', default: '4' },
      subnet: { type: 'string', default: '200' },
      behind: { type: 'string', multiple: true },
      'node-binary': { type: 'string', multiple: true },
      'etc-file': { type: 'string', multiple: true },
      cpus: { type: 'string', multiple: true },
      mem: { type: 'string', multiple: true },
      mosix: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command] = positionals;
  if (values.help || positionals.length !== 1 || (command !== 'up' && command !== 'down')) {
    console.log(USAGE);
    process.exitCode = values.help ? 0 : 2;
    return;
  }
  if (process.getuid?.() !== 0)
    throw new Error(`root is needed: sudo npm run demo-cluster${command === 'down' ? ':down' : ''}`);
  if (command === 'up') await up(values);
  else {
    await removeTestCluster(values.name);
    console.log(`Test cluster "${values.name}" removed (or was not there).`);
  }
}

main().catch((err: unknown) => {
  console.error(`test cluster: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
});
