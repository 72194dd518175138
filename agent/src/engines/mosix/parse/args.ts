import {
  checkedChoice,
  checkedJobId,
  checkedNode,
  checkedObject,
  checkedPid,
  checkedPriority,
  MosixArgumentError,
} from './argCheck';
import { signalNumber } from './signals';

/** What migrate acts on: one process, or every process of a job (`-j{id}`). */
export type MigrateTarget = { pid: number } | { jobId: number };

/** The migrate actions that are words; `{ to }` asks to move to a node. */
export const MIGRATE_WORDS = ['home', 'out', 'freeze', 'continue', 'checkpoint', 'chkstop', 'chkexit'] as const;
export type MigrateWord = (typeof MIGRATE_WORDS)[number];
export type MigrateAction = { to: string } | MigrateWord;

/** Words migrate reads as actions (the tutorials' `checkstop` and `exit` too), so never a node. */
const ACTION_WORDS: readonly string[] = [...MIGRATE_WORDS, 'checkstop', 'exit'];

/** `{pid}` -> "1234"; `{jobId}` -> "-j5". */
export function targetArg(target: MigrateTarget): string {
  const t = checkedObject('The target', target);
  const hasPid = Object.hasOwn(t, 'pid');
  if (hasPid === Object.hasOwn(t, 'jobId'))
    throw new MosixArgumentError('The target must give either a pid or a jobId, not both or neither.');
  return hasPid ? checkedPid(t.pid) : `-j${checkedJobId(t.jobId)}`;
}

/**
 * `migrate {pid | -j{jobID}} {node | home | out | freeze | continue | checkpoint | chkstop | chkexit}`,
 * without the program name, in the man page's spelling.
 */
export function migrateArgs(target: MigrateTarget, action: MigrateAction): string[] {
  if (typeof action === 'string')
    return [targetArg(target), checkedChoice('The migrate action', action, MIGRATE_WORDS)];
  const to = checkedObject('The migrate action', action).to;
  if (typeof to === 'string' && ACTION_WORDS.includes(to))
    throw new MosixArgumentError(`The node "${to}" would be read by migrate as an action; use the action instead.`);
  return [targetArg(target), checkedNode(to)];
}

/** The parameters of each mosq subcommand. */
export interface MosqParams {
  list: { jobIds?: boolean };
  listall: { jobIds?: boolean };
  delete: { pid: number };
  run: { pid: number };
  advance: { pid: number };
  retard: { pid: number };
  /** Re-files a waiting job under a new priority (lower runs first). */
  cngpri: { pid: number; priority: number };
}
export type MosqOp = keyof MosqParams;
export const MOSQ_OPS = ['list', 'listall', 'delete', 'run', 'advance', 'retard', 'cngpri'] as const satisfies MosqOp[];

/** list and listall may be called without parameters; the others need theirs. */
type MosqRest<O extends MosqOp> = object extends MosqParams[O] ? [params?: MosqParams[O]] : [params: MosqParams[O]];

/**
 * `mosq [-j] list|listall`, `mosq delete|run|advance|retard {pid}`, `mosq cngpri {newpri} {pid}`,
 * without the program name. `jobIds` adds `-j` before the subcommand (a Job ID column).
 */
export function mosqArgs<O extends MosqOp>(op: O, ...[params]: MosqRest<O>): string[] {
  const which = checkedChoice('The mosq operation', op, MOSQ_OPS);
  const p = checkedObject(`The mosq ${which} parameters`, params ?? {});
  if (which === 'list' || which === 'listall') {
    if (p.jobIds !== undefined && typeof p.jobIds !== 'boolean')
      throw new MosixArgumentError('jobIds must be true or false.');
    return p.jobIds ? ['-j', which] : [which];
  }
  if (which === 'cngpri') return ['cngpri', checkedPriority(p.priority), checkedPid(p.pid)];
  return [which, checkedPid(p.pid)];
}

/**
 * `moskillall -{signal} [-J{jobID}]`, without the program name: the signal to every MOSIX process
 * of the calling user, or of one of their jobs. Names are sent as numbers (see signals.ts).
 */
export function moskillallArgs(signal: number | string, jobId?: number): string[] {
  const args = [`-${signalNumber(signal)}`];
  if (jobId !== undefined) args.push(`-J${checkedJobId(jobId)}`);
  return args;
}
