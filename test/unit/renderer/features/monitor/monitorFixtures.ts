/** A small cluster for the monitor's tests: every kind of bar appears at least once. */
import type { Hello, MetricsSample, NodeView } from '../../../../../electron/api';
import type { MonitorNode } from '../../../../../renderer/src/features/monitor/nodeLabels';

export const KiB = 1024;
export const MiB = 1024 * KiB;
export const GiB = 1024 * MiB;

export const NOW = 1_700_000_000_000;

export function hello(engine: Hello['engine'], agentVersion = '0.4.0'): Hello {
  return {
    protocolVersion: 1,
    agentVersion,
    engine,
    engineReason: 'a test',
    node: { hostname: 'n', addresses: [], kernel: '6.1.0-18-amd64', cpuModel: 'x', cpuCount: 2 },
    user: { name: 'admin', uid: 1000, isRoot: false },
    jobFreezeMethod: 'cgroup',
    capabilities: {
      monitor: true,
      processes: true,
      freeze: true,
      signal: true,
      run: true,
      migrate: 'no',
      checkpoint: 'no',
      queue: 'no',
      grid: 'no',
    },
  };
}

/** node1's figures: a busy mosix node with every figure. */
export function fullSample(): MetricsSample {
  return {
    at: NOW - 500,
    hostname: 'node1',
    kernel: '6.1.0-18-amd64',
    agentVersion: '0.4.0',
    cpuCount: 2,
    load: { one: 1.52, five: 1, fifteen: 0.5, running: 2, total: 300 },
    loadPerCpu: 0.76,
    memory: {
      totalBytes: 7.8 * GiB,
      freeBytes: 1 * GiB,
      availableBytes: 4.7 * GiB,
      usedBytes: 3.1 * GiB,
      swapTotalBytes: 2 * GiB,
      swapFreeBytes: 1.5 * GiB,
    },
    disks: [
      { mount: '/', totalBytes: 100 * GiB, freeBytes: 60 * GiB, availableBytes: 55 * GiB, usedBytes: 40 * GiB },
      { mount: '/home', totalBytes: 400 * GiB, freeBytes: 200 * GiB, availableBytes: 190 * GiB, usedBytes: 200 * GiB },
    ],
    speed: { perCpuMhz: 2400, totalMhz: 4800, source: 'cpufreq' },
    rates: {
      cpuUtilPercent: 37.5,
      readBytesPerSec: 1.5 * MiB,
      writeBytesPerSec: 200 * KiB,
      netInBytesPerSec: 1_250_000,
      netOutBytesPerSec: 125_000,
      nfsRpcPerSec: 42,
    },
    hasNfs: true,
    processes: { total: 120, frozen: 2, mosixLocal: 1, guests: 3 },
    uptimeSec: 3 * 86_400 + 4 * 3600,
  };
}

/** node2's figures: a linux node's first sample (rates null), no NFS, no swap, an unreadable disk, clock unknown. */
export function firstLinuxSample(): MetricsSample {
  return {
    ...fullSample(),
    hostname: 'node2',
    cpuCount: 4,
    load: { one: 0.6, five: 0.5, fifteen: 0.4, running: 1, total: 200 },
    loadPerCpu: 0.15,
    memory: {
      totalBytes: 16 * GiB,
      freeBytes: 10 * GiB,
      availableBytes: 15 * GiB,
      usedBytes: 1 * GiB,
      swapTotalBytes: 0,
      swapFreeBytes: 0,
    },
    disks: [{ mount: '/scratch', error: 'EACCES: permission denied' }],
    speed: { perCpuMhz: 0, totalMhz: 0, source: 'unknown' },
    rates: {
      cpuUtilPercent: null,
      readBytesPerSec: null,
      writeBytesPerSec: null,
      netInBytesPerSec: null,
      netOutBytesPerSec: null,
      nfsRpcPerSec: null,
    },
    hasNfs: false,
    processes: { total: 80, frozen: 0, mosixLocal: 2, guests: 0 },
    uptimeSec: 3600,
  };
}

export function nodeView(id: string, patch: Partial<NodeView> = {}): NodeView {
  return { id, name: `${id}.lan`, state: 'up', since: NOW - 300_000, ...patch };
}

/** Up mosix with figures, up linux first sample, up with no sample, dead with a stale sample, auth failed. */
export function cluster(): MonitorNode[] {
  return [
    { node: nodeView('n1', { hello: hello('mosix') }), label: '1', sample: fullSample() },
    { node: nodeView('n2', { hello: hello('linux') }), label: '2', sample: firstLinuxSample() },
    { node: nodeView('n3', { hello: hello('linux', '0.3.9') }), label: '3' },
    {
      node: nodeView('n4', { state: 'dead', reason: 'The agent stopped answering.', since: NOW - 192_000 }),
      label: '4',
      sample: { ...fullSample(), load: { ...fullSample().load, one: 99 } },
    },
    { node: nodeView('n5', { state: 'auth-failed', since: NOW - 10_000 }), label: '5' },
  ];
}
