/** The arguments of migrate, moskillall, mosq and testload (reference/mosix.md §1.4-1.6, §1.11). Pure. */
import { constants } from 'node:os';
import type { QueueOp } from './records';

/** One process by PID, or every process of a Job ID (`-j5`, or the tutorials' `-J5`). */
export type Target = { pid: number } | { jobId: number };

export type MigrateAction =
  | { kind: 'to'; node: string }
  | { kind: 'home' | 'out' | 'freeze' | 'continue' | 'checkpoint' | 'chkstop' | 'chkexit' };

/** The tutorials' spellings next to the man page's. */
const WORDS: Record<string, Exclude<MigrateAction, { kind: 'to' }>['kind']> = {
  home: 'home',
  out: 'out',
  freeze: 'freeze',
  continue: 'continue',
  checkpoint: 'checkpoint',
  chkstop: 'chkstop',
  checkstop: 'chkstop',
  chkexit: 'chkexit',
  exit: 'chkexit',
};

function number(text: string, what: string, min = 0): number {
  if (!/^\d{1,10}$/.test(text) || Number(text) < min || Number(text) > 2_147_483_647)
    throw new Error(`${what} "${text}" is not a whole number${min > 0 ? ` from ${min}` : ''}`);
  return Number(text);
}

export function parseTarget(text: string): Target {
  const job = /^-[jJ](.*)$/.exec(text);
  return job ? { jobId: number(job[1] as string, 'the Job ID') } : { pid: number(text, 'the PID', 1) };
}

/** `migrate {pid | -j{id}} {node | home | out | freeze | continue | checkpoint | chkstop | chkexit}`. */
export function parseMigrateArgs(argv: readonly string[]): { target: Target; action: MigrateAction } {
  if (argv.length !== 2)
    throw new Error('usage: migrate {pid|-j{jobID}} {node|home|out|freeze|continue|checkpoint|chkstop|chkexit}');
  const [target, action] = argv as [string, string];
  if (Object.hasOwn(WORDS, action)) return { target: parseTarget(target), action: { kind: WORDS[action]! } };
  if (!/^[A-Za-z0-9][A-Za-z0-9.-]*$/.test(action)) throw new Error(`"${action}" is not a node or an action`);
  return { target: parseTarget(target), action: { kind: 'to', node: action } };
}

/** Signal name (TERM, SIGTERM, term) or number as its number; undefined for neither. */
export function signalOf(text: string): number | undefined {
  if (/^\d{1,2}$/.test(text)) return Number(text) >= 1 && Number(text) <= 64 ? Number(text) : undefined;
  const name = `SIG${text.toUpperCase().replace(/^SIG/, '')}` as keyof typeof constants.signals;
  return Object.hasOwn(constants.signals, name) ? constants.signals[name] : undefined;
}

/** `moskillall [-{signal}] [-J{jobID}]`: SIGTERM by default, every job without -J. */
export function parseMoskillallArgs(argv: readonly string[]): { signal: number; jobId: number | null } {
  let signal = constants.signals.SIGTERM;
  let jobId: number | null = null;
  for (const word of argv) {
    const job = /^-[Jj](\d*)$/.exec(word);
    if (job) jobId = number(job[1] as string, 'the Job ID');
    else if (word.startsWith('-') && signalOf(word.slice(1)) !== undefined) signal = signalOf(word.slice(1))!;
    else throw new Error(`"${word}" is neither -{signal} nor -J{jobID}`);
  }
  return { signal, jobId };
}

/** Signals whose default action does not end a process. */
const HARMLESS = new Set(['SIGCHLD', 'SIGCONT', 'SIGSTOP', 'SIGTSTP', 'SIGTTIN', 'SIGTTOU', 'SIGURG', 'SIGWINCH']);

export function endsProcess(signal: number): boolean {
  return !Object.entries(constants.signals).some(([name, n]) => n === signal && HARMLESS.has(name));
}

export type MosqCommand = { op: 'list' | 'listall'; jobIds: boolean } | QueueOp;

/** `mosq [-j] list|listall`, `mosq delete|run|advance|retard {pid}`, `mosq cngpri {newpri} {pid}`. */
export function parseMosqArgs(argv: readonly string[]): MosqCommand {
  const jobIds = argv[0] === '-j';
  const [op, ...rest] = jobIds ? argv.slice(1) : argv;
  if ((op === 'list' || op === 'listall') && rest.length === 0) return { op, jobIds };
  if (jobIds) throw new Error('-j goes with list and listall only');
  if ((op === 'delete' || op === 'run' || op === 'advance' || op === 'retard') && rest.length === 1)
    return { op, pid: number(rest[0] as string, 'the PID', 1) };
  if (op === 'cngpri' && rest.length === 2)
    return { op, priority: number(rest[0] as string, 'the priority'), pid: number(rest[1] as string, 'the PID', 1) };
  throw new Error('usage: mosq [-j] list|listall | delete|run|advance|retard {pid} | cngpri {newpri} {pid}');
}

export interface TestloadOptions {
  /** Seconds of CPU work before it ends; 0: forever. */
  seconds: number;
  memMb: number;
}

/** testload's options: -t/--time SEC (1800 by default), -m/--mem MB; single-dash long names too. */
export function parseTestloadArgs(argv: readonly string[]): TestloadOptions {
  const o: TestloadOptions = { seconds: 1800, memMb: 0 };
  for (let i = 0; i < argv.length; i++) {
    const word = (argv[i] as string).replace(/^--?/, '-');
    const value = argv[i + 1];
    if (value === undefined) throw new Error(`${argv[i]}: expected -t SEC or -m MB`);
    if (word === '-t' || word === '-time') o.seconds = number(value, 'the time');
    else if (word === '-m' || word === '-mem') o.memMb = number(value, 'the memory');
    else throw new Error(`${argv[i]}: the stand-in's testload takes -t SEC and -m MB`);
    i++;
  }
  return o;
}
