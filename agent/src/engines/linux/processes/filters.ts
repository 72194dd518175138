import type { ProcRow, ProcScope } from '../../../protocol/procTypes';

export interface ProcFilter {
  scope?: ProcScope;
  jobId?: number;
  user?: string;
}

/**
 * mosps's selections, read from WHERE and FROM: on a linux node every process's home is here
 * and nothing migrates, so `local` is everything and nothing is `away` or a guest. `jobs` keeps
 * the processes of runs the agent started.
 */
function inScope(row: ProcRow, scope: ProcScope): boolean {
  switch (scope) {
    case 'all':
      return true;
    case 'local':
      return row.from === 'here';
    case 'away':
      return row.from === 'here' && row.where !== 'here';
    case 'guests':
      return row.from !== 'here';
    case 'jobs':
      return row.runId !== null;
  }
}

export function matchesFilter(row: ProcRow, filter: ProcFilter): boolean {
  return (
    inScope(row, filter.scope ?? 'all') &&
    (filter.jobId === undefined || row.jobId === filter.jobId) &&
    (filter.user === undefined || row.user === filter.user)
  );
}

/** The rows that pass `filter`, in pid order. */
export function filterRows(rows: readonly ProcRow[], filter: ProcFilter): ProcRow[] {
  return rows.filter((row) => matchesFilter(row, filter)).sort((a, b) => a.pid - b.pid);
}

/** The first `limit` rows (all without one), and whether any were cut. */
export function limitRows(rows: ProcRow[], limit?: number): { rows: ProcRow[]; truncated: boolean } {
  if (limit === undefined || rows.length <= limit) return { rows, truncated: false };
  return { rows: rows.slice(0, limit), truncated: true };
}
