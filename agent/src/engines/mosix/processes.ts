/**
 * The mosix engine's process table: /proc's rows (the ps columns, CPU%, RSS, start) with what
 * `mosps` adds (WHERE, FROM, CLASS, FRZ, DUE, NMIGS, ORIGPID, Job ID), matched by PID. A job still
 * waiting in the queue may have no process yet: mosps's row stands alone then.
 */
import type { ProcReader } from '../engine';
import { filterRows } from '../linux/processes/filters';
import type { ProcRow } from '../../protocol/procTypes';
import { type MospsRow, parseMosps } from './parse/mosps';
import type { NodeRef } from './parse/types';
import { runTool } from './tools';

/** mosps with every process, nodes as IP addresses (what the hub matches targets by), NMIGS, ORIGPID and DUE. */
export const MOSPS_ARGS = ['-A', '-I', '-n', '-P', '-D'] as const;

const nodeText = (ref: NodeRef | null): string => (ref === null ? 'here' : ref.kind === 'here' ? 'here' : ref.raw);

/** Pure: a /proc row with mosps's columns over it (mosps knows MOSIX's view; /proc the rest). */
export function withMosps(row: ProcRow, m: MospsRow): ProcRow {
  const cls = m.class === null || m.class === 'N/A' ? row.class : m.class;
  return {
    ...row,
    where: nodeText(m.where),
    from: nodeText(m.from),
    class: m.where?.kind === 'queue' ? 'local' : cls,
    frz: m.frz ?? row.frz,
    nmigs: m.nmigs ?? row.nmigs,
    origPid: m.origPid ?? row.origPid,
    jobId: m.jobId ?? row.jobId,
  };
}

/** Pure: a row for a queued job mosps lists but /proc does not have (no process yet). */
export function queuedRow(m: MospsRow, at: number): ProcRow {
  return {
    pid: m.pid,
    ppid: 0,
    user: m.user ?? '?',
    uid: -1,
    state: m.stat ?? 'Q',
    cpuPercent: 0,
    cpuTimeMs: m.timeMs ?? 0,
    rssBytes: 0,
    tty: m.tty,
    startedAt: at,
    command: m.command ?? '',
    where: 'queue',
    from: nodeText(m.from),
    class: 'local',
    frz: 'N/A',
    freeze: null,
    dueAt: null,
    nmigs: m.nmigs,
    origPid: m.origPid,
    jobId: m.jobId,
    runId: null,
  };
}

/** Pure: /proc's table and mosps's rows as one table. Non-MOSIX processes stay as /proc has them. */
export function mergeTables(rows: readonly ProcRow[], mosps: readonly MospsRow[], at: number): ProcRow[] {
  const byPid = new Map(mosps.map((m) => [m.pid, m]));
  const out = rows.map((row) => {
    const m = byPid.get(row.pid);
    byPid.delete(row.pid);
    return m ? withMosps(row, m) : row;
  });
  for (const m of byPid.values()) if (m.where?.kind === 'queue') out.push(queuedRow(m, at));
  return out;
}

export interface MospsLog {
  /** A line mosps printed that could not be read: reported once per distinct text, never dropped silently. */
  problem(text: string): void;
}

/** A reader that runs mosps beside each /proc scan and merges the two. */
export function mosixProcReader(linux: ProcReader, mosps: string, log: MospsLog): ProcReader {
  return {
    async read(filter) {
      const [table, text] = await Promise.all([linux.read({}), runTool(mosps, MOSPS_ARGS)]);
      const parsed = parseMosps(text);
      for (const p of parsed.problems) log.problem(`mosps line ${p.line}: ${p.reason}: ${p.text.slice(0, 200)}`);
      return { at: table.at, rows: filterRows(mergeTables(table.rows, parsed.rows, table.at), filter) };
    },
    close: () => linux.close(),
  };
}
