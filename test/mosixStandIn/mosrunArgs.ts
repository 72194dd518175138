/**
 * mosrun's options (reference/mosix.md §1.1), values glued to the letter as MOSIX writes them
 * (`-J7`, `-q60`, `-m1000`, `-rnode2`), or as the next word where a value is required. Reading
 * stops at the first word without `-`: the program. Pure.
 */

export type Placement =
  { kind: 'node'; node: string } | { kind: 'home' } | { kind: 'best' } | { kind: 'ranges'; ranges: string };

export interface MosrunOptions {
  jobId: number;
  /** -q / -Q: into the queue with this priority (50 by default; lower runs first). */
  queuePriority: number | null;
  memMb: number | null;
  /** -G{n}: n (plain -G is 1); 0 without. */
  cls: number;
  /** -E: a native batch job; -M: a migratable batch job. Recorded only. */
  batch: 'E' | 'M' | null;
  placement: Placement | null;
  dueMinutes: number | null;
  /** Index in argv of the program (argv.length when there is none). */
  programIndex: number;
}

/** The default queue priority (MOSIX's; the administrator may change it there). */
export const DEFAULT_PRIORITY = 50;

const REFUSED: Record<string, string> = {
  S: '-S (a commands file)',
  R: '-R (recovery from a checkpoint)',
  I: '-I (listing a checkpoint)',
};

function whole(text: string, what: string, max = 2_147_483_647): number {
  if (!/^\d{1,10}$/.test(text) || Number(text) > max) throw new Error(`${what} "${text}" is not a whole number`);
  return Number(text);
}

/** -D{DD:HH:MM} (or HH:MM, or MM) as minutes. */
export function dueMinutes(text: string): number {
  const m = /^(?:(?:(\d+):)?(\d+):)?(\d+)$/.exec(text);
  if (!m) throw new Error(`-D "${text}" is not DD:HH:MM`);
  return (Number(m[1] ?? 0) * 24 + Number(m[2] ?? 0)) * 60 + Number(m[3]);
}

/** Reads an option from what follows its letter (and the next word); returns how many more words it took. */
type Reader = (o: MosrunOptions, rest: string, next: string | undefined, letter: string) => number;

/** An option without a value; `set` records what it means, if anything. */
const flag =
  (set: (o: MosrunOptions) => void = () => undefined): Reader =>
  (o, rest, _next, letter) => {
    if (rest !== '') throw new Error(`-${letter} takes no value, got "-${letter}${rest}"`);
    set(o);
    return 0;
  };

/** An option with a required value, glued (`-J7`) or as the next word (`-J 7`). */
const valued =
  (set: (o: MosrunOptions, value: string, letter: string) => void): Reader =>
  (o, rest, next, letter) => {
    if (rest !== '') {
      set(o, rest, letter);
      return 0;
    }
    if (next === undefined) throw new Error(`-${letter} needs a value`);
    set(o, next, letter);
    return 1;
  };

/** An option whose value may only be glued, and may be left out (`-q`, `-q60`). */
const optional =
  (set: (o: MosrunOptions, value: string, letter: string) => void): Reader =>
  (o, rest, _next, letter) => {
    set(o, rest, letter);
    return 0;
  };

const checkNumber = (max?: number) => valued((_o, v, letter) => void whole(v, `-${letter}`, max));
const queue = optional((o, v) => void (o.queuePriority = v === '' ? DEFAULT_PRIORITY : whole(v, '-q')));
const batch = optional((o, v, letter) => {
  if (v !== '' && !v.startsWith('/')) throw new Error(`-${letter} takes /cwd, not "${v}"`);
  o.batch = letter as 'E' | 'M';
});

const READERS: Record<string, Reader> = {
  q: queue,
  Q: queue,
  E: batch,
  M: batch,
  G: optional((o, v) => void (o.cls = v === '' ? 1 : whole(v, '-G'))),
  j: optional((o, v) => {
    if (!/^\d+-\d+(,\d+-\d+)*$/.test(v)) throw new Error(`-j "${v}" is not ranges such as 1-3,5-6`);
    o.placement = { kind: 'ranges', ranges: v };
  }),
  h: flag((o) => void (o.placement = { kind: 'home' })),
  b: flag((o) => void (o.placement = { kind: 'best' })),
  J: valued((o, v) => void (o.jobId = whole(v, '-J'))),
  m: valued((o, v) => void (o.memMb = whole(v, '-m'))),
  r: valued((o, v) => void (o.placement = { kind: 'node', node: v })),
  D: valued((o, v) => void (o.dueMinutes = dueMinutes(v))),
  d: checkNumber(10_000),
  A: checkNumber(),
  N: checkNumber(),
  P: checkNumber(),
  C: valued(() => undefined),
  X: valued(() => undefined),
  ...Object.fromEntries([...'LlFcnzeuwtTi'].map((letter) => [letter, flag()])),
};

/** Reads one option word (without its leading `-`); returns how many extra words it took. */
function option(o: MosrunOptions, word: string, next: string | undefined): number {
  if (/^\d+$/.test(word) || /^\d+\.\d+\.\d+\.\d+$/.test(word)) {
    o.placement = { kind: 'node', node: word };
    return 0;
  }
  const letter = word[0] as string;
  if (Object.hasOwn(REFUSED, letter)) throw new Error(`the stand-in does not do ${REFUSED[letter]}`);
  const read = Object.hasOwn(READERS, letter) ? READERS[letter] : undefined;
  if (!read) throw new Error(`unknown option -${word}`);
  return read(o, word.slice(1), next, letter);
}

/** Parses mosrun's argv (without "mosrun"); throws a sentence for an option it cannot take. */
export function parseMosrunArgs(argv: readonly string[]): MosrunOptions {
  const o: MosrunOptions = {
    jobId: 0,
    queuePriority: null,
    memMb: null,
    cls: 0,
    batch: null,
    placement: null,
    dueMinutes: null,
    programIndex: argv.length,
  };
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i] as string;
    if (word === '--') return { ...o, programIndex: i + 1 };
    if (!word.startsWith('-') || word === '-') return { ...o, programIndex: i };
    i += option(o, word.slice(1), argv[i + 1]);
  }
  return o;
}
