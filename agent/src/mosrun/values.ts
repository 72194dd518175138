/** The values mosrun options take, read from the text written after the letter, and written back. */
import { hostProblem, MAX_NODES, parseIPv4, quote } from '../mosixConfig/fields';
import type { Due, FdRemap, NodeRange } from './options';

/** MOSIX documents no ceiling for most numbers; a C `int` is the most a tool can read. */
export const INT_MAX = 2_147_483_647;
/** Lower runs first, 50 by default; no documented bound, so this app's ceiling (as for mosq). */
export const MAX_QUEUE_PRIORITY = 1000;
export const MAX_DECAY = 10_000;
export { MAX_NODES };

export type Read<T> = { ok: true; value: T } | { ok: false; problem: string };
const ok = <T>(value: T): Read<T> => ({ ok: true, value });
const no = <T>(problem: string): Read<T> => ({ ok: false, problem });

/** The problem of a read, or null: the shape catalogue validators return. */
export const problemOf = <T>(read: Read<T>): string | null => (read.ok ? null : read.problem);

/** A decimal whole number, no sign, no leading zeros (a C tool may read 010 as octal). */
export function wholeNumber(text: string): number | undefined {
  if (!/^(0|[1-9]\d{0,9})$/.test(text)) return undefined;
  const n = Number(text);
  return n <= INT_MAX ? n : undefined;
}

export function readNumber(text: string, what: string, min: number, max: number, example: string): Read<number> {
  const n = wholeNumber(text);
  if (n !== undefined && n >= min && n <= max) return ok(n);
  return no(`${what} must be a whole number from ${min} to ${max}, as in ${example}; ${quote(text)} is not.`);
}

/** A file name: not empty, no NUL (an argv string cannot hold one). */
export function readFile(text: string, what: string): Read<string> {
  if (text === '') return no(`${what} is empty; give a file name.`);
  if (text.includes('\0')) return no(`${what} contains a NUL character, which no file name can hold.`);
  return ok(text);
}

export function readAbsoluteDir(text: string, what: string, example: string): Read<string> {
  const file = readFile(text, what);
  if (!file.ok) return file;
  return text.startsWith('/') ? file : no(`${what} must be an absolute path, as in ${example}; ${quote(text)} is not.`);
}

export function readHost(text: string): Read<string> {
  if (text === '') return no('The host name is empty; write it after -r, as in -rmos1.');
  const problem = text.startsWith('-') ? `${quote(text)} is not a host name` : hostProblem(text);
  return problem === undefined ? ok(text) : no(`${problem[0]!.toUpperCase()}${problem.slice(1)}.`);
}

export function readIp(text: string): Read<string> {
  return parseIPv4(text) === undefined
    ? no(`${quote(text)} is not an IPv4 address (four numbers 0-255 without leading zeros, as in -10.0.0.5).`)
    : ok(text);
}

export const readNode = (text: string) => readNumber(text, 'The node number', 1, MAX_NODES, '-3');

/** `1-4,7-9`: ranges of node numbers, each written from-to with from <= to. */
export function readNodeRanges(text: string): Read<NodeRange[]> {
  const ranges: NodeRange[] = [];
  for (const item of text.split(',')) {
    const m = /^(\d+)-(\d+)$/.exec(item);
    const from = m ? wholeNumber(m[1]!) : undefined;
    const to = m ? wholeNumber(m[2]!) : undefined;
    if (from === undefined || to === undefined || from < 1 || to > MAX_NODES)
      return no(
        `${quote(item)} is not a range of node numbers: write from-to with numbers 1-${MAX_NODES}, ranges separated by commas, as in -j1-4,7-9.`,
      );
    if (from > to) return no(`The range ${quote(item)} runs backwards; write it as ${to}-${from}.`);
    ranges.push({ from, to });
  }
  return ok(ranges);
}

export const formatNodeRanges = (ranges: readonly NodeRange[]) => ranges.map((r) => `${r.from}-${r.to}`).join(',');

/** `DD:HH:MM`, hours below 24 and minutes below 60. */
export function readDue(text: string): Read<Due> {
  const m = /^(\d{1,4}):(\d{1,2}):(\d{1,2})$/.exec(text);
  const [days, hours, minutes] = m ? [Number(m[1]), Number(m[2]), Number(m[3])] : [0, 24, 60];
  if (hours > 23 || minutes > 59)
    return no(`${quote(text)} is not days:hours:minutes (hours 0-23, minutes 0-59), as in -D01:12:30.`);
  return ok({ days, hours, minutes });
}

const two = (n: number) => String(n).padStart(2, '0');
export const formatDue = (d: Due) => `${two(d.days)}:${two(d.hours)}:${two(d.minutes)}`;

/** `3=/new/file[,4=/other]`: descriptors to reopen on other files after -R. */
export function readRemaps(text: string): Read<FdRemap[]> {
  const remaps: FdRemap[] = [];
  for (const item of text.split(',')) {
    const m = /^(\d+)=([\s\S]*)$/.exec(item);
    const fd = m ? wholeNumber(m[1]!) : undefined;
    if (!m || fd === undefined)
      return no(`${quote(item)} is not fd=file, as in -O3=/home/me/newfile (several separated by commas).`);
    const file = readFile(m[2]!, `The file for descriptor ${fd}`);
    if (!file.ok) return no(file.problem);
    if (remaps.some((r) => r.fd === fd)) return no(`Descriptor ${fd} is remapped twice; keep one.`);
    remaps.push({ fd, file: file.value });
  }
  return ok(remaps);
}

export const formatRemaps = (remaps: readonly FdRemap[]) => remaps.map((r) => `${r.fd}=${r.file}`).join(',');

/** The word after `-S{maxjobs}` options: `commands-file[,failed-file]`; neither may hold a comma. */
export function readCommandsWord(word: string): Read<{ commandsFile: string; failedFile?: string }> {
  const [commands = '', failed, extra] = word.split(',');
  if (extra !== undefined)
    return no(
      `${quote(word)} has more than one comma; write commands-file[,failed-file] with no comma in either name.`,
    );
  const commandsFile = readFile(commands, 'The commands file');
  if (!commandsFile.ok) return no(commandsFile.problem);
  if (failed === undefined) return ok({ commandsFile: commands });
  const failedFile = readFile(failed, 'The failed-file after the comma');
  return failedFile.ok ? ok({ commandsFile: commands, failedFile: failed }) : no(failedFile.problem);
}

/** The program word: a file name that mosrun cannot mistake for an option. */
export function readProgram(word: string): Read<string> {
  if (word.startsWith('-'))
    return no(`The program ${quote(word)} starts with "-", so mosrun would read it as an option.`);
  return readFile(word, 'The program name');
}
