/** What each sub-view of the monitor must make of the small cluster in monitorFixtures. */
import type { Bar } from '../../../../../renderer/src/features/monitor/chartModel';
import type { DisplayId } from '../../../../../renderer/src/features/monitor/displayKeys';

export type Want = Partial<Omit<Bar, 'segments'>> & { segments?: number[] };

export const WAITING: Want = { kind: 'waiting', segments: [], text: 'Up, waiting for the first sample.' };
const NEEDS_SECOND: Want = { kind: 'na', segments: [], reason: 'needs a second sample' };
const CLOCK = "clock speed: the linux engine reports MHz, not MOSIX's standard-CPU units";

export interface Row {
  display: DisplayId;
  sub: number;
  title: string;
  unit: string;
  max: number;
  segments: string[];
  /** Bars of n1, n2, n3 (n4 and n5 are dead in every view). */
  bars: [Want, Want, Want];
}

export const rows: Row[] = [
  {
    display: 'load',
    sub: 0,
    title: 'Load per CPU',
    unit: '',
    max: 1,
    segments: ['load per CPU'],
    bars: [
      { kind: 'value', segments: [0.76], text: 'load 1.52 (0.76 per CPU, 2 CPUs)' },
      { kind: 'value', segments: [0.15], text: 'load 0.60 (0.15 per CPU, 4 CPUs)' },
      WAITING,
    ],
  },
  {
    display: 'load',
    sub: 1,
    title: 'Load + frozen',
    unit: '',
    max: 2,
    segments: ['load per CPU', 'frozen per CPU'],
    bars: [
      { kind: 'value', segments: [0.76, 1], text: 'load 1.52 (0.76 per CPU, 2 CPUs), frozen 2 (1.00 per CPU)' },
      { kind: 'value', segments: [0.15, 0], text: 'load 0.60 (0.15 per CPU, 4 CPUs), frozen 0 (0.00 per CPU)' },
      WAITING,
    ],
  },
  {
    display: 'load',
    sub: 2,
    title: 'Frozen processes',
    unit: 'processes',
    max: 2,
    segments: ['frozen'],
    bars: [
      { kind: 'value', segments: [2], text: '2 frozen processes' },
      { kind: 'value', segments: [0], text: '0 frozen processes' },
      WAITING,
    ],
  },
  {
    display: 'memory',
    sub: 0,
    title: 'Memory',
    unit: 'GiB',
    max: 20,
    segments: ['used', 'free'],
    bars: [
      { kind: 'value', segments: [3.1, 4.7], text: '3.1 GiB used of 7.8 GiB' },
      { kind: 'value', segments: [1, 15], text: '1.0 GiB used of 16.0 GiB' },
      WAITING,
    ],
  },
  {
    display: 'memory',
    sub: 1,
    title: 'Swap',
    unit: 'GiB',
    max: 2,
    segments: ['used', 'free'],
    bars: [
      { kind: 'value', segments: [0.5, 1.5], text: '512 MiB used of 2.0 GiB swap' },
      { kind: 'na', segments: [], reason: 'this node has no swap space' },
      WAITING,
    ],
  },
  {
    display: 'memory',
    sub: 2,
    title: 'Disk space',
    unit: 'GiB',
    max: 500,
    segments: ['used', 'free'],
    bars: [
      { kind: 'value', segments: [240, 260], text: '240 GiB used of 500 GiB on /, /home' },
      {
        kind: 'na',
        reason: '/scratch: EACCES: permission denied',
        text: 'Not available: /scratch: EACCES: permission denied.',
      },
      WAITING,
    ],
  },
  {
    display: 'grid',
    sub: 0,
    title: 'Local and guest processes',
    unit: 'processes',
    max: 4,
    segments: ['local', 'guests'],
    bars: [
      { kind: 'value', segments: [1, 3], text: '1 local process, 3 guest processes' },
      {
        kind: 'na',
        segments: [],
        reason: 'plain Linux nodes take no guest processes',
        text: '2 local processes; guests not available: plain Linux nodes take no guest processes.',
      },
      WAITING,
    ],
  },
  {
    display: 'grid',
    sub: 1,
    title: 'Priority',
    unit: '',
    max: 1,
    segments: ['priority'],
    bars: [
      { kind: 'na', reason: 'the agent does not report the MOSIX priority yet' },
      { kind: 'na', reason: 'plain Linux nodes have no MOSIX grid priority' },
      WAITING,
    ],
  },
  {
    display: 'io',
    sub: 0,
    title: 'Disk read',
    unit: 'MiB/s',
    max: 1.5,
    segments: ['read'],
    bars: [{ kind: 'value', segments: [1.5], text: 'read 1.5 MiB/s' }, NEEDS_SECOND, WAITING],
  },
  {
    display: 'io',
    sub: 1,
    title: 'Disk write',
    unit: 'KiB/s',
    max: 200,
    segments: ['write'],
    bars: [{ kind: 'value', segments: [200], text: 'write 200 KiB/s' }, NEEDS_SECOND, WAITING],
  },
  {
    display: 'io',
    sub: 2,
    title: 'Disk read + write',
    unit: 'MiB/s',
    max: 2,
    segments: ['read', 'write'],
    bars: [
      { kind: 'value', segments: [1.5, 0.1953125], text: 'read 1.5 MiB/s + write 200 KiB/s = 1.7 MiB/s' },
      NEEDS_SECOND,
      WAITING,
    ],
  },
  {
    display: 'network',
    sub: 0,
    title: 'Network in',
    unit: 'Mbit/s',
    max: 10,
    segments: ['in'],
    bars: [{ kind: 'value', segments: [10], text: 'in 10.0 Mbit/s (1.2 MiB/s)' }, NEEDS_SECOND, WAITING],
  },
  {
    display: 'network',
    sub: 1,
    title: 'Network out',
    unit: 'Mbit/s',
    max: 1,
    segments: ['out'],
    bars: [{ kind: 'value', segments: [1], text: 'out 1.0 Mbit/s (122 KiB/s)' }, NEEDS_SECOND, WAITING],
  },
  {
    display: 'network',
    sub: 2,
    title: 'Network in + out',
    unit: 'Mbit/s',
    max: 12,
    segments: ['in', 'out'],
    bars: [
      {
        kind: 'value',
        segments: [10, 1],
        text: 'in 10.0 Mbit/s (1.2 MiB/s) + out 1.0 Mbit/s (122 KiB/s) = 11.0 Mbit/s (1.3 MiB/s)',
      },
      NEEDS_SECOND,
      WAITING,
    ],
  },
  {
    display: 'network',
    sub: 3,
    title: 'NFS RPC',
    unit: 'calls/s',
    max: 50,
    segments: ['RPC calls'],
    bars: [
      { kind: 'value', segments: [42], text: '42.0 NFS RPC calls/s' },
      { kind: 'na', reason: 'this node has no NFS client', text: 'Not available: this node has no NFS client.' },
      WAITING,
    ],
  },
  {
    display: 'status',
    sub: 0,
    title: 'CPU speed (clock MHz, not MOSIX speed units)',
    unit: 'MHz',
    max: 2500,
    segments: ['MHz per CPU'],
    bars: [
      { kind: 'value', segments: [2400], text: `2400 MHz per CPU, 4800 MHz over 2 CPUs (${CLOCK})` },
      { kind: 'na', reason: 'the node does not report its CPU clock' },
      WAITING,
    ],
  },
  {
    display: 'status',
    sub: 1,
    title: 'Status',
    unit: '',
    max: 1,
    segments: [],
    bars: [
      { kind: 'caption', segments: [], caption: 'up', text: 'Up, mosix engine, connected for 5m 0s.' },
      { kind: 'caption', caption: 'up', text: 'Up, linux engine, connected for 5m 0s.' },
      { kind: 'caption', caption: 'up', text: 'Up, linux engine, connected for 5m 0s.' },
    ],
  },
  {
    display: 'status',
    sub: 2,
    title: 'Version (agent)',
    unit: '',
    max: 1,
    segments: [],
    bars: [
      { kind: 'caption', caption: '0.4.0', text: 'agent 0.4.0, kernel 6.1.0-18-amd64' },
      { kind: 'caption', caption: '0.4.0', text: 'agent 0.4.0, kernel 6.1.0-18-amd64' },
      // No sample yet: the hello says it.
      { kind: 'caption', caption: '0.3.9', text: 'agent 0.3.9, kernel 6.1.0-18-amd64' },
    ],
  },
  {
    display: 'status',
    sub: 3,
    title: 'Uptime',
    unit: 'days',
    max: 4,
    segments: ['uptime'],
    bars: [
      { kind: 'value', segments: [3 + 4 / 24], caption: '3 d 4 h', text: 'booted 3d 4h 0m ago' },
      { kind: 'value', segments: [1 / 24], caption: '1 h 0 m', text: 'booted 1h 0m ago' },
      WAITING,
    ],
  },
  {
    display: 'util',
    sub: 0,
    title: 'Utilisation (CPU busy)',
    unit: '%',
    max: 100,
    segments: ['busy'],
    bars: [{ kind: 'value', segments: [37.5], text: '37.5% busy over 2 CPUs' }, NEEDS_SECOND, WAITING],
  },
];
