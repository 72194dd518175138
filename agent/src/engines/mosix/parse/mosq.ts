import { quote } from '../../../mosixConfig/fields';
import { linesOf, splitColumns, type TextLine } from './lines';
import type { LineProblem, NodeRef } from './types';
import { decimal, FieldError, nodeRef, wholeNumber } from './values';

/** One job of `mosq list` / `mosq listall`, in queue order. */
export interface MosqRow {
  line: number;
  /** 1-based place in the output, which is the queue order (running jobs first in listall). */
  position: number;
  /** 1-based place among the jobs still waiting; null for a job that has started (PRI RUN). */
  queuePosition: number | null;
  pid: number;
  user: string;
  /** MEM(MB) as declared with mosrun -m; null for `-`. */
  memMb: number | null;
  /** GRID: YES for jobs that may use the multi-cluster (-G). */
  grid: boolean;
  /** PRI `RUN`: the job has left the queue and started. */
  running: boolean;
  /** The queue priority (lower runs first); null when running. */
  priority: number | null;
  /** The Job ID column of `mosq -j`; null without -j. */
  jobId: number | null;
  from: NodeRef;
  command: string;
}

export interface MosqResult {
  rows: MosqRow[];
  problems: LineProblem[];
}

export interface MosqOptions {
  /** The output is of `mosq -j ...`: a Job ID column right after PRI. */
  jobIds: boolean;
}

/**
 * Parses `mosq [-j] list|listall`: a header line, then PID USER MEM(MB) GRID PRI [JOBID] FROM
 * COMMAND, the command taking the rest of the line. The columns are read by position (the -j
 * column's header name is not documented). Lines that cannot be read become problems, and a
 * missing header is one too; this never throws.
 */
export function parseMosq(text: string, options: MosqOptions): MosqResult {
  const columns = options.jobIds ? 8 : 7;
  const rows: MosqRow[] = [];
  const problems: LineProblem[] = [];
  const lines = linesOf(text);
  const first = lines[0];
  const headed = first !== undefined && /^\s*PID\b/i.test(first.text);
  if (headed) lines.shift();
  let waiting = 0;
  for (const l of lines) {
    try {
      const row = readRow(l, splitColumns(l.text, columns), options.jobIds);
      row.position = rows.length + 1;
      row.queuePosition = row.running ? null : ++waiting;
      rows.push(row);
    } catch (err) {
      if (!(err instanceof FieldError)) throw err;
      // A first line that is neither header nor row is reported once, as the missing header.
      if (l !== first || headed) problems.push(problem(l, err.message));
    }
  }
  if (first && !headed)
    problems.unshift(problem(first, 'expected the header line "PID USER MEM(MB) GRID PRI ..." first'));
  return { rows, problems };
}

function problem(l: TextLine, reason: string): LineProblem {
  return { line: l.line, text: l.text, reason };
}

function readRow(l: TextLine, f: string[], jobIds: boolean): MosqRow {
  const columns = jobIds ? 8 : 7;
  if (f.length < columns)
    throw new FieldError(`it has ${f.length} fields where mosq${jobIds ? ' -j' : ''} prints ${columns}`);
  const [pid, user, mem, grid, pri] = f as [string, string, string, string, string];
  const [jobId, from, command] = (jobIds ? f.slice(5) : [null, ...f.slice(5)]) as [string | null, string, string];
  if (!/^(YES|NO)$/i.test(grid)) throw new FieldError(`GRID ${quote(grid)} is not YES or NO`);
  const running = /^RUN$/i.test(pri);
  return {
    line: l.line,
    position: 0,
    queuePosition: null,
    pid: wholeNumber(pid, 'PID', 1),
    user,
    memMb: mem === '-' ? null : decimal(mem, 'MEM(MB)'),
    grid: grid.toUpperCase() === 'YES',
    running,
    priority: running ? null : wholeNumber(pri, 'PRI'),
    jobId: jobId === null ? null : wholeNumber(jobId, 'Job ID'),
    from: nodeRef(from, 'FROM'),
    command,
  };
}
