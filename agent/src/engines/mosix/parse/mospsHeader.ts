import { quote } from '../../../mosixConfig/fields';
import { wordsOf } from './lines';

/** The mosps columns this parser reads; any other column in the header is skipped. */
export type MospsColumn =
  | 'pid'
  | 'user'
  | 'stat'
  | 'time'
  | 'tty'
  | 'where'
  | 'from'
  | 'class'
  | 'frz'
  | 'due'
  | 'nmigs'
  | 'origPid'
  | 'jobId'
  | 'command';

/** Header names as mosps (and the ps it wraps) print them. */
const COLUMN_NAMES: Record<string, MospsColumn> = {
  PID: 'pid',
  USER: 'user',
  STAT: 'stat',
  S: 'stat',
  TIME: 'time',
  TTY: 'tty',
  TT: 'tty',
  WHERE: 'where',
  FROM: 'from',
  CLASS: 'class',
  FRZ: 'frz',
  DUE: 'due',
  NMIGS: 'nmigs',
  ORIGPID: 'origPid',
  JOBID: 'jobId',
  JOB: 'jobId',
  CMD: 'command',
  COMMAND: 'command',
  ARGS: 'command',
};

export interface MospsHeader {
  /** The header's column names in order, as printed. */
  names: string[];
  /** For each of them, the column it is, or null for a column we skip (unknown, or named twice). */
  slots: (MospsColumn | null)[];
}

function columnOf(name: string): MospsColumn | undefined {
  const key = name.toUpperCase();
  return Object.hasOwn(COLUMN_NAMES, key) ? COLUMN_NAMES[key] : undefined;
}

/**
 * The header's names, with a name split in two joined again (`NMI GS`, `PI D`): text copied from
 * the tutorials' slides splits words that way, and an unknown word followed by the rest of a
 * known name cannot be meant otherwise.
 */
function headerNames(text: string): string[] {
  const words = wordsOf(text);
  const names: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as string;
    const next = words[i + 1];
    const joined = next === undefined ? undefined : columnOf(word + next);
    if (joined && !columnOf(word) && !columnOf(next as string)) {
      names.push(word + next);
      i++;
    } else names.push(word);
  }
  return names;
}

/** Reads the header line, or says why it is not one (it must name a PID column). */
export function readMospsHeader(text: string): MospsHeader | { reason: string } {
  const names = headerNames(text);
  const seen = new Set<MospsColumn>();
  const slots = names.map((name) => {
    const column = columnOf(name);
    if (column === undefined || seen.has(column)) return null;
    seen.add(column);
    return column;
  });
  if (!seen.has('pid'))
    return { reason: `expected the header line naming the columns (PID WHERE FROM ...), got ${quote(text.trim())}` };
  return { names, slots };
}
