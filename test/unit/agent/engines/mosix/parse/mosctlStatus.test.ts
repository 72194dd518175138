import { describe, expect, it } from 'vitest';
import { parseMosctlStatus, type MosctlStatus } from '../../../../../../agent/src/engines/mosix/parse';

const MB = 2 ** 20;
const GB = 2 ** 30;

/** seeds/000 (January 2009 tutorial), `mosctl status`, verbatim. */
const STATUS_2009 =
  'Status: Running Normally\nLoad: 0.29 (equivalent to about 0.29 CPU processes)\nSpeed: 10012 units\nCPUS: 1\nFrozen: 0\nUtil: 100%\nAvail: YES\nProcs: Running 1 MOSIX processes\nAccept: Yes, will welcome processes from here\nMemory: Available 903MB/1010MB\n';

/** seeds/001 (July 2008 tutorial), `mosctl localstatus`, verbatim (a blank line after each line). */
const LOCALSTATUS_2008 =
  'Status: Running Normally\n\nLoad: 0\n\nSpeed: 3333 units\n\nCPUS: 1\n\nFrozen: 0\n\nUtil: 100%\n\nAvail: YES\n\nProcs: Running 0 MOSIX processes\n\nAccept: Yes, will welcome processes from here\n\nMemory: Available 93MB/249MB\n\nSwap: Available 0.8GB/0.9GB\n\nDaemons:\n\nMaster Daemon: Up\n\nMOSIX Daemon : Up\n\nQueue Manager: Up\n\nRemote Daemon: Up\n\nGuest processes from grid: 0/10\n';

const EMPTY: MosctlStatus = {
  status: null,
  runningNormally: false,
  load: null,
  loadCpuEquivalent: null,
  speed: null,
  cpus: null,
  frozen: null,
  utilPercent: null,
  available: null,
  mosixProcesses: null,
  accept: null,
  memory: null,
  swap: null,
  daemons: [],
  gridGuests: null,
  other: [],
};
const st = (s: Partial<MosctlStatus>): MosctlStatus => ({ ...EMPTY, ...s });
const up = (name: string) => ({ name, state: 'Up', up: true });
const welcome = { yes: true, text: 'will welcome processes from here' };

const ok: { name: string; input: string; want: MosctlStatus }[] = [
  {
    name: 'the 2009 seed (status)',
    input: STATUS_2009,
    want: st({
      status: 'Running Normally',
      runningNormally: true,
      load: 0.29,
      loadCpuEquivalent: 0.29,
      speed: 10012,
      cpus: 1,
      frozen: 0,
      utilPercent: 100,
      available: true,
      mosixProcesses: 1,
      accept: welcome,
      memory: { availableBytes: 903 * MB, totalBytes: 1010 * MB },
    }),
  },
  {
    name: 'the 2008 seed (localstatus, with its daemons)',
    input: LOCALSTATUS_2008,
    want: st({
      status: 'Running Normally',
      runningNormally: true,
      load: 0,
      speed: 3333,
      cpus: 1,
      frozen: 0,
      utilPercent: 100,
      available: true,
      mosixProcesses: 0,
      accept: welcome,
      memory: { availableBytes: 93 * MB, totalBytes: 249 * MB },
      swap: { availableBytes: Math.round(0.8 * GB), totalBytes: Math.round(0.9 * GB) },
      daemons: [up('Master Daemon'), up('MOSIX Daemon'), up('Queue Manager'), up('Remote Daemon')],
      gridGuests: { current: 0, max: 10 },
    }),
  },
  {
    name: 'another Status, a node that refuses, daemons down, CRLF and odd spacing',
    input:
      'Status:   Blocked (not accepting guests)  \r\nAvail:no\r\nAccept: No, will not accept processes from here\r\n' +
      'Daemons:\r\n   MOSIX Daemon :  Down\r\nQueue  Manager:up\r\n' +
      'Guest processes from the multi-cluster: 3 / 12\r\nUtil: 87.5 %\r\nMemory: Available 1.5GB/16GB\r\n',
    want: st({
      status: 'Blocked (not accepting guests)',
      available: false,
      accept: { yes: false, text: 'will not accept processes from here' },
      daemons: [
        { name: 'MOSIX Daemon', state: 'Down', up: false },
        { name: 'Queue Manager', state: 'up', up: true },
      ],
      gridGuests: { current: 3, max: 12 },
      utilPercent: 87.5,
      memory: { availableBytes: 1.5 * GB, totalBytes: 16 * GB },
    }),
  },
  {
    name: 'unknown labels kept, after the daemons too',
    input: 'Status: Running Normally\nDaemons:\nPostal Daemon: Up\nVersion: 4.4.4\nTokens: 3 of 5\n',
    want: st({
      status: 'Running Normally',
      runningNormally: true,
      daemons: [up('Postal Daemon')],
      other: [
        { label: 'Version', value: '4.4.4' },
        { label: 'Tokens', value: '3 of 5' },
      ],
    }),
  },
  {
    name: 'bare numbers where the units are left out, sizes in KB and bytes',
    input: 'Load: 2\nSpeed: 10000\nUtil: 50\nProcs: 4\nMemory: 512KB/2048KB\nSwap: Available 0/0\nAccept: yes\n',
    want: st({
      load: 2,
      speed: 10000,
      utilPercent: 50,
      mosixProcesses: 4,
      memory: { availableBytes: 512 * 1024, totalBytes: 2048 * 1024 },
      swap: { availableBytes: 0, totalBytes: 0 },
      accept: { yes: true, text: '' },
    }),
  },
  { name: 'empty output', input: '', want: EMPTY },
];

describe('parseMosctlStatus', () => {
  it.each(ok)('reads $name', ({ input, want }) => {
    const got = parseMosctlStatus(input);
    expect(got.problems).toEqual([]);
    expect(got.status).toEqual(want);
  });

  const bad: { name: string; line: string; reason: RegExp }[] = [
    { name: 'a line with no label', line: 'Node #5 is not configured', reason: /not a "Label: value" line/ },
    { name: 'a load that is no number', line: 'Load: high', reason: /Load "high" is not a number/ },
    {
      name: 'a load with a strange tail',
      line: 'Load: 0.29 (about 2)',
      reason: /Load "0.29 \(about 2\)" is not a load/,
    },
    { name: 'a speed in other units', line: 'Speed: 12 GHz', reason: /Speed "12 GHz"/ },
    { name: 'CPUS negative', line: 'CPUS: -1', reason: /CPUS "-1" is not a number/ },
    { name: 'Avail maybe', line: 'Avail: MAYBE', reason: /Avail "MAYBE" is not YES or NO/ },
    { name: 'Procs without a count', line: 'Procs: Running some MOSIX processes', reason: /Procs/ },
    { name: 'Accept with no answer', line: 'Accept: perhaps', reason: /Accept "perhaps" is not a yes or no/ },
    { name: 'memory in PB', line: 'Memory: Available 1PB/2PB', reason: /Memory "1PB" is not a size/ },
    { name: 'memory without a total', line: 'Memory: Available 903MB', reason: /Memory "Available 903MB"/ },
    { name: 'guests as words', line: 'Guest processes from grid: none', reason: /like "0\/10"/ },
    { name: 'Daemons with a value', line: 'Daemons: 4', reason: /Daemons "4" is not empty/ },
    { name: 'a label given twice', line: 'Status: Stopped', reason: /"Status" was already given/ },
  ];
  it.each(bad)('reports $name and reads the other lines', ({ line, reason }) => {
    const got = parseMosctlStatus(`Status: Running Normally\n${line}\nFrozen: 2\n`);
    expect(got.status).toMatchObject({ status: 'Running Normally', frozen: 2 });
    expect(got.problems).toHaveLength(1);
    expect(got.problems[0]).toMatchObject({ line: 2, text: line });
    expect(got.problems[0]?.reason).toMatch(reason);
  });

  it('ends the daemon block at the first line that is not Up or Down', () => {
    const got = parseMosctlStatus('Daemons:\nMaster Daemon: Up\nRemote Daemon: Starting\nCPUS: 2\n');
    expect(got.status.daemons).toEqual([up('Master Daemon')]);
    expect(got.status.other).toEqual([{ label: 'Remote Daemon', value: 'Starting' }]);
    expect(got.status.cpus).toBe(2);
  });
});
