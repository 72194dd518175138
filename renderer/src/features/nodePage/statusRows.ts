/** The `mosctl status` / `localstatus` fields as label/value rows, with units. */
import type { NodeStatus } from '../../../../electron/api';
import { formatBytes, formatLoad } from '../../shared/format';

export interface StatusRow {
  key: string;
  label: string;
  value: string;
  /** Why, in a sentence, where the value needs one (accept, a daemon that is not up). */
  note?: string;
  /** Numbers align right; words do not. */
  numeric: boolean;
}

const yesNo = (v: boolean): string => (v ? 'yes' : 'no');

export const formatMhz = (mhz: number): string => (Number.isFinite(mhz) ? `${Math.round(mhz)} MHz` : '—');

const SPEED_SOURCES: Record<NodeStatus['speed']['source'], string> = {
  cpufreq: 'clock from cpufreq',
  cpuinfo: 'clock from /proc/cpuinfo',
  unknown: 'source unknown',
};

const DAEMON_STATES: Record<NodeStatus['daemons'][number]['state'], string> = {
  up: 'running',
  down: 'not running',
  'not-applicable': 'not applicable',
};

/** `free of total`, or that there is none. */
function freeOf(free: number, total: number): string {
  return total > 0 ? `${formatBytes(free)} free of ${formatBytes(total)}` : 'none configured';
}

const row = (key: string, label: string, value: string, numeric = true, note?: string): StatusRow =>
  note === undefined ? { key, label, value, numeric } : { key, label, value, numeric, note };

export function statusRows(s: NodeStatus): StatusRow[] {
  return [
    row('status', 'Status', s.status, false),
    row('avail', 'Available', yesNo(s.avail), false),
    row('accept', 'Accepts migrated processes', yesNo(s.accept.yes), false, s.accept.reason || undefined),
    row('cpus', 'CPUs', String(s.cpus)),
    row(
      'speed',
      'Speed',
      `${formatMhz(s.speed.perCpuMhz)} per CPU, ${formatMhz(s.speed.totalMhz)} in all`,
      true,
      SPEED_SOURCES[s.speed.source] ?? s.speed.source,
    ),
    row('load', 'Load (1 min)', `${formatLoad(s.load)} (${formatLoad(s.loadPerCpu)} per CPU)`),
    row(
      'util',
      'CPU use',
      s.utilPercent === null ? 'not measured yet' : `${s.utilPercent.toFixed(1)} %`,
      s.utilPercent !== null,
    ),
    row('procs', 'MOSIX processes here', String(s.procs)),
    row('frozen', 'Frozen processes', String(s.frozen)),
    row('guests', 'Guest processes', `${s.guests.current} of at most ${s.guests.max}`),
    row('memory', 'Memory', `${formatBytes(s.memory.availableBytes)} available of ${formatBytes(s.memory.totalBytes)}`),
    row('swap', 'Swap', freeOf(s.swap.freeBytes, s.swap.totalBytes)),
    ...mosixRows(s.mosix),
  ];
}

/** What mosctl says beyond the common fields: its speed in MOSIX units, and lines mosdesk does not know. */
function mosixRows(m: NodeStatus['mosix']): StatusRow[] {
  if (!m) return [];
  const rows = [
    row(
      'mosix-speed',
      'MOSIX speed',
      m.speedUnits === null ? 'not given' : String(m.speedUnits),
      m.speedUnits !== null,
      '10000 is a standard processor',
    ),
  ];
  m.other.forEach((o, i) => rows.push(row(`mosix-other-${i}`, o.label, o.value, false, 'as mosctl prints it')));
  if (m.problems.length)
    rows.push(row('mosix-problems', 'Unread mosctl lines', String(m.problems.length), true, m.problems.join('; ')));
  return rows;
}

/** One row per daemon of `mosctl localstatus`, its reason beside it when it is not up. */
export function daemonRows(s: NodeStatus): StatusRow[] {
  return s.daemons.map((d, i) =>
    row(`daemon-${i}`, d.name, DAEMON_STATES[d.state] ?? d.state, false, d.state === 'up' ? undefined : d.reason),
  );
}
