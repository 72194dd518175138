/**
 * The process table's columns: mosps's (WHERE, FROM, CLASS, FRZ, DUE, NMIGS, ORIGPID, Job ID)
 * and ps's (USER, STAT, %CPU, RSS, TTY, START, TIME, COMMAND), with the node first. Each says how
 * it sorts and how it reads; the table draws them all the same way.
 */
import { formatBytes } from '../../shared/format';
import type { ProcEntry } from './procEntry';
import { cpuTime, startTime } from './procTime';
import { visibleText } from './visibleText';

export const COLUMN_IDS = [
  'node',
  'pid',
  'user',
  'stat',
  'cpu',
  'rss',
  'tty',
  'start',
  'time',
  'where',
  'from',
  'class',
  'frz',
  'due',
  'nmigs',
  'origpid',
  'jobid',
  'command',
] as const;
export type ColumnId = (typeof COLUMN_IDS)[number];

export interface Column {
  id: ColumnId;
  label: string;
  /** What the column means, for the header's tooltip and the column chooser. */
  title: string;
  align: 'left' | 'right';
  /** Width in px; the command takes what is left. */
  width: number;
  /** What sorts: numbers before strings never mix within a column. */
  sortKey(e: ProcEntry): number | string;
  text(e: ProcEntry, now: number): string;
  shownByDefault: boolean;
  /**
   * Its text always fits its width, so its cells need no clip of their own: every clip is a
   * paint chunk, and 14 per row were most of a scrolled frame's compositing work.
   */
  fits?: true;
}

const dash = (v: number | null): string => (v === null ? '-' : String(v));
const orLast = (v: number | null): number => v ?? Number.MAX_SAFE_INTEGER;

const col = (c: Omit<Column, 'align' | 'shownByDefault'> & Partial<Column>): Column => ({
  align: 'left',
  shownByDefault: true,
  ...c,
});

export const COLUMNS: readonly Column[] = [
  col({
    id: 'node',
    label: 'NODE',
    title: 'The node it runs on',
    width: 90,
    sortKey: (e) => e.nodeName,
    text: (e) => e.nodeName,
  }),
  col({
    id: 'pid',
    label: 'PID',
    title: 'Process ID on that node',
    align: 'right',
    width: 62,
    sortKey: (e) => e.row.pid,
    text: (e) => String(e.row.pid),
    fits: true,
  }),
  col({
    id: 'user',
    label: 'USER',
    title: 'Owner',
    width: 74,
    sortKey: (e) => e.row.user,
    text: (e) => visibleText(e.row.user),
  }),
  col({
    id: 'stat',
    label: 'STAT',
    title: 'Kernel state: R running, S sleeping, D disk, T stopped, Z zombie',
    width: 40,
    sortKey: (e) => e.row.state,
    text: (e) => e.row.state,
    fits: true,
  }),
  col({
    id: 'cpu',
    label: '%CPU',
    title: 'Share of one CPU since the previous scan',
    align: 'right',
    width: 52,
    sortKey: (e) => e.row.cpuPercent,
    text: (e) => e.row.cpuPercent.toFixed(1),
  }),
  col({
    id: 'rss',
    label: 'RSS',
    title: 'Resident memory',
    align: 'right',
    width: 72,
    sortKey: (e) => e.row.rssBytes,
    text: (e) => formatBytes(e.row.rssBytes),
  }),
  col({
    id: 'tty',
    label: 'TTY',
    title: 'Controlling terminal',
    width: 58,
    sortKey: (e) => e.row.tty ?? '',
    text: (e) => e.row.tty ?? '?',
    shownByDefault: false,
  }),
  col({
    id: 'start',
    label: 'START',
    title: 'When it started',
    align: 'right',
    width: 62,
    sortKey: (e) => e.row.startedAt,
    text: (e, now) => startTime(e.row.startedAt, now),
    fits: true,
  }),
  col({
    id: 'time',
    label: 'TIME',
    title: 'CPU time used so far',
    align: 'right',
    width: 70,
    sortKey: (e) => e.row.cpuTimeMs,
    text: (e) => cpuTime(e.row.cpuTimeMs),
  }),
  col({
    id: 'where',
    label: 'WHERE',
    title: 'Where it runs now (MOSIX); "here" for a process that has not moved',
    width: 52,
    sortKey: (e) => e.row.where,
    text: (e) => visibleText(e.row.where),
  }),
  col({
    id: 'from',
    label: 'FROM',
    title: 'Its home node; "here" unless it is a guest',
    width: 52,
    sortKey: (e) => e.row.from,
    text: (e) => visibleText(e.row.from),
  }),
  col({
    id: 'class',
    label: 'CLASS',
    title: 'native (not a MOSIX process), local (class 0), batch, or a grid class',
    width: 56,
    sortKey: (e) => String(e.row.class),
    text: (e) => String(e.row.class),
  }),
  col({
    id: 'frz',
    label: 'FRZ',
    title: 'Frozen: M by hand, A automatically, E expelled, - not frozen, N/A cannot be',
    width: 40,
    sortKey: (e) => e.row.frz,
    text: (e) => e.row.frz,
    fits: true,
  }),
  col({
    id: 'due',
    label: 'DUE',
    title: 'Expected completion (mosrun -D)',
    align: 'right',
    width: 56,
    sortKey: (e) => orLast(e.row.dueAt),
    text: (e, now) => (e.row.dueAt === null ? '-' : startTime(e.row.dueAt, now)),
    shownByDefault: false,
    fits: true,
  }),
  col({
    id: 'nmigs',
    label: 'NMIGS',
    title: 'Migrations so far',
    align: 'right',
    width: 52,
    sortKey: (e) => orLast(e.row.nmigs),
    text: (e) => dash(e.row.nmigs),
    shownByDefault: false,
    fits: true,
  }),
  col({
    id: 'origpid',
    label: 'ORIGPID',
    title: 'PID on its home node',
    align: 'right',
    width: 64,
    sortKey: (e) => orLast(e.row.origPid),
    text: (e) => dash(e.row.origPid),
    shownByDefault: false,
    fits: true,
  }),
  col({
    id: 'jobid',
    label: 'Job ID',
    title: 'mosrun -J',
    align: 'right',
    width: 52,
    sortKey: (e) => orLast(e.row.jobId),
    text: (e) => dash(e.row.jobId),
  }),
  col({
    id: 'command',
    label: 'COMMAND',
    title: 'The command line, control characters written out',
    width: 0,
    sortKey: (e) => e.row.command,
    text: (e) => visibleText(e.row.command),
  }),
];

export const columnById = new Map(COLUMNS.map((c) => [c.id, c]));

/** The shown columns from a remembered list: unknown ids dropped, order kept, COMMAND always last. */
export function shownColumns(remembered: readonly string[] | null): Column[] {
  const ids = remembered ?? COLUMNS.filter((c) => c.shownByDefault).map((c) => c.id);
  const picked = ids.flatMap((id) => {
    const c = columnById.get(id as ColumnId);
    return c && c.id !== 'command' ? [c] : [];
  });
  return [...new Map(picked.map((c) => [c.id, c])).values(), columnById.get('command')!];
}
