/**
 * MosrunOptions written as mosrun's arguments, values glued to their letters as MOSIX's examples
 * write them; parsing what this builds gives the same options back. A value that could not be
 * read back is a MosrunBuildError naming the option. Pure.
 */
import { MosrunBuildError } from './errors';
import type { MosrunOptions, MosrunTarget, Placement } from './options';
import {
  formatDue,
  formatNodeRanges,
  formatRemaps,
  INT_MAX,
  MAX_DECAY,
  MAX_QUEUE_PRIORITY,
  problemOf,
  readAbsoluteDir,
  readCommandsWord,
  readFile,
  readHost,
  readIp,
  readNode,
  readNodeRanges,
  readNumber,
  readProgram,
} from './values';
import { shellWord } from './words';

function check(problem: string | null, option: string): void {
  if (problem !== null) throw new MosrunBuildError(option, `${option}: ${problem}`);
}

function placementWord(p: Placement): string {
  switch (p.kind) {
    case 'host':
      check(problemOf(readHost(p.host)), '-r');
      return `-r${p.host}`;
    case 'ip':
      check(problemOf(readIp(p.ip)), '-{a.b.c.d}');
      return `-${p.ip}`;
    case 'node':
      check(problemOf(readNode(String(p.node))), '-{n}');
      return `-${p.node}`;
    case 'home':
      return '-h';
    case 'best':
      return '-b';
    case 'random': {
      const text = formatNodeRanges(p.ranges);
      check(p.ranges.length === 0 ? 'no ranges given' : problemOf(readNodeRanges(text)), '-j');
      return `-j${text}`;
    }
  }
}

const numberWord = (letter: string, n: number | undefined, min: number, max: number): string[] => {
  if (n === undefined) return [];
  check(problemOf(readNumber(String(n), `-${letter}`, min, max, `-${letter}${min}`)), `-${letter}`);
  return [`-${letter}${n}`];
};

const flag = (on: unknown, word: string): string[] => (on ? [word] : []);

function locationWords(o: MosrunOptions): string[] {
  return [
    ...(o.placement ? [placementWord(o.placement)] : []),
    ...(o.gridClass === undefined ? [] : o.gridClass === 1 ? ['-G'] : numberWord('G', o.gridClass, 0, INT_MAX)),
    ...flag(o.anywhere, '-F'),
    ...(o.migration ? [o.migration === 'locked' ? '-L' : '-l'] : []),
    ...(o.due ? [`-D${formatDue(o.due)}`] : []),
    ...numberWord('A', o.checkpointEveryMinutes, 1, INT_MAX),
    ...numberWord('N', o.checkpointMax, 1, INT_MAX),
    ...(o.queue ? queueWords(o.queue) : []),
    ...numberWord('P', o.parallel, 1, INT_MAX),
    ...numberWord('J', o.jobId, 0, INT_MAX),
  ];
}

function queueWords(q: NonNullable<MosrunOptions['queue']>): string[] {
  return q.priority === undefined ? [`-${q.letter}`] : numberWord(q.letter, q.priority, 0, MAX_QUEUE_PRIORITY);
}

const UNSUPPORTED = { fail: '-e', kill: '-u', warn: '-w' } as const;

function programWords(o: MosrunOptions): string[] {
  const batch = o.batch;
  if (batch?.cwd !== undefined) check(problemOf(readAbsoluteDir(batch.cwd, 'The batch directory', '-E/tmp')), '-E/-M');
  if (o.checkpointBase !== undefined) check(problemOf(readFile(o.checkpointBase, 'The checkpoint file base')), '-C');
  for (const dir of o.privateDirs ?? [])
    check(problemOf(readAbsoluteDir(dir, 'The private directory', '-X/tmp')), '-X');
  return [
    ...numberWord('m', o.memoryMb, 1, INT_MAX),
    ...numberWord('d', o.decay, 0, MAX_DECAY),
    ...flag(o.noIoHoming, '-c'),
    ...flag(o.flagN, '-n'),
    ...flag(o.flagZ, '-z'),
    ...(o.unsupported ? [UNSUPPORTED[o.unsupported]] : []),
    ...(o.timeOfDay ? [o.timeOfDay === 'local' ? '-t' : '-T'] : []),
    ...(batch ? [`-${batch.kind === 'native' ? 'E' : 'M'}${batch.cwd ?? ''}`] : []),
    ...flag(o.exclusiveStdin, '-i'),
    ...(o.checkpointBase === undefined ? [] : [`-C${o.checkpointBase}`]),
    ...(o.privateDirs ?? []).map((d) => `-X${d}`),
  ];
}

function targetWords(t: MosrunTarget, options: string[]): string[] {
  switch (t.kind) {
    case 'program':
      check(problemOf(readProgram(t.program)), 'program');
      return [...options, t.program, ...t.args];
    case 'commands': {
      // A comma would be read back as the start of the failed-file.
      if (t.commandsFile.includes(','))
        check('the commands file name holds a comma, which mosrun reads as the failed-file', '-S');
      const word = t.failedFile === undefined ? t.commandsFile : `${t.commandsFile},${t.failedFile}`;
      check(problemOf(readCommandsWord(word)), '-S');
      return [...numberWord('S', t.maxJobs, 1, INT_MAX), ...options, word];
    }
    case 'recover':
      check(problemOf(readFile(t.checkpoint, 'The checkpoint file')), '-R');
      return [`-R${t.checkpoint}`, ...(t.remaps.length ? [`-O${formatRemaps(t.remaps)}`] : []), ...options];
    case 'list':
      check(problemOf(readFile(t.checkpoint, 'The checkpoint file')), '-I');
      return [`-I${t.checkpoint}`, ...options];
  }
}

/** mosrun's argv after "mosrun": options, then the program and its arguments (or -S/-R/-I's words). */
export function buildMosrunArgs(o: MosrunOptions): string[] {
  return targetWords(o.target, [...locationWords(o), ...programWords(o)]);
}

/** The same as one line to copy into a terminal, each word quoted where a shell would split it. */
export function mosrunCommandLine(o: MosrunOptions): string {
  return ['mosrun', ...buildMosrunArgs(o)].map(shellWord).join(' ');
}

/** Only the options (no program): what job.run's `mosrun` field takes. */
export function mosrunOptionWords(o: MosrunOptions): string[] {
  if (o.target.kind !== 'program') throw new MosrunBuildError('-S', 'Only a single program is started this way.');
  return [...locationWords(o), ...programWords(o)];
}
