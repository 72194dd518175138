/**
 * Test cluster nodes that differ: each node in cgroups of its own (cpuset, memory, cpu, cpuacct)
 * and LXCFS's views of /proc for them, checked from inside (nsenter, and a real ssh login) and
 * from the host's kernel. Root only. Subnets 14 and 15 (see test/cluster/README.md).
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusterCgroups } from '../../cluster/cgroups';
import { must, sleep, until } from '../../cluster/exec';
import { cpuList, innermostPid, pidList } from '../../cluster/kernelText';
import { LXCFS_MOUNT, LXCFS_VIEWS } from '../../cluster/lxcfs';
import { ssh } from '../../cluster/sshClient';
import { removeTestCluster, startTestCluster, type TestCluster } from '../../cluster/testCluster';
import { ensureDebianPackages, REQUIREMENTS } from '../../setup/debianPackages';
import { ROOT } from '../../support/dist';

const CLUSTER_PACKAGES = ['openssh-server', 'openssh-client', 'iproute2', 'util-linux', 'lxcfs'];
const CONTROLLERS = ['cpuset', 'memory', 'cpu', 'cpuacct'];
/** What a node says about its CPUs and memory, one figure a line. */
const FIGURES =
  'nproc; getconf _NPROCESSORS_ONLN; grep -c ^processor /proc/cpuinfo; grep -c "^cpu[0-9]" /proc/stat; ' +
  'cat /sys/devices/system/cpu/online; grep ^MemTotal: /proc/meminfo';
const BURNER = "sh -c 'while :; do :; done' </dev/null >/dev/null 2>&1 & echo $!";

let c: TestCluster;
let startedAt: number;
const hostCpus = cpuList(readFileSync('/sys/devices/system/cpu/online', 'utf8'));

/** nproc, online CPUs, processors in cpuinfo, cpuN lines in /proc/stat, the online list, MemTotal in kB. */
function figures(text: string): (string | number)[] {
  const [nproc, online, processors, statCpus, list, mem] = text.trim().split('\n');
  const kb = /^MemTotal:\s+(\d+) kB$/.exec(mem ?? '')?.[1];
  return [Number(nproc), Number(online), Number(processors), Number(statCpus), list ?? '', Number(kb)];
}

/** Controller -> cgroup path, from /proc/<pid>/cgroup (co-mounted controllers split). */
function cgroupPaths(text: string): Record<string, string> {
  const paths: Record<string, string> = {};
  for (const [, controllers, path] of text.matchAll(/^\d+:([^:]*):(.*)$/gm)) {
    for (const controller of (controllers as string).split(',')) paths[controller] = path as string;
  }
  return paths;
}

function expectInCgroup(cgroupText: string, name: string): void {
  const paths = cgroupPaths(cgroupText);
  expect(CONTROLLERS.map((controller) => paths[controller])).toEqual(CONTROLLERS.map(() => `/${name}`));
}

/** Busy jiffies (all but idle and iowait) on the "cpu" line of a /proc/stat. */
function busyJiffies(stat: string): number {
  const fields = (/^cpu\s+([\d ]+)$/m.exec(stat)?.[1] ?? '').trim().split(/\s+/).map(Number);
  return fields.reduce((sum, v, i) => (i === 3 || i === 4 ? sum : sum + v), 0);
}

const statOf = async (k: number) => busyJiffies((await c.run(k, ['cat', '/proc/stat'])).stdout);
const loadOf = async (k: number) => (await c.run(k, ['cat', '/proc/loadavg'])).stdout.trim().split(' ');

beforeAll(async () => {
  ensureDebianPackages(REQUIREMENTS.filter((r) => CLUSTER_PACKAGES.includes(r.pkg)));
  startedAt = Date.now();
  c = await startTestCluster({ name: 'ct14', nodes: 3, subnet: 14, cpus: { 1: 1 }, mem: { 1: '512M', 2: '1G' } });
});

afterAll(async () => {
  await removeTestCluster('ct14');
  await removeTestCluster('ct15');
});

describe('test cluster nodes of their own size', () => {
  it('gives node1 one CPU and 512 MiB, inside (nsenter) and to an ssh login alike', async () => {
    const want = [1, 1, 1, 1, String(hostCpus[0]), 524288];
    expect(figures((await c.run(1, ['sh', '-c', FIGURES])).stdout)).toEqual(want);
    const login = await ssh(c, 'node1', FIGURES);
    expect(login.stderr).toBe('');
    expect(figures(login.stdout)).toEqual(want);
  });

  it('gives node2 1 GiB and every CPU, and node3 the whole machine', async () => {
    const all = hostCpus.length;
    const list = readFileSync('/sys/devices/system/cpu/online', 'utf8').trim();
    expect(figures((await ssh(c, 'node2', FIGURES)).stdout)).toEqual([all, all, all, all, list, 1048576]);
    const hostKb = Number(/^MemTotal:\s+(\d+) kB$/m.exec(readFileSync('/proc/meminfo', 'utf8'))?.[1]);
    expect(figures((await ssh(c, 'node3', FIGURES)).stdout)).toEqual([all, all, all, all, list, hostKb]);
  });

  it('shows every node all eight LXCFS views, in its own mount namespace only', async () => {
    const lxcfsMounts = (mountinfo: string) =>
      mountinfo
        .split('\n')
        .filter((l) => / - fuse\.lxcfs /.test(l))
        .map((l) => l.split(' ')[4]);
    for (const k of [1, 2, 3]) {
      const inNode = lxcfsMounts((await c.run(k, ['cat', '/proc/self/mountinfo'])).stdout);
      expect(LXCFS_VIEWS.filter((view) => !inNode.includes(view))).toEqual([]);
    }
    const onHost = lxcfsMounts(readFileSync('/proc/self/mountinfo', 'utf8'));
    expect(onHost).toContain(LXCFS_MOUNT);
    expect(onHost.filter((m) => (LXCFS_VIEWS as readonly string[]).includes(m as string))).toEqual([]);
  });

  it('puts every process of a node in its cgroups: sshd, what it starts, and runInNode', async () => {
    for (const k of [1, 2, 3]) {
      const pids = pidList(await must('ip', ['netns', 'pids', `mdt-ct14-${k}`]));
      expect(pids.length).toBeGreaterThan(0);
      for (const pid of pids) expectInCgroup(readFileSync(`/proc/${pid}/cgroup`, 'utf8'), `mdt-ct14-${k}`);
    }
    expectInCgroup((await ssh(c, 'node1', 'cat /proc/self/cgroup')).stdout, 'mdt-ct14-1');
    expectInCgroup((await c.run(2, ['cat', '/proc/self/cgroup'])).stdout, 'mdt-ct14-2');
    expect(c.node(3).cgroup).toBe('mdt-ct14-3');
  });

  it('counts a CPU burner on node2 as node2 CPU time and load, not node3', { timeout: 60_000 }, async () => {
    const burner = Number((await ssh(c, 'node2', BURNER)).stdout.trim());
    expect(burner).toBeGreaterThan(1);
    try {
      // Its cgroup, as the node sees it, and its host pid in node2's cgroup as the kernel lists it.
      expectInCgroup((await ssh(c, 'node2', `cat /proc/${burner}/cgroup`)).stdout, 'mdt-ct14-2');
      const procs = pidList(readFileSync('/sys/fs/cgroup/cpuacct/mdt-ct14-2/cgroup.procs', 'utf8'));
      const inner = procs.map((pid) => innermostPid(readFileSync(`/proc/${pid}/status`, 'utf8'))?.pid);
      expect(inner).toContain(burner);
      const [b2, b3] = [await statOf(2), await statOf(3)];
      await sleep(3_000);
      const [d2, d3] = [(await statOf(2)) - b2, (await statOf(3)) - b3];
      console.log(`busy jiffies in 3 s: node2 ${d2}, node3 ${d3}`);
      expect(d2).toBeGreaterThan(100);
      expect(d3).toBeLessThan(d2 / 5);
      // LXCFS samples each cgroup's tasks every 5 s; the 1-minute load rises by ~0.08 a sample.
      const load2 = await until(
        'node2 load to rise',
        40_000,
        async () => {
          const load = await loadOf(2);
          return Number(load[0]) >= 0.05 ? load : undefined;
        },
        1_000,
      );
      const load3 = await loadOf(3);
      console.log(`loadavg: node2 ${load2.join(' ')}, node3 ${load3.join(' ')}`);
      expect(Number(load3[0])).toBeLessThan(Number(load2[0]));
      // running/total tasks: the node's few processes, not the host's hundreds.
      expect(Number(load3[3]?.split('/')[1])).toBeLessThan(10);
    } finally {
      await ssh(c, 'node2', `kill ${burner}`);
    }
  });

  it('gives each node its own uptime, counted from its start', async () => {
    const elapsed = (Date.now() - startedAt) / 1000;
    const node = Number((await c.run(1, ['cat', '/proc/uptime'])).stdout.split(' ')[0]);
    const host = Number(readFileSync('/proc/uptime', 'utf8').split(' ')[0]);
    expect(node).toBeLessThanOrEqual(elapsed);
    expect(node).toBeLessThan(host);
  });

  it('removes a node cgroups when it stops, and every one of them with the cluster', async () => {
    const names = () => [...new Set(clusterCgroups('ct14').map((p) => p.slice(p.lastIndexOf('/') + 1)))].sort();
    expect(names()).toEqual(['mdt-ct14-1', 'mdt-ct14-2', 'mdt-ct14-3']);
    await c.stopNode(1);
    expect(names()).toEqual(['mdt-ct14-2', 'mdt-ct14-3']);
    await c.startNode(1);
    expect(figures((await ssh(c, 'node1', FIGURES)).stdout)).toEqual([1, 1, 1, 1, String(hostCpus[0]), 524288]);
    expect(Number((await c.run(1, ['cat', '/proc/uptime'])).stdout.split(' ')[0])).toBeLessThan(5);
    await c.down();
    expect(clusterCgroups('ct14')).toEqual([]);
    expect(readdirSync('/sys/fs/cgroup/memory').filter((e) => e.startsWith('mdt-ct14-'))).toEqual([]);
    // The shared LXCFS stays for the other clusters on this machine.
    expect(readFileSync('/proc/self/mounts', 'utf8')).toContain(` ${LXCFS_MOUNT} fuse.lxcfs `);
  });

  it('removes the cgroups of a start that was killed halfway', async () => {
    const args = [
      'tsx',
      'test/cluster/cli.ts',
      'up',
      '--name',
      'ct15',
      '--nodes',
      '2',
      '--subnet',
      '15',
      '--mem',
      '1=256M',
    ];
    const cli = spawn('npx', args, { cwd: ROOT, stdio: 'ignore', detached: true });
    const made = () => (existsSync('/sys/fs/cgroup/memory/mdt-ct15-1') ? true : undefined);
    await until('the start to make its first cgroup', 20_000, async () => made(), 2);
    process.kill(-(cli.pid as number), 'SIGKILL');
    await removeTestCluster('ct15');
    expect(clusterCgroups('ct15')).toEqual([]);
    expect((await must('ip', ['netns', 'list'])).split('\n').filter((l) => l.startsWith('mdt-ct15-'))).toEqual([]);
  });
});
