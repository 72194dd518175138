import { describe, expect, it } from 'vitest';
import { buildNodeStatus, LINUX_STATUS } from '../../../../../../agent/src/engines/linux/metrics/status';
import type { MetricsSample } from '../../../../../../agent/src/protocol/metricsTypes';

const SAMPLE: MetricsSample = {
  at: 1_700_000_000_000,
  hostname: 'node7',
  kernel: '6.1.0-18-amd64',
  agentVersion: '0.1.0',
  cpuCount: 2,
  load: { one: 1.5, five: 1, fifteen: 0.5, running: 3, total: 250 },
  loadPerCpu: 0.75,
  memory: {
    totalBytes: 1010 * 2 ** 20,
    freeBytes: 100 * 2 ** 20,
    availableBytes: 903 * 2 ** 20,
    usedBytes: 107 * 2 ** 20,
    swapTotalBytes: 900 * 2 ** 20,
    swapFreeBytes: 800 * 2 ** 20,
  },
  disks: [],
  speed: { perCpuMhz: 2793.438, totalMhz: 5586.876, source: 'cpuinfo' },
  rates: {
    cpuUtilPercent: 42.5,
    readBytesPerSec: 0,
    writeBytesPerSec: 0,
    netInBytesPerSec: 0,
    netOutBytesPerSec: 0,
    nfsRpcPerSec: null,
  },
  hasNfs: false,
  processes: { total: 180, frozen: 1, mosixLocal: 3, guests: 0 },
  uptimeSec: 100,
};

describe('buildNodeStatus', () => {
  it('gives the mosctl status fields with honest linux values', () => {
    const status = buildNodeStatus(SAMPLE);
    expect(status).toMatchObject({
      status: LINUX_STATUS,
      load: 1.5,
      loadPerCpu: 0.75,
      speed: SAMPLE.speed,
      cpus: 2,
      frozen: 1,
      utilPercent: 42.5,
      avail: true,
      procs: 3,
      accept: { yes: false, reason: expect.stringMatching(/cannot receive migrated processes/) },
      memory: { availableBytes: 903 * 2 ** 20, totalBytes: 1010 * 2 ** 20 },
      swap: { freeBytes: 800 * 2 ** 20, totalBytes: 900 * 2 ** 20 },
      guests: { current: 0, max: 0 },
    });
    expect(status.daemons.map((d) => d.name)).toEqual([
      'Master Daemon',
      'MOSIX Daemon',
      'Queue Manager',
      'Remote Daemon',
    ]);
    for (const d of status.daemons) {
      expect(d.state).toBe('not-applicable');
      expect(d.reason).toMatch(/\w+.*\.$/);
    }
  });

  it('passes a first-sample null util through rather than inventing one', () => {
    expect(buildNodeStatus({ ...SAMPLE, rates: { ...SAMPLE.rates, cpuUtilPercent: null } }).utilPercent).toBeNull();
  });

  it('hands out copies, so a caller cannot change the next status', () => {
    const first = buildNodeStatus(SAMPLE);
    first.daemons[0]!.state = 'up';
    first.accept.yes = true;
    const second = buildNodeStatus(SAMPLE);
    expect(second.daemons[0]!.state).toBe('not-applicable');
    expect(second.accept.yes).toBe(false);
  });
});
