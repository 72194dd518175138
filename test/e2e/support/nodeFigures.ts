/** What a test node's own /proc and /sys say, read inside its namespaces and cgroups (so LXCFS's views apply). */
import { parseDiskStats, wholeDisks } from '../../../agent/src/parsers/diskstats';
import type { TestCluster } from '../../cluster/testCluster';

async function read(cluster: TestCluster, k: number, argv: string[]): Promise<string> {
  const result = await cluster.run(k, argv);
  if (result.code !== 0) throw new Error(`${argv.join(' ')} on node ${k} failed: ${result.stderr}`);
  return result.stdout;
}

export async function meminfo(cluster: TestCluster, k: number): Promise<Record<string, number>> {
  const text = await read(cluster, k, ['cat', '/proc/meminfo']);
  const fields: Record<string, number> = {};
  for (const line of text.split('\n')) {
    const m = /^(\w+):\s+(\d+)(?: kB)?$/.exec(line.trim());
    if (m) fields[m[1]!] = Number(m[2]) * (line.includes('kB') ? 1024 : 1);
  }
  return fields;
}

/** The 1-minute load and the online CPU count. */
export async function loadAndCpus(cluster: TestCluster, k: number): Promise<{ load: number; cpus: number }> {
  const out = await read(cluster, k, ['sh', '-c', 'cat /proc/loadavg; nproc']);
  const [loadavg, nproc] = out.trim().split('\n');
  return { load: Number(loadavg!.split(' ')[0]), cpus: Number(nproc) };
}

export async function uptimeSec(cluster: TestCluster, k: number): Promise<number> {
  return Number((await read(cluster, k, ['cat', '/proc/uptime'])).split(' ')[0]);
}

/** Size and used bytes of the file system at `/`, as df says. */
export async function rootDisk(cluster: TestCluster, k: number): Promise<{ size: number; used: number }> {
  const out = await read(cluster, k, ['df', '-B1', '--output=size,used', '/']);
  const [size, used] = out.trim().split('\n')[1]!.trim().split(/\s+/).map(Number);
  return { size: size!, used: used! };
}

/** Bytes received and sent by every interface but loopback, from the node's /proc/net/dev. */
export async function netBytes(cluster: TestCluster, k: number): Promise<{ rx: number; tx: number }> {
  const text = await read(cluster, k, ['cat', '/proc/net/dev']);
  const sum = { rx: 0, tx: 0 };
  for (const line of text.split('\n').slice(2)) {
    const [name, rest] = line.split(':');
    if (!rest || name!.trim() === 'lo') continue;
    const f = rest.trim().split(/\s+/).map(Number);
    sum.rx += f[0]!;
    sum.tx += f[8]!;
  }
  return sum;
}

/** Bytes read and written by the whole disks in the node's /proc/diskstats (partitions not twice). */
export async function diskBytes(cluster: TestCluster, k: number): Promise<{ read: number; written: number }> {
  const disks = wholeDisks(parseDiskStats(await read(cluster, k, ['cat', '/proc/diskstats'])));
  return disks.reduce((s, d) => ({ read: s.read + d.readBytes, written: s.written + d.writeBytes }), {
    read: 0,
    written: 0,
  });
}

/** The fastest CPU's "cpu MHz" in the node's /proc/cpuinfo. */
export async function cpuinfoMhz(cluster: TestCluster, k: number): Promise<number> {
  const text = await read(cluster, k, ['cat', '/proc/cpuinfo']);
  const mhz = [...text.matchAll(/^cpu MHz\s*:\s*([\d.]+)/gm)].map((m) => Number(m[1]));
  return Math.max(...mhz);
}

export async function hasNfsClient(cluster: TestCluster, k: number): Promise<boolean> {
  return (await cluster.run(k, ['test', '-e', '/proc/net/rpc/nfs'])).code === 0;
}

/** Starts a program in the background inside node k; returns a stop function (kills it by its pid in the node). */
export async function startInNode(cluster: TestCluster, k: number, script: string): Promise<() => Promise<void>> {
  const pid = (await read(cluster, k, ['sh', '-c', `(${script}) >/dev/null 2>&1 </dev/null & echo $!`])).trim();
  return async () => void (await cluster.run(k, ['kill', pid]));
}
