/**
 * mosps: the MOSIX processes of this node as ps would show them, with MOSIX's columns
 * (reference/mosix.md §1.3) in the layout the agent's parser reads: PID USER WHERE FROM CLASS
 * FRZ [DUE] [NMIGS] [ORIGPID] JOBID STAT TTY TIME CMD. Pure: /proc comes in as `procs`.
 */
import { cpuTime, table } from './columns';
import type { NodeMap } from './mapFile';
import type { ProcRecord, QueueEntry, StandInState } from './records';

export interface MospsFlags {
  /** -A / -e: every user's; otherwise the caller's only. */
  all: boolean;
  /** How WHERE and FROM name nodes: numbers (default), -I addresses, -h host names, -M their first part. */
  nodes: 'number' | 'ip' | 'host' | 'short';
  nmigs: boolean;
  origPid: boolean;
  due: boolean;
  /** -L local processes, -O local ones that are away, -V guests. */
  only: 'local' | 'away' | 'guests' | null;
  jobId: number | null;
}

const LETTERS: Record<string, (f: MospsFlags) => void> = {
  A: (f) => void (f.all = true),
  e: (f) => void (f.all = true),
  I: (f) => void (f.nodes = 'ip'),
  h: (f) => void (f.nodes = 'host'),
  M: (f) => void (f.nodes = 'short'),
  n: (f) => void (f.nmigs = true),
  P: (f) => void (f.origPid = true),
  D: (f) => void (f.due = true),
  L: (f) => void (f.only = 'local'),
  O: (f) => void (f.only = 'away'),
  V: (f) => void (f.only = 'guests'),
};

/** mosps's flags, single letters together or apart (`-AMn`, `-A -I`), `-J{id}` last in a group. */
export function parseMospsArgs(argv: readonly string[]): MospsFlags {
  const f: MospsFlags = {
    all: false,
    nodes: 'number',
    nmigs: false,
    origPid: false,
    due: false,
    only: null,
    jobId: null,
  };
  for (const word of argv) {
    if (!/^-[A-Za-z]/.test(word)) throw new Error(`"${word}": the stand-in's mosps takes options only`);
    const letters = word.slice(1);
    for (let i = 0; i < letters.length; i++) {
      const letter = letters[i] as string;
      if (letter === 'J') {
        if (!/^\d{1,10}$/.test(letters.slice(i + 1))) throw new Error(`-J needs a Job ID, got "${word}"`);
        f.jobId = Number(letters.slice(i + 1));
        break;
      }
      const set = Object.hasOwn(LETTERS, letter) ? LETTERS[letter] : undefined;
      if (!set) throw new Error(`unknown option -${letter}`);
      set(f);
    }
  }
  return f;
}

/** What /proc says of one local process. */
export interface LocalProc {
  start: number;
  uid: number;
  user: string;
  stat: string;
  tty: string;
  timeMs: number;
}

export interface MospsInput {
  state: StandInState;
  map: NodeMap;
  self: number;
  /** The caller's uid (without -A only their processes are listed). */
  uid: number;
  procs: (pid: number) => LocalProc | undefined;
}

type Cells = { pid: number; where: string; from: string; cls: string; frz: string; due: string; nmigs: string };
type Row = Cells & { origPid: string; jobId: number; command: string; proc: LocalProc; kind: 'local' | 'guest' };

function nodeName(input: MospsInput, flags: MospsFlags, n: number): string {
  if (n === input.self) return 'here';
  const address = input.map.nodes.find((m) => m.number === n)?.address ?? String(n);
  const host = input.state.hosts[String(n)] ?? address;
  if (flags.nodes === 'ip') return address;
  if (flags.nodes === 'host') return host;
  return flags.nodes === 'short' ? (host === address ? address : (host.split('.')[0] as string)) : String(n);
}

const clsText = (r: ProcRecord) => (r.cls === 'batch' ? 'batch' : r.cls === 0 ? 'local' : String(r.cls));
const alive = (p: LocalProc | undefined, start: number | null): p is LocalProc => !!p && p.start === start;

function localRow(input: MospsInput, flags: MospsFlags, r: ProcRecord): Row | undefined {
  const proc = input.procs(r.pid);
  if (!alive(proc, r.start)) return undefined;
  const [where, from] = [nodeName(input, flags, r.where), 'here'];
  const due = r.dueMinutes === null ? '-' : String(r.dueMinutes);
  return {
    pid: r.pid,
    where,
    from,
    cls: clsText(r),
    frz: r.frz,
    due,
    nmigs: String(r.nmigs),
    origPid: '-',
    jobId: r.jobId,
    command: r.command,
    proc,
    kind: 'local',
  };
}

function queuedRow(input: MospsInput, e: QueueEntry): Row | undefined {
  const proc = input.procs(e.pid);
  if (!alive(proc, e.start) || e.state === 'running') return undefined;
  const command = e.command.replace(/^mosrun\b/, 'mosqueue');
  return {
    pid: e.pid,
    where: 'queue',
    from: 'here',
    cls: 'N/A',
    frz: 'N/A',
    due: '-',
    nmigs: 'N/A',
    origPid: '-',
    jobId: e.jobId,
    command,
    proc,
    kind: 'local',
  };
}

function guestRow(input: MospsInput, flags: MospsFlags, r: ProcRecord): Row | undefined {
  if (!r.guest || r.where !== input.self || r.home === input.self) return undefined;
  const proc = input.procs(r.guest.pid);
  if (!alive(proc, r.guest.start)) return undefined;
  const from = nodeName(input, flags, r.home);
  return {
    pid: r.guest.pid,
    where: 'here',
    from,
    cls: clsText(r),
    frz: 'N/A',
    due: '-',
    nmigs: 'N/A',
    origPid: String(r.pid),
    jobId: r.jobId,
    command: '/sbin/remote',
    proc,
    kind: 'guest',
  };
}

function wanted(input: MospsInput, flags: MospsFlags, row: Row): boolean {
  if (!flags.all && row.proc.uid !== input.uid) return false;
  if (flags.jobId !== null && row.jobId !== flags.jobId) return false;
  if (flags.only === 'guests') return row.kind === 'guest';
  if (flags.only === 'local') return row.kind === 'local';
  return flags.only === 'away' ? row.kind === 'local' && row.where !== 'here' && row.where !== 'queue' : true;
}

/** The rows mosps shows: this node's MOSIX processes, its queued jobs and its guests, by PID. */
export function mospsRows(input: MospsInput, flags: MospsFlags): Row[] {
  const rows = [
    ...input.state.procs.filter((r) => r.home === input.self).map((r) => localRow(input, flags, r)),
    ...input.state.queue.filter((e) => e.home === input.self).map((e) => queuedRow(input, e)),
    ...input.state.procs.map((r) => guestRow(input, flags, r)),
  ];
  return rows.filter((r): r is Row => r !== undefined && wanted(input, flags, r)).sort((a, b) => a.pid - b.pid);
}

export function mospsText(input: MospsInput, flags: MospsFlags): string {
  const optional = (on: boolean, name: string) => (on ? [name] : []);
  const header = [
    'PID',
    'USER',
    'WHERE',
    'FROM',
    'CLASS',
    'FRZ',
    ...optional(flags.due, 'DUE'),
    ...optional(flags.nmigs, 'NMIGS'),
    ...optional(flags.origPid, 'ORIGPID'),
    'JOBID',
    'STAT',
    'TTY',
    'TIME',
    'CMD',
  ];
  const rows = mospsRows(input, flags).map((r) => [
    String(r.pid),
    r.proc.user,
    r.where,
    r.from,
    r.cls,
    r.frz,
    ...optional(flags.due, r.due),
    ...optional(flags.nmigs, r.nmigs),
    ...optional(flags.origPid, r.origPid),
    String(r.jobId),
    r.proc.stat,
    r.proc.tty,
    cpuTime(r.proc.timeMs),
    r.command,
  ]);
  return table(header, rows);
}
