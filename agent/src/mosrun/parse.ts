/**
 * A mosrun command line read back into MosrunOptions (reference §1.1): values glued to their
 * letter (`-rmos1`, `-q60`) or, where the value is required, as the next word (`-r mos1`).
 * Every problem is a MosrunParseError naming the option. Pure.
 */
import { MosrunParseError } from './errors';
import type { FdRemap, MosrunOptions, MosrunTarget } from './options';
import {
  INT_MAX,
  MAX_DECAY,
  MAX_QUEUE_PRIORITY,
  type Read,
  readAbsoluteDir,
  readCommandsWord,
  readDue,
  readFile,
  readHost,
  readIp,
  readNode,
  readNodeRanges,
  readNumber,
  readProgram,
  readRemaps,
} from './values';
import { splitWords } from './words';

type Options = Omit<MosrunOptions, 'target'>;
interface Draft {
  o: Options;
  seen: Set<string>;
  /** -S, -R or -I, with its value. */
  mode?: { letter: 'S'; maxJobs: number } | { letter: 'R' | 'I'; file: string };
  remaps: FdRemap[];
}

const must = <T>(read: Read<T>, option: string): T => {
  if (!read.ok) throw new MosrunParseError(option, `${option}: ${read.problem}`);
  return read.value;
};

/** Options of which one only may be given: the group's name says what they choose. */
const GROUPS: Record<string, string> = {
  r: 'where it starts',
  h: 'where it starts',
  b: 'where it starts',
  j: 'where it starts',
  '#': 'where it starts',
  L: 'whether it migrates',
  l: 'whether it migrates',
  e: 'what an unsupported call does',
  u: 'what an unsupported call does',
  w: 'what an unsupported call does',
  t: 'which time of day it sees',
  T: 'which time of day it sees',
  E: 'the kind of batch job',
  M: 'the kind of batch job',
  q: 'how it queues',
  Q: 'how it queues',
  S: 'what mosrun runs',
  R: 'what mosrun runs',
  I: 'what mosrun runs',
};

const FLAGS: Record<string, (o: Options) => void> = {
  h: (o) => void (o.placement = { kind: 'home' }),
  b: (o) => void (o.placement = { kind: 'best' }),
  F: (o) => void (o.anywhere = true),
  L: (o) => void (o.migration = 'locked'),
  l: (o) => void (o.migration = 'free'),
  c: (o) => void (o.noIoHoming = true),
  n: (o) => void (o.flagN = true),
  z: (o) => void (o.flagZ = true),
  e: (o) => void (o.unsupported = 'fail'),
  u: (o) => void (o.unsupported = 'kill'),
  w: (o) => void (o.unsupported = 'warn'),
  t: (o) => void (o.timeOfDay = 'local'),
  T: (o) => void (o.timeOfDay = 'home'),
  i: (o) => void (o.exclusiveStdin = true),
};

const num = (what: string, min: number, max: number, example: string) => (v: string) =>
  readNumber(v, what, min, max, example);

/** Letters whose value is required: glued, or the next word. */
const REQUIRED: Record<string, (d: Draft, v: string, opt: string) => void> = {
  r: (d, v, opt) => void (d.o.placement = { kind: 'host', host: must(readHost(v), opt) }),
  j: (d, v, opt) => void (d.o.placement = { kind: 'random', ranges: must(readNodeRanges(v), opt) }),
  D: (d, v, opt) => void (d.o.due = must(readDue(v), opt)),
  A: (d, v, opt) =>
    void (d.o.checkpointEveryMinutes = must(num('The checkpoint interval', 1, INT_MAX, '-A30')(v), opt)),
  N: (d, v, opt) => void (d.o.checkpointMax = must(num('The checkpoint count', 1, INT_MAX, '-N10')(v), opt)),
  P: (d, v, opt) => void (d.o.parallel = must(num('The number of parallel processes', 1, INT_MAX, '-P4')(v), opt)),
  J: (d, v, opt) => void (d.o.jobId = must(num('The Job ID', 0, INT_MAX, '-J20')(v), opt)),
  m: (d, v, opt) => void (d.o.memoryMb = must(num('The memory', 1, INT_MAX, '-m1000')(v), opt)),
  d: (d, v, opt) => void (d.o.decay = must(num('The decay', 0, MAX_DECAY, '-d5000')(v), opt)),
  C: (d, v, opt) => void (d.o.checkpointBase = must(readFile(v, 'The checkpoint file base'), opt)),
  X: (d, v, opt) =>
    void (d.o.privateDirs = [
      ...(d.o.privateDirs ?? []),
      must(readAbsoluteDir(v, 'The private directory', '-X/tmp'), opt),
    ]),
  S: (d, v, opt) => void (d.mode = { letter: 'S', maxJobs: must(num('maxjobs', 1, INT_MAX, '-S4')(v), opt) }),
  R: (d, v, opt) => void (d.mode = { letter: 'R', file: must(readFile(v, 'The checkpoint file'), opt) }),
  I: (d, v, opt) => void (d.mode = { letter: 'I', file: must(readFile(v, 'The checkpoint file'), opt) }),
  O: (d, v, opt) => void d.remaps.push(...must(readRemaps(v), opt)),
};

/** Letters whose value may be left out: only glued, since a next word could be the program. */
const OPTIONAL: Record<string, (d: Draft, v: string, opt: string) => void> = {
  G: (d, v, opt) => void (d.o.gridClass = v === '' ? 1 : must(num('The class', 0, INT_MAX, '-G2')(v), opt)),
  q: (d, v, opt) => void (d.o.queue = queueOf('q', v, opt)),
  Q: (d, v, opt) => void (d.o.queue = queueOf('Q', v, opt)),
  E: (d, v, opt) => void (d.o.batch = batchOf('native', v, opt)),
  M: (d, v, opt) => void (d.o.batch = batchOf('mosix', v, opt)),
};

function queueOf(letter: 'q' | 'Q', v: string, opt: string): MosrunOptions['queue'] {
  if (v === '') return { letter };
  return { letter, priority: must(num('The queue priority', 0, MAX_QUEUE_PRIORITY, '-q60')(v), opt) };
}

function batchOf(kind: 'native' | 'mosix', v: string, opt: string): MosrunOptions['batch'] {
  if (v === '') return { kind };
  return { kind, cwd: must(readAbsoluteDir(v, 'The batch directory', `-${kind === 'native' ? 'E' : 'M'}/tmp`), opt) };
}

function noteOnce(d: Draft, key: string, opt: string): void {
  const group = GROUPS[key];
  const clash = [...d.seen].find((s) => (group ? GROUPS[s] === group : s === key));
  if (clash !== undefined && key !== 'X' && key !== 'O') {
    const what = group ? `both say ${group}` : 'is given twice';
    throw new MosrunParseError(opt, `${opt} ${group ? `and an earlier option ${what}` : what}; keep one.`);
  }
  d.seen.add(key);
}

/** Reads the option at argv[i]; the number of words it used. */
function option(d: Draft, argv: readonly string[], i: number): number {
  const word = argv[i]!;
  const body = word.slice(1);
  if (/^\d+$/.test(body) || /^\d+\.\d+\.\d+\.\d+$/.test(body)) {
    noteOnce(d, '#', word);
    d.o.placement = body.includes('.')
      ? { kind: 'ip', ip: must(readIp(body), word) }
      : { kind: 'node', node: must(readNode(body), word) };
    return 1;
  }
  const letter = body[0] ?? '';
  const glued = body.slice(1);
  const flag = FLAGS[letter];
  if (flag) {
    if (glued !== '')
      throw new MosrunParseError(word, `${word}: -${letter} takes no value; write "${glued}" elsewhere.`);
    noteOnce(d, letter, word);
    flag(d.o);
    return 1;
  }
  const optional = OPTIONAL[letter];
  if (optional) return (noteOnce(d, letter, word), optional(d, glued, word), 1);
  const required = REQUIRED[letter];
  if (!required) throw new MosrunParseError(word, `${word}: mosrun has no option -${letter}.`);
  noteOnce(d, letter, word);
  if (glued !== '') return (required(d, glued, word), 1);
  const next = argv[i + 1];
  if (next === undefined) throw new MosrunParseError(word, `-${letter} needs a value, as in ${word}… glued to it.`);
  required(d, next, `-${letter} ${next}`);
  return 2;
}

function target(d: Draft, rest: readonly string[]): MosrunTarget {
  const mode = d.mode;
  if (d.remaps.length > 0 && mode?.letter !== 'R')
    throw new MosrunParseError('-O', '-O reopens descriptors of a process resumed with -R; there is no -R.');
  if (mode?.letter === 'R' || mode?.letter === 'I') {
    if (rest.length > 0)
      throw new MosrunParseError(
        `-${mode.letter}`,
        `-${mode.letter} takes no program; ${JSON.stringify(rest[0])} is left over.`,
      );
    return mode.letter === 'R'
      ? { kind: 'recover', checkpoint: mode.file, remaps: d.remaps }
      : { kind: 'list', checkpoint: mode.file };
  }
  if (mode?.letter === 'S') {
    if (rest.length !== 1)
      throw new MosrunParseError(
        '-S',
        '-S is followed by one word, commands-file[,failed-file], and nothing after it.',
      );
    return { kind: 'commands', maxJobs: mode.maxJobs, ...must(readCommandsWord(rest[0]!), '-S') };
  }
  if (rest.length === 0) throw new MosrunParseError(null, 'No program to run: write it after the options.');
  return { kind: 'program', program: must(readProgram(rest[0]!), rest[0]!), args: rest.slice(1) };
}

/** Reads mosrun's arguments (without "mosrun"); options stop at the first word without "-", or after "--". */
export function parseMosrunArgs(argv: readonly string[]): MosrunOptions {
  const d: Draft = { o: {}, seen: new Set(), remaps: [] };
  let i = 0;
  while (i < argv.length) {
    const word = argv[i]!;
    if (word === '--') {
      i++;
      break;
    }
    if (!word.startsWith('-') || word === '-') break;
    i += option(d, argv, i);
  }
  return { target: target(d, argv.slice(i)), ...d.o };
}

/** Reads a pasted line: `mosrun` (or a path to it) and its arguments. */
export function parseMosrunLine(line: string): MosrunOptions {
  const words = splitWords(line.trim());
  if (words.length === 0) throw new MosrunParseError(null, 'The line is empty: paste a line that starts with mosrun.');
  if (!/(^|\/)mosrun$/.test(words[0]!))
    throw new MosrunParseError(
      null,
      `A mosrun line starts with mosrun; this one starts with ${JSON.stringify(words[0])}.`,
    );
  return parseMosrunArgs(words.slice(1));
}
