import type { ProcAnnotations } from '../annotations';
import type { ProcRow } from '../../../protocol/procTypes';
import { filterRows, type ProcFilter } from './filters';
import { RowCache } from './rowCache';
import type { AgentIdentity } from './rows';
import type { ProcessScanner } from './scanner';

/** The agent's own uids, asked per scan (cheap) rather than assumed. */
export function agentIdentity(): AgentIdentity {
  return { uid: process.getuid?.() ?? 0, euid: process.geteuid?.() ?? 0 };
}

/** One scan turned into mosps rows, filtered and in pid order; `cache` keeps rows between scans. */
export function readProcTable(
  scanner: ProcessScanner,
  annotations: ProcAnnotations,
  filter: ProcFilter,
  cache = new RowCache(),
): { at: number; rows: ProcRow[] } {
  const at = Date.now();
  const agent = agentIdentity();
  const rows = scanner.scan().map((s) => cache.row(s, annotations.forProcess(s.pid, s.sid, s.startTicks), agent));
  cache.endTable();
  return { at, rows: filterRows(rows, filter) };
}
