import { describe, expect, it } from 'vitest';
import { statusVerdict } from '../../../../../agent/src/engines/mosix/detect';
import { parseMosctlStatus } from '../../../../../agent/src/engines/mosix/parse';
import { mosixNodeStatus } from '../../../../../agent/src/engines/mosix/status';
import { queueEntries } from '../../../../../agent/src/engines/mosix/queue';
import { parseMosq } from '../../../../../agent/src/engines/mosix/parse';
import type { NodeStatus } from '../../../../../agent/src/protocol/metricsTypes';

const LOCALSTATUS = `Status: Running Normally
Load: 0.29 (equivalent to about 0.29 CPU processes)
Speed: 10012 units
CPUS: 1
Frozen: 0
Util: 100%
Avail: YES
Procs: Running 1 MOSIX processes
Accept: Yes, will welcome processes from here
Memory: Available 903MB/1010MB
Swap: Available 0.8GB/0.9GB
Daemons:
Master Daemon: Up
MOSIX Daemon : Up
Queue Manager: Down
Remote Daemon: Up
Guest processes from grid: 0/10
`;

const LINUX: NodeStatus = {
  status: 'Running normally (linux engine: no MOSIX kernel)',
  load: 3,
  loadPerCpu: 1.5,
  speed: { perCpuMhz: 2000, totalMhz: 4000, source: 'cpuinfo' },
  cpus: 2,
  frozen: 4,
  utilPercent: 50,
  avail: true,
  procs: 0,
  accept: { yes: false, reason: 'linux' },
  memory: { availableBytes: 1, totalBytes: 2 },
  swap: { freeBytes: 0, totalBytes: 0 },
  daemons: [],
  guests: { current: 0, max: 0 },
};

describe('statusVerdict: does mosctl status say MOSIX runs?', () => {
  it.each<[string, string, boolean]>([
    ['running normally', 'Status: Running Normally\nLoad: 0\n', true],
    ['another running status', 'Status: Running, but blocked\n', true],
    ['not configured', 'Status: Not configured\n', false],
    ['MOSIX off', 'Status: MOSIX is not running\n', false],
    ['no Status line', 'Node #3 is not configured\n', false],
    ['empty', '', false],
  ])('%s', (_name, text, running) => {
    expect(statusVerdict(text).running).toBe(running);
  });
});

describe('mosixNodeStatus: mosctl localstatus over /proc', () => {
  const s = mosixNodeStatus(parseMosctlStatus(LOCALSTATUS).status, LINUX, []);
  it.each<[string, Partial<NodeStatus>]>([
    ['the Status text as printed', { status: 'Running Normally' }],
    ['load and CPUs from mosctl, load per CPU from them', { load: 0.29, cpus: 1, loadPerCpu: 0.29 }],
    ['frozen, util, avail, procs', { frozen: 0, utilPercent: 100, avail: true, procs: 1 }],
    ['accept with its sentence', { accept: { yes: true, reason: 'will welcome processes from here' } }],
    ['memory in bytes', { memory: { availableBytes: 903 * 1024 ** 2, totalBytes: 1010 * 1024 ** 2 } }],
    ['grid guests', { guests: { current: 0, max: 10 } }],
    ["the clock speed stays /proc's", { speed: LINUX.speed }],
  ])('%s', (_name, want) => {
    expect(s).toMatchObject(want);
  });
  it('lists every daemon, a down one with what it said, and the MOSIX speed units', () => {
    expect(s.daemons).toEqual([
      { name: 'Master Daemon', state: 'up' },
      { name: 'MOSIX Daemon', state: 'up' },
      { name: 'Queue Manager', state: 'down', reason: 'says Down' },
      { name: 'Remote Daemon', state: 'up' },
    ]);
    expect(s.mosix?.speedUnits).toBe(10012);
  });
  it('falls back to /proc for what mosctl does not print', () => {
    expect(mosixNodeStatus(parseMosctlStatus('Status: Running Normally\n').status, LINUX, [])).toMatchObject({
      load: 3,
      cpus: 2,
      frozen: 4,
      memory: LINUX.memory,
    });
  });
});

describe('queueEntries: mosq -j listall as the protocol has it', () => {
  const text = `PID    USER  MEM(MB)  GRID  PRI  JOBID FROM     COMMAND
21666  lior  -        NO    RUN  0     here     mosrun -b testload
21155  lior  1000     YES   20   7     cmos-17  mosrun testload
`;
  it('keeps the order, marks RUN, remembers when each was first seen, forgets those gone', () => {
    const seen = new Map<number, number>([[1, 10]]);
    const first = queueEntries(parseMosq(text, { jobIds: true }).rows, seen, 100);
    expect(first).toMatchObject([
      {
        position: 1,
        pid: 21666,
        running: true,
        priority: null,
        memMb: null,
        grid: false,
        jobId: 0,
        from: 'here',
        seenSince: 100,
      },
      { position: 2, pid: 21155, running: false, priority: 20, memMb: 1000, grid: true, jobId: 7, from: 'cmos-17' },
    ]);
    expect(queueEntries(parseMosq(text, { jobIds: true }).rows, seen, 200)[1]?.seenSince).toBe(100);
    expect(seen.has(1)).toBe(false);
  });
});
