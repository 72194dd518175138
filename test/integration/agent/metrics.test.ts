/**
 * The linux engine's monitoring, through the built bundle, against this machine's real /proc,
 * df, and traffic and load that the test makes itself. Other work may run on the machine at the
 * same time, so each figure has a stated tolerance, and rates are checked with bounds that
 * extra activity cannot break: at least what the test caused, at most what /proc saw over a
 * window that encloses the agent's.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { openSync, closeSync, fsyncSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { connect, createServer, type Server } from 'node:net';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentNotifications } from '../../../agent/src/protocol/methods';
import type { MetricsSample, NodeStatus } from '../../../agent/src/protocol/metricsTypes';
import type { Hello } from '../../../agent/src/protocol/types';
import { AGENT_VERSION } from '../../../agent/src/protocol/version';
import { AgentProcess } from '../../support/agentProcess';
import { startCpuBurners } from '../../support/cpuBurners';

let agent: AgentProcess;

const ok = <T>(method: string, params: unknown = {}): Promise<T> => agent.ok<T>(method, params);

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const sh = (cmd: string, args: string[]): string => execFileSync(cmd, args, { encoding: 'utf8' });
const meminfoKiB = (key: string): number =>
  Number(new RegExp(`^${key}:\\s+(\\d+) kB$`, 'm').exec(readFileSync('/proc/meminfo', 'utf8'))?.[1]) * 1024;

/** Bytes read and written by the whole disks named `dev` in /proc/diskstats, as this test reads it. */
function diskBytes(devs: string[]): { read: number; write: number } {
  let read = 0;
  let write = 0;
  for (const line of readFileSync('/proc/diskstats', 'utf8').trim().split('\n')) {
    const f = line.trim().split(/\s+/);
    if (devs.includes(f[2] as string)) {
      read += Number(f[5]) * 512;
      write += Number(f[9]) * 512;
    }
  }
  return { read, write };
}

/** Bytes in and out of every interface but lo, from /proc/net/dev. */
function netBytes(): { rx: number; tx: number } {
  let rx = 0;
  let tx = 0;
  for (const line of readFileSync('/proc/net/dev', 'utf8').split('\n').slice(2)) {
    const [name, rest] = line.split(':');
    if (!rest || name?.trim() === 'lo') continue;
    const f = rest.trim().split(/\s+/);
    rx += Number(f[0]);
    tx += Number(f[8]);
  }
  return { rx, tx };
}

/** Two metrics.read calls around `work`, and what the test itself saw over an enclosing window. */
async function aroundWork<T>(read: () => T, work: () => Promise<void>) {
  const before = read();
  const first = await ok<MetricsSample>('metrics.read', {});
  await work();
  const second = await ok<MetricsSample>('metrics.read', {});
  const after = read();
  return { first, second, seconds: (second.at - first.at) / 1000, before, after };
}

/** A TCP echo round of `bytes` with a server at host:port; resolves when all came back. */
function echo(host: string, port: number, bytes: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, host, () => socket.end(Buffer.alloc(bytes, 7)));
    let got = 0;
    socket.on('data', (d: Buffer) => (got += d.length));
    socket.on('end', () => (got === bytes ? resolve() : reject(new Error(`echoed ${got} of ${bytes} bytes`))));
    socket.on('error', reject);
  });
}

const ECHO_SERVER = `require('net').createServer((s) => s.pipe(s)).listen(+process.argv[2], process.argv[1], () => console.log('up'))`;

beforeAll(async () => {
  agent = new AgentProcess();
  await ok('hello', { protocolVersion: 1 });
});
afterAll(() => agent.stop());

describe('metrics.read on this machine', () => {
  it('matches /proc, uname, getconf and df within the stated tolerances', async () => {
    const loadBefore = Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);
    const s = await ok<MetricsSample>('metrics.read', {});
    const loadAfter = Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);
    expect(s.hostname).toBe(hostname());
    expect(s.kernel).toBe(sh('uname', ['-r']).trim());
    expect(s.agentVersion).toBe(AGENT_VERSION);
    expect(s.cpuCount).toBe(Number(sh('getconf', ['_NPROCESSORS_ONLN'])));
    expect(Math.abs(s.at - Date.now())).toBeLessThan(2000);
    // Load: between the readings before and after, give or take 0.5.
    expect(s.load.one).toBeGreaterThanOrEqual(Math.min(loadBefore, loadAfter) - 0.5);
    expect(s.load.one).toBeLessThanOrEqual(Math.max(loadBefore, loadAfter) + 0.5);
    expect(s.loadPerCpu).toBeCloseTo(s.load.one / s.cpuCount, 10);
    // Memory: total exact; the moving figures within 5% of the total.
    expect(s.memory.totalBytes).toBe(meminfoKiB('MemTotal'));
    expect(Math.abs(s.memory.availableBytes - meminfoKiB('MemAvailable'))).toBeLessThan(0.05 * s.memory.totalBytes);
    expect(s.memory.swapTotalBytes).toBe(meminfoKiB('SwapTotal'));
    const uptime = Number(readFileSync('/proc/uptime', 'utf8').split(' ')[0]);
    expect(Math.abs(uptime - s.uptimeSec)).toBeLessThan(2);
    // Processes: numeric /proc entries now, within 10% (other tests start and end processes).
    const pids = readdirSync('/proc').filter((d) => /^\d+$/.test(d)).length;
    expect(Math.abs(s.processes.total - pids)).toBeLessThanOrEqual(Math.max(20, 0.1 * pids));
    expect(s.processes).toMatchObject({ frozen: expect.any(Number), mosixLocal: expect.any(Number), guests: 0 });
  });

  it("measures '/' as df -B1 does: total exact, used and available within 1%", async () => {
    const [disk] = (await ok<MetricsSample>('metrics.read', { disks: ['/'] })).disks;
    const [, total, used, avail] = sh('df', ['-B1', '--output=source,size,used,avail', '/'])
      .trim()
      .split('\n')[1]!
      .split(/\s+/)
      .map(Number);
    expect(disk).toMatchObject({ mount: '/', totalBytes: total });
    if (!disk || !('usedBytes' in disk)) throw new Error(`no figures for /: ${JSON.stringify(disk)}`);
    expect(Math.abs(disk.usedBytes - used!)).toBeLessThan(0.01 * total!);
    expect(Math.abs(disk.availableBytes - avail!)).toBeLessThan(0.01 * total!);
  });

  it('reports a bad disks entry as {mount, error} while the others still report', async () => {
    const s = await ok<MetricsSample>('metrics.read', { disks: ['/', '/nonexistent', '/proc'] });
    expect(s.disks.map((d) => d.mount)).toEqual(['/', '/nonexistent', '/proc']);
    expect(s.disks[0]).toMatchObject({ totalBytes: expect.any(Number) });
    expect(s.disks[1]).toEqual({ mount: '/nonexistent', error: expect.stringMatching(/no such file or directory/) });
    expect(s.disks[2]).toMatchObject({ mount: '/proc', totalBytes: 0 });
  });

  it('reports the CPU speed from the source the contract names', async () => {
    const { speed, cpuCount } = await ok<MetricsSample>('metrics.read', {});
    const cpufreq = '/sys/devices/system/cpu/cpu0/cpufreq/scaling_cur_freq';
    const mhz = [...readFileSync('/proc/cpuinfo', 'utf8').matchAll(/^cpu MHz\s*:\s*([\d.]+)$/gm)].map((m) =>
      Number(m[1]),
    );
    let hasCpufreq = true;
    try {
      readFileSync(cpufreq);
    } catch {
      hasCpufreq = false;
    }
    if (hasCpufreq) {
      expect(speed.source).toBe('cpufreq');
    } else {
      // This machine (a KVM guest) has no cpufreq: "cpu MHz" per online CPU, within 5%.
      expect(speed.source).toBe('cpuinfo');
      expect(Math.abs(speed.perCpuMhz - Math.max(...mhz))).toBeLessThan(0.05 * Math.max(...mhz));
      expect(Math.abs(speed.totalMhz - speed.perCpuMhz * cpuCount)).toBeLessThan(0.5 * speed.totalMhz);
    }
  });
});

describe('rates between two metrics.read calls of one session', () => {
  it('are null on a fresh session, then non-negative numbers', async () => {
    const fresh = new AgentProcess();
    try {
      await fresh.call(1, 'hello', { protocolVersion: 1 });
      const first = (await fresh.call(2, 'metrics.read', {})).result as MetricsSample;
      expect(Object.values(first.rates)).toEqual([null, null, null, null, null, null]);
      await sleep(300);
      const second = (await fresh.call(3, 'metrics.read', {})).result as MetricsSample;
      const { nfsRpcPerSec, ...rest } = second.rates;
      for (const v of Object.values(rest)) expect(v).toBeGreaterThanOrEqual(0);
      expect(first.hasNfs).toBe(false); // this machine has no NFS client
      expect(nfsRpcPerSec).toBeNull();
    } finally {
      fresh.stop();
    }
  });

  it('count 64 MiB written and fsynced to the root disk, and no more than the disks saw', async () => {
    // /var/tmp, not $TMPDIR: it must be on a disk, never a tmpfs.
    const dir = mkdtempSync('/var/tmp/mosdesk-metrics-');
    const devs = readFileSync('/proc/diskstats', 'utf8')
      .match(/^\s*\d+\s+\d+\s+(sd[a-z]+|vd[a-z]+|xvd[a-z]+|nvme\d+n\d+)\s/gm)!
      .map((l) => l.trim().split(/\s+/)[2] as string);
    const size = 64 * 2 ** 20;
    try {
      const r = await aroundWork(
        () => diskBytes(devs),
        async () => {
          const fd = openSync(join(dir, 'blob'), 'w');
          writeSync(fd, Buffer.alloc(size, 1));
          fsyncSync(fd);
          closeSync(fd);
        },
      );
      const written = r.second.rates.writeBytesPerSec! * r.seconds;
      expect(written).toBeGreaterThan(0.9 * size);
      expect(written).toBeLessThan((r.after.write - r.before.write) * 1.1 + 2 ** 20);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('leave loopback out: 32 MiB echoed over 127.0.0.1 does not show', async () => {
    const server: Server = createServer((s) => s.pipe(s));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    try {
      const r = await aroundWork(netBytes, () => echo('127.0.0.1', port, 32 * 2 ** 20));
      const outside = r.after.tx - r.before.tx;
      // Counted with lo, the agent's figure would exceed what the other interfaces saw by 32 MiB.
      expect(r.second.rates.netOutBytesPerSec! * r.seconds).toBeLessThanOrEqual(outside * 1.1 + 2 ** 20);
      expect(r.second.rates.netInBytesPerSec! * r.seconds).toBeLessThanOrEqual(
        (r.after.rx - r.before.rx) * 1.1 + 2 ** 20,
      );
    } finally {
      server.close();
    }
  });
});

describe('network rates on a real non-loopback interface', () => {
  // A veth pair into a network namespace of our own: traffic to 10.251.N.2 leaves through
  // the veth, an ordinary interface in /proc/net/dev, and never reaches any other machine.
  const ns = `mdmet${process.pid}`;
  const veth = `mdm${process.pid % 1_000_000}`;
  const net = `10.251.${process.pid % 250}`;
  let server: ChildProcess | undefined;

  beforeAll(async () => {
    sh('ip', ['netns', 'add', ns]);
    sh('ip', ['link', 'add', veth, 'type', 'veth', 'peer', 'name', 'peer0', 'netns', ns]);
    sh('ip', ['addr', 'add', `${net}.1/30`, 'dev', veth]);
    sh('ip', ['link', 'set', veth, 'up']);
    sh('ip', ['-n', ns, 'addr', 'add', `${net}.2/30`, 'dev', 'peer0']);
    sh('ip', ['-n', ns, 'link', 'set', 'peer0', 'up']);
    server = spawn('ip', ['netns', 'exec', ns, process.execPath, '-e', ECHO_SERVER, `${net}.2`, '7001']);
    await new Promise<void>((resolve, reject) => {
      server!.stdout!.once('data', () => resolve());
      server!.once('exit', (code) => reject(new Error(`echo server exited (${code})`)));
    });
  });
  afterAll(() => {
    server?.kill('SIGKILL');
    execFileSync('ip', ['link', 'del', veth], { stdio: 'ignore' });
    execFileSync('ip', ['netns', 'del', ns], { stdio: 'ignore' });
  });

  it('count 8 MiB sent and echoed back through a veth, and no more than /proc saw', async () => {
    const size = 8 * 2 ** 20;
    // A window of over a second: the agent's rate divides by its monotonic clock, this test
    // multiplies by the samples' wall-clock stamps, and over a 50 ms echo a millisecond
    // between the two is already 2%.
    const r = await aroundWork(netBytes, async () => {
      await echo(`${net}.2`, 7001, size);
      await sleep(1000);
    });
    const sent = r.second.rates.netOutBytesPerSec! * r.seconds;
    const received = r.second.rates.netInBytesPerSec! * r.seconds;
    // At least the payload (headers only add), at most what every non-lo interface counted.
    expect(sent).toBeGreaterThan(0.95 * size);
    expect(received).toBeGreaterThan(0.95 * size);
    expect(sent).toBeLessThan((r.after.tx - r.before.tx) * 1.1 + 2 ** 20);
    expect(received).toBeLessThan((r.after.rx - r.before.rx) * 1.1 + 2 ** 20);
  });
});

describe('the metrics stream', () => {
  it('shows two CPU burners: utilisation over 80% and both burners runnable', async () => {
    const burners = startCpuBurners(2);
    try {
      await sleep(300);
      const { subscriptionId } = await ok<{ subscriptionId: string }>('subscribe', {
        topic: 'metrics',
        intervalMs: 1000,
        disks: ['/', '/nonexistent'],
      });
      const ours = () =>
        agent.received.filter(
          (m) => m.method === 'metrics' && (m.params as { subscriptionId: string }).subscriptionId === subscriptionId,
        );
      await agent.waitFor(() => ours().length >= 3, 10_000);
      await ok('unsubscribe', { subscriptionId });
      const notes = ours().map((m) => m.params as AgentNotifications['metrics']);
      expect(Object.keys(notes[0]!).sort()).toEqual(['sample', 'subscriptionId']);
      const [first, ...rest] = notes.map((n) => n.sample);
      expect(first!.rates.cpuUtilPercent).toBeNull();
      const utils = rest.map((s) => s.rates.cpuUtilPercent!);
      expect(utils.reduce((a, b) => a + b, 0) / utils.length).toBeGreaterThan(80);
      // The 1-minute load moves too slowly for a few seconds; the runnable count does not.
      for (const s of rest) expect(s.load.running).toBeGreaterThanOrEqual(2);
      expect(first!.disks[1]).toEqual({ mount: '/nonexistent', error: expect.any(String) });
    } finally {
      burners.stop();
    }
  });
});

describe('status.read', () => {
  it('gives the mosctl status fields with honest linux values, util from the second call on', async () => {
    const fresh = new AgentProcess();
    try {
      await fresh.call(1, 'hello', { protocolVersion: 1 });
      const first = (await fresh.call(2, 'status.read', {})).result as NodeStatus;
      await sleep(300);
      const second = (await fresh.call(3, 'status.read', {})).result as NodeStatus;
      expect(first.utilPercent).toBeNull();
      expect(second.utilPercent).toBeGreaterThanOrEqual(0);
      expect(second.utilPercent).toBeLessThanOrEqual(100);
      expect(second).toMatchObject({
        status: expect.stringContaining('linux engine'),
        cpus: Number(sh('getconf', ['_NPROCESSORS_ONLN'])),
        avail: true,
        accept: { yes: false, reason: expect.stringContaining('migrated') },
        memory: { totalBytes: meminfoKiB('MemTotal') },
        swap: { totalBytes: meminfoKiB('SwapTotal') },
        guests: { current: 0, max: 0 },
      });
      expect(Math.abs(second.load - Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]))).toBeLessThan(0.5);
      expect(second.daemons).toHaveLength(4);
      expect(second.daemons.every((d) => d.state === 'not-applicable' && (d.reason ?? '').length > 0)).toBe(true);
    } finally {
      fresh.stop();
    }
  });
});

describe('hello', () => {
  it("names the node's non-loopback addresses, IPv4 first", async () => {
    // Interfaces may come and go while other tests run: compare with `ip` before and after.
    const ipv4 = (): string[] =>
      [...sh('ip', ['-o', '-4', 'addr', 'show']).matchAll(/^\d+: (\S+)\s+inet ([\d.]+)\//gm)]
        .filter((m) => m[1] !== 'lo')
        .map((m) => m[2] as string);
    const before = ipv4();
    const { addresses } = (await ok<Hello>('hello', { protocolVersion: 1 })).node;
    const after = ipv4();
    const v4 = addresses.filter((a) => a.includes('.'));
    for (const a of before.filter((x) => after.includes(x))) expect(v4).toContain(a);
    for (const a of v4) expect([...before, ...after]).toContain(a);
    expect(addresses.slice(0, v4.length)).toEqual(v4);
    expect(addresses).not.toContain('127.0.0.1');
    expect(addresses).not.toContain('::1');
  });
});
