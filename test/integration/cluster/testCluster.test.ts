/**
 * The test cluster itself (test/cluster), checked from outside with the real OpenSSH client and
 * the kernel's own view (/proc, ip). Root only. Subnets 10-13 (see test/cluster/README.md).
 */
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusterCgroups } from '../../cluster/cgroups';
import { must, until } from '../../cluster/exec';
import { STATE_ROOT } from '../../cluster/layout';
import { ssh } from '../../cluster/sshClient';
import { removeTestCluster, startTestCluster, type TestCluster } from '../../cluster/testCluster';
import { ensureDebianPackages, REQUIREMENTS } from '../../setup/debianPackages';
import { ROOT } from '../../support/dist';

const CLUSTER_PACKAGES = ['openssh-server', 'openssh-client', 'iproute2', 'util-linux', 'lxcfs'];

let tmp: string;
let knownHosts: string;
let a: TestCluster;
let b: TestCluster;
let startMs: number;
/** node4's own /etc/mosix/mosix.map; the host has no /etc/mosix (checked before the start). */
const MAP = '# ct10\n10.210.10.11 4\n';

/**
 * What is left of cluster `name` on this machine: namespaces, links, cgroups, processes, state dir,
 * and (given its subnet, when no other cluster uses it) routes to its two subnets.
 */
async function leftovers(name: string, subnet?: number): Promise<string[]> {
  const found: string[] = [];
  const prefix = `mdt-${name}-`;
  found.push(...(await must('ip', ['netns', 'list'])).split('\n').filter((l) => l.startsWith(prefix)));
  const links = JSON.parse(await must('ip', ['-j', 'link', 'show'])) as { ifname: string }[];
  found.push(...links.map((l) => l.ifname).filter((n) => n.startsWith(prefix)));
  found.push(...clusterCgroups(name));
  const needle = Buffer.from(`${STATE_ROOT}/${name}/`);
  for (const pid of readdirSync('/proc').filter((e) => /^\d+$/.test(e))) {
    try {
      if (readFileSync(`/proc/${pid}/cmdline`).includes(needle)) found.push(`process ${pid}`);
    } catch {
      // Ended while we looked.
    }
  }
  if (existsSync(join(STATE_ROOT, name))) found.push(`state dir ${name}`);
  if (subnet !== undefined) {
    const routes = (await must('ip', ['-4', 'route', 'show'])).split('\n');
    found.push(...routes.filter((r) => r.includes(`10.210.${subnet}.0/24`) || r.includes(`10.211.${subnet}.0/24`)));
  }
  return found;
}

/** Fingerprint of the ed25519 key `ssh-keyscan` gets from `address`, as `ssh-keygen -lf` prints it. */
async function scannedFingerprint(address: string): Promise<string> {
  const scan = await must('ssh-keyscan', ['-T', '3', '-t', 'ed25519', address]);
  const line = await must('ssh-keygen', ['-lf', '-'], { input: scan });
  return line.split(' ')[1] as string;
}

beforeAll(async () => {
  ensureDebianPackages(REQUIREMENTS.filter((r) => CLUSTER_PACKAGES.includes(r.pkg)));
  tmp = mkdtempSync(join(tmpdir(), 'mdt-test-'));
  knownHosts = join(tmp, 'known_hosts');
  const oldNode = join(tmp, 'node16');
  writeFileSync(oldNode, '#!/bin/sh\necho v16.20.2\n');
  chmodSync(oldNode, 0o755);
  expect(existsSync('/etc/mosix')).toBe(false);
  const t0 = Date.now();
  [a, b] = await Promise.all([
    startTestCluster({
      name: 'ct10',
      nodes: 5,
      subnet: 10,
      behind: [{ node: 5, gateway: 1 }],
      nodeBinary: { 3: 'missing', 4: oldNode },
      etcFiles: { 4: { 'mosix/mosix.map': MAP } },
    }),
    startTestCluster({ name: 'ct11', nodes: 2, subnet: 11 }),
  ]);
  startMs = Date.now() - t0;
});

afterAll(async () => {
  await removeTestCluster('ct10');
  await removeTestCluster('ct11');
  await removeTestCluster('ct13');
  rmSync(tmp, { recursive: true, force: true });
});

describe('the test cluster', () => {
  it('starts 5 + 2 nodes in two clusters at once, quickly', () => {
    console.log(`two clusters, 7 nodes, up in ${startMs} ms`);
    expect(startMs).toBeLessThan(5_000);
    expect(a.nodes.map((n) => n.address)).toEqual([
      '10.210.10.11',
      '10.210.10.12',
      '10.210.10.13',
      '10.210.10.14',
      '10.211.10.15',
    ]);
  });

  it('answers ssh on every node with its own hostname, the hidden one through its gateway', async () => {
    const answers = await Promise.all(
      [...a.nodes.map((n) => [a, n.alias] as const), ...b.nodes.map((n) => [b, n.alias] as const)].map(([c, host]) =>
        ssh(c, host, 'hostname', { knownHosts, strict: 'accept-new' }),
      ),
    );
    for (const r of answers) expect(r.stderr).toBe('');
    expect(answers.map((r) => r.stdout.trim())).toEqual([
      'node1',
      'node2',
      'node3',
      'node4',
      'node5',
      'node1',
      'node2',
    ]);
    expect((await a.run(2, ['hostname'])).stdout.trim()).toBe('node2');
  });

  it('gives every node its own host key, the one it reports', async () => {
    for (const n of a.nodes.filter((x) => !x.hidden)) {
      expect(await scannedFingerprint(n.address)).toBe(n.hostKeyFingerprint);
    }
    // The hidden node's key, as ssh saw it through the jump host in the test above.
    const seen = await must('ssh-keygen', ['-l', '-F', '10.211.10.15', '-f', knownHosts]);
    expect(seen).toContain(a.node(5).hostKeyFingerprint);
    const all = [...a.nodes, ...b.nodes].map((n) => n.hostKeyFingerprint);
    expect(new Set(all).size).toBe(all.length);
  });

  it('gives every node its own PID namespace, with sshd as pid 1 and its own /proc', async () => {
    const hostCount = readdirSync('/proc').filter((e) => /^\d+$/.test(e)).length;
    for (const host of ['node1', 'node2', 'node5']) {
      const r = await ssh(a, host, 'ps -e -o pid=,comm=; echo; ls /proc | grep -c "^[0-9]"');
      const [table, count] = r.stdout.split('\n\n');
      expect(table).toMatch(/^\s*1 sshd$/m);
      expect(Number(count)).toBeLessThan(10);
      expect(Number(count)).toBeLessThan(hostCount);
    }
    const inside = await a.run(1, ['cat', '/proc/1/comm']);
    expect(inside.stdout.trim()).toBe('sshd');
  });

  it('gives every node its own /root, and leaves the host one alone', async () => {
    const marker = `mdt-marker-${process.pid}`;
    expect((await ssh(a, 'node1', `echo node1 > /root/${marker} && echo $HOME`)).stdout.trim()).toBe('/root');
    expect(readFileSync(join(a.node(1).home, marker), 'utf8')).toBe('node1\n');
    expect(existsSync(join('/root', marker))).toBe(false);
    expect(existsSync(join(a.node(2).home, marker))).toBe(false);
    expect((await ssh(a, 'node2', `test -e /root/${marker}`)).code).toBe(1);
    // The node's mounts stay in its own mount namespace.
    const hostMounts = readFileSync('/proc/self/mountinfo', 'utf8');
    expect(hostMounts).not.toContain(a.stateDir);
    expect(hostMounts).not.toContain('mdt-node-bin');
  });

  it('hides node on a node, or replaces it, as asked', async () => {
    const missing = await ssh(a, 'node3', 'command -v node; node --version');
    expect(missing.stdout).toBe('');
    expect(missing.code).toBe(127);
    expect((await ssh(a, 'node4', 'node --version')).stdout.trim()).toBe('v16.20.2');
    expect((await ssh(a, 'node1', 'node --version')).stdout.trim()).toMatch(/^v(?!16\.)\d+\./);
    expect(existsSync('/usr/bin/node') || existsSync('/usr/local/bin/node')).toBe(true);
  });

  it('gives a node files under /etc of its own, and leaves the host /etc alone', async () => {
    const marker = `mdt-etc-${process.pid}`;
    const r = await ssh(a, 'node4', `cat /etc/mosix/mosix.map && touch /etc/${marker} && node --version`);
    expect(r.stdout).toBe(`${MAP}v16.20.2\n`);
    // The rest of /etc is the host's, except /etc/shadow, which stays the cluster's.
    expect((await a.run(4, ['cat', '/etc/os-release'])).stdout).toBe(readFileSync('/etc/os-release', 'utf8'));
    expect((await a.run(4, ['cat', '/etc/shadow'])).stdout).toBe('root:*:19000:0:99999:7:::\n');
    expect((await ssh(a, 'node1', `test -e /etc/mosix || test -e /etc/${marker}`)).code).toBe(1);
    expect(existsSync('/etc/mosix')).toBe(false);
    expect(existsSync(join('/etc', marker))).toBe(false);
    expect(readFileSync('/proc/self/mountinfo', 'utf8')).not.toContain('mdt-node-etc');
    // What the node wrote under /etc outlives a restart, as on a real machine.
    await a.restart(4);
    expect((await ssh(a, 'node4', `cat /etc/mosix/mosix.map /etc/${marker}`)).stdout).toBe(MAP);
  });

  it('keeps the hidden node out of reach but through its gateway', async () => {
    const direct = await ssh(a, 'node5', 'true', { extra: ['-o', 'ProxyJump=none'], connectTimeoutS: 2 });
    expect(direct.code).toBe(255);
    expect(direct.stderr).toMatch(/No route to host/);
    expect((await a.run(1, ['cat', '/proc/sys/net/ipv4/ip_forward'])).stdout.trim()).toBe('0');
    expect((await ssh(a, 'ct10-node5', 'hostname')).stdout.trim()).toBe('node5');
  });

  it('takes a node off the network with linkDown and back with linkUp', async () => {
    await a.linkDown(2);
    const t0 = Date.now();
    const down = await ssh(a, 'node2', 'true', { connectTimeoutS: 1 });
    expect(down.code).toBe(255);
    expect(down.stderr).toMatch(/timed out/);
    expect(Date.now() - t0).toBeLessThan(6_000);
    await a.linkUp(2);
    expect((await ssh(a, 'node2', 'hostname')).stdout.trim()).toBe('node2');
    // A hidden node's link is on its gateway.
    await a.linkDown(5);
    expect((await ssh(a, 'node5', 'true', { connectTimeoutS: 1 })).code).toBe(255);
    await a.linkUp(5);
    expect((await ssh(a, 'node5', 'hostname')).stdout.trim()).toBe('node5');
  });

  it('serves a new host key after rekey, refused by a known_hosts that has the old one', async () => {
    const before = a.node(2).hostKeyFingerprint;
    const session = spawn('ssh', ['-F', a.sshConfigPath, 'node2', 'exec sleep 60'], { stdio: 'ignore' });
    await until('the open session', 5_000, async () =>
      (await a.run(2, ['pgrep', '-x', 'sleep'])).code === 0 ? true : undefined,
    );
    const node = await a.rekey(2);
    expect(node.hostKeyFingerprint).not.toBe(before);
    expect(await scannedFingerprint(node.address)).toBe(node.hostKeyFingerprint);
    const refused = await ssh(a, 'node2', 'true', { knownHosts, strict: 'yes' });
    expect(refused.code).toBe(255);
    expect(refused.stderr).toMatch(/REMOTE HOST IDENTIFICATION HAS CHANGED/);
    // The cluster's own known_hosts follows the new key, and the open session lived through it.
    expect((await ssh(a, 'node2', 'hostname')).stdout.trim()).toBe('node2');
    expect((await a.run(2, ['pgrep', '-x', 'sleep'])).code).toBe(0);
    session.kill();
  });

  it('kills a whole node with stopNode and brings it back with startNode and restart', async () => {
    await a.run(2, ['sh', '-c', 'setsid sleep 300 </dev/null >/dev/null 2>&1 &']);
    await a.stopNode(2);
    expect(await a.isRunning(2)).toBe(false);
    expect((await must('ip', ['netns', 'pids', 'mdt-ct10-2'])).trim()).toBe('');
    const refused = await ssh(a, 'node2', 'true');
    expect(refused.stderr).toMatch(/Connection refused/);
    await expect(a.run(2, ['true'])).rejects.toThrow(/not running/);
    await a.startNode(2);
    expect((await ssh(a, 'node2', 'hostname')).stdout.trim()).toBe('node2');
    expect((await a.run(2, ['pgrep', '-x', 'sleep'])).code).toBe(1);
    expect(await scannedFingerprint(a.node(2).address)).toBe(a.node(2).hostKeyFingerprint);
    await a.restart(2);
    expect((await ssh(a, 'node2', 'cat /proc/1/comm')).stdout.trim()).toBe('sshd');
  });

  it('refuses a subnet that is already routed, and leaves nothing behind', async () => {
    await expect(startTestCluster({ name: 'ct12', nodes: 1, subnet: 10 })).rejects.toThrow(/Subnet 10 is in use/);
    expect(await leftovers('ct12')).toEqual([]);
    // The routes of the cluster that holds the subnet are untouched.
    expect(await must('ip', ['-4', 'route', 'show', '10.210.10.0/24'])).toContain('dev mdt-ct10-br');
    expect(await must('ip', ['-4', 'route', 'show', 'type', 'unreachable'])).toContain('10.211.10.0/24');
  });

  it('replaces a cluster started again under the same name', async () => {
    const oldPids = (await must('ip', ['netns', 'pids', 'mdt-ct11-1'])).split('\n').filter(Boolean);
    const oldKey = b.node(1).hostKeyFingerprint;
    b = await startTestCluster({ name: 'ct11', nodes: 2, subnet: 11 });
    const newPids = (await must('ip', ['netns', 'pids', 'mdt-ct11-1'])).split('\n').filter(Boolean);
    expect(newPids.length).toBeGreaterThan(0);
    expect(newPids.filter((p) => oldPids.includes(p))).toEqual([]);
    expect(b.node(1).hostKeyFingerprint).not.toBe(oldKey);
    expect((await ssh(b, 'node2', 'hostname')).stdout.trim()).toBe('node2');
  });

  it('removes a half-built cluster whose start was killed', async () => {
    const cli = spawn('npx', ['tsx', 'test/cluster/cli.ts', 'up', '--name', 'ct13', '--nodes', '3', '--subnet', '13'], {
      cwd: ROOT,
      stdio: 'ignore',
      detached: true,
    });
    await until(
      'the start to get going',
      15_000,
      async () => (existsSync('/sys/class/net/mdt-ct13-br') ? true : undefined),
      2,
    );
    process.kill(-(cli.pid as number), 'SIGKILL');
    expect(existsSync(join(STATE_ROOT, 'ct13', 'cluster.json'))).toBe(true);
    await removeTestCluster('ct13');
    expect(await leftovers('ct13', 13)).toEqual([]);
  });

  it('removes everything it made, and a second removal does nothing', async () => {
    await Promise.all([a.down(), b.down()]);
    expect(await leftovers('ct10', 10)).toEqual([]);
    expect(await leftovers('ct11', 11)).toEqual([]);
    await expect(removeTestCluster('ct10')).resolves.toBeUndefined();
  });
});
