import type { FrzCode, ProcClass } from '../../../protocol/procTypes';
import { linesOf, splitColumns, type TextLine } from './lines';
import { readMospsHeader, type MospsColumn, type MospsHeader } from './mospsHeader';
import type { LineProblem, NodeRef } from './types';
import {
  cpuTimeMs,
  decimal,
  FieldError,
  frzCode,
  isNoValue,
  nodeRef,
  optionalWholeNumber,
  procClass,
  wholeNumber,
} from './values';

/**
 * One process line of mosps. A column the header does not name is null; so is a value printed
 * as N/A or `-` (except CLASS and FRZ, whose N/A is a value of its own).
 */
export interface MospsRow {
  /** 1-based line number in the output. */
  line: number;
  pid: number;
  user: string | null;
  /** ps STAT, as printed ("R", "Sl+", ...). */
  stat: string | null;
  /** ps TIME, CPU time so far, in ms. */
  timeMs: number | null;
  /** "pts/1"; null for "?" (no terminal). */
  tty: string | null;
  where: NodeRef | null;
  from: NodeRef | null;
  /** `local` is class 0; `N/A` is printed for a job still waiting in the queue. */
  class: ProcClass | 'N/A' | null;
  frz: FrzCode | null;
  /** DUE as printed, a number (mosrun -D); its unit is not documented. */
  due: number | null;
  nmigs: number | null;
  origPid: number | null;
  jobId: number | null;
  /** The command line, inner spaces kept. */
  command: string | null;
}

export interface MospsResult {
  /** The columns the header named, in order, that this parser reads. */
  columns: MospsColumn[];
  rows: MospsRow[];
  problems: LineProblem[];
}

/**
 * Parses mosps output: a header line naming the columns in any order and subset, then one line a
 * process. Fields are separated by white space of any width, except the last column, which takes
 * the rest of the line. Lines that cannot be read become problems; this never throws.
 */
export function parseMosps(text: string): MospsResult {
  const [first, ...rest] = linesOf(text);
  if (!first) return { columns: [], rows: [], problems: [] };
  const header = readMospsHeader(first.text);
  if ('reason' in header) {
    const unread = rest.map((l) => problem(l, 'there is no header line, so the columns are not known'));
    return { columns: [], rows: [], problems: [problem(first, header.reason), ...unread] };
  }
  const rows: MospsRow[] = [];
  const problems: LineProblem[] = [];
  for (const l of rest) {
    const read = readRow(l, header);
    if ('reason' in read) problems.push(problem(l, read.reason));
    else rows.push(read);
  }
  return { columns: header.slots.filter((c) => c !== null), rows, problems };
}

function problem(l: TextLine, reason: string): LineProblem {
  return { line: l.line, text: l.text, reason };
}

function readRow(l: TextLine, header: MospsHeader): MospsRow | { reason: string } {
  const fields = splitColumns(l.text, header.names.length);
  if (fields.length < header.names.length)
    return { reason: `it has ${fields.length} fields where the header names ${header.names.length} columns` };
  const last = header.slots[header.slots.length - 1];
  if (last !== 'command' && /\s/.test(fields[fields.length - 1] as string))
    return { reason: `it has more fields than the header's ${header.names.length} columns` };
  const raw: RawRow = {};
  header.slots.forEach((column, i) => {
    if (column !== null) raw[column] = { value: fields[i] as string, name: header.names[i] as string };
  });
  try {
    return rowOf(l.line, raw);
  } catch (err) {
    if (err instanceof FieldError) return { reason: err.message };
    throw err;
  }
}

/** Each column's value and its name as the header printed it (for messages). */
type RawRow = Partial<Record<MospsColumn, { value: string; name: string }>>;

/** Reads one column's value with `read`, or null when the header does not name the column. */
function col<T>(raw: RawRow, c: MospsColumn, read: (v: string, name: string) => T): T | null {
  const field = raw[c];
  return field === undefined ? null : read(field.value, field.name);
}

const text = (v: string) => v;
const noValueOr =
  <T>(read: (v: string, name: string) => T) =>
  (v: string, name: string) =>
    isNoValue(v) ? null : read(v, name);

function rowOf(line: number, raw: RawRow): MospsRow {
  return {
    line,
    pid: col(raw, 'pid', (v, name) => wholeNumber(v, name, 1)) as number,
    user: col(raw, 'user', text),
    stat: col(raw, 'stat', text),
    timeMs: col(raw, 'time', noValueOr(cpuTimeMs)),
    tty: col(raw, 'tty', (v) => (v === '?' ? null : v)),
    where: col(raw, 'where', nodeRef),
    from: col(raw, 'from', nodeRef),
    class: col(raw, 'class', procClass),
    frz: col(raw, 'frz', frzCode),
    due: col(raw, 'due', noValueOr(decimal)),
    nmigs: col(raw, 'nmigs', (v, name) => optionalWholeNumber(v, name)),
    origPid: col(raw, 'origPid', (v, name) => optionalWholeNumber(v, name, 1)),
    jobId: col(raw, 'jobId', (v, name) => optionalWholeNumber(v, name)),
    command: col(raw, 'command', text),
  };
}
