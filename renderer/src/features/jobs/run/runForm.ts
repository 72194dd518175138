/**
 * The Run dialog's form as typed (text fields, choices) and the MosrunOptions it means, both
 * ways: every field read as it is typed, with a problem sentence per field, and a pasted mosrun
 * line turned back into a form. Pure.
 */
import type { Placement, MosrunOptions } from '../../../../../agent/src/mosrun/options';
import {
  INT_MAX,
  MAX_QUEUE_PRIORITY,
  type Read,
  readAbsoluteDir,
  readDue,
  readFile,
  readHost,
  readIp,
  readNode,
  readNodeRanges,
  readNumber,
  readProgram,
} from '../../../../../agent/src/mosrun/values';

export type WhereKind = Placement['kind'];

export interface EnvEntry {
  name: string;
  value: string;
}

export interface RunForm {
  mode: 'program' | 'set';
  program: string;
  args: string[];
  cwd: string;
  env: EnvEntry[];
  /** The set's command lines, one per line (pasted or read from a picked file). */
  setLines: string;
  /** What the set is called on the command line (the picked file's name). */
  setFileName: string;
  /** mosrun's failed-file (`-S2 commands,failed`): where MOSIX writes the failed lines. */
  setFailedFile: string;
  maxJobs: string;
  where: WhereKind;
  host: string;
  node: string;
  ip: string;
  ranges: string;
  memoryMb: string;
  gridClass: string;
  batch: 'none' | 'native' | 'mosix';
  batchDir: string;
  queued: boolean;
  queuePriority: string;
  checkpointBase: string;
  checkpointEvery: string;
  checkpointMax: string;
  unsupported: 'kill' | 'fail' | 'warn';
  locked: boolean;
  jobId: string;
  due: string;
  /** Options of a pasted line that the form has no field for: kept, shown, and on the line. */
  rest: Partial<MosrunOptions>;
}

export type FieldName = Exclude<keyof RunForm, 'mode' | 'rest' | 'setFileName' | 'setFailedFile'>;
export type Problems = Partial<Record<FieldName, string>>;

export function emptyForm(cwd = ''): RunForm {
  return {
    ...{ mode: 'program', program: '', args: [], cwd, env: [], setLines: '', setFileName: 'commands', maxJobs: '2' },
    setFailedFile: '',
    ...{ where: 'best', host: '', node: '', ip: '', ranges: '', memoryMb: '', gridClass: '' },
    ...{ batch: 'none', batchDir: '', queued: false, queuePriority: '' },
    ...{ checkpointBase: '', checkpointEvery: '', checkpointMax: '', unsupported: 'kill', locked: false },
    ...{ jobId: '', due: '', rest: {} },
  };
}

/** Reads a field into `into` or records its problem; an empty optional field is simply not given. */
class Reader {
  readonly problems: Problems = {};
  read<T>(field: FieldName, text: string, parse: (t: string) => Read<T>, optional = true): T | undefined {
    const t = text.trim();
    if (optional && t === '') return undefined;
    const r = parse(t);
    if (r.ok) return r.value;
    this.problems[field] = r.problem;
    return undefined;
  }
}

const num = (what: string, min: number, max: number, example: string) => (t: string) =>
  readNumber(t, what, min, max, example);

function placementOf(f: RunForm, r: Reader): Placement | undefined {
  switch (f.where) {
    case 'best':
      return { kind: 'best' };
    case 'home':
      return { kind: 'home' };
    case 'host': {
      const host = r.read('host', f.host, readHost, false);
      return host === undefined ? undefined : { kind: 'host', host };
    }
    case 'ip': {
      const ip = r.read('ip', f.ip, readIp, false);
      return ip === undefined ? undefined : { kind: 'ip', ip };
    }
    case 'node': {
      const node = r.read('node', f.node, readNode, false);
      return node === undefined ? undefined : { kind: 'node', node };
    }
    case 'random': {
      const ranges = r.read('ranges', f.ranges, readNodeRanges, false);
      return ranges === undefined ? undefined : { kind: 'random', ranges };
    }
  }
}

function targetOf(f: RunForm, r: Reader): MosrunOptions['target'] | undefined {
  if (f.mode === 'set') {
    const maxJobs = r.read('maxJobs', f.maxJobs, num('-S maxjobs', 1, 1000, '-S2'), false);
    if (f.setLines.trim() === '') r.problems.setLines = 'The set has no command lines; paste them or pick a file.';
    const name = f.setFileName.trim() || 'commands';
    const failed = f.setFailedFile.trim();
    if (maxJobs === undefined) return undefined;
    return { kind: 'commands', maxJobs, commandsFile: name, ...(failed ? { failedFile: failed } : {}) };
  }
  const program = r.read('program', f.program, readProgram, false);
  const bad = f.args.findIndex((a) => a.includes('\0'));
  if (bad >= 0) r.problems.args = `Argument ${bad + 1} contains a NUL character, which no argument can hold.`;
  return program === undefined ? undefined : { kind: 'program', program, args: [...f.args] };
}

function checkpointOf(f: RunForm, r: Reader, o: MosrunOptions): void {
  const base = r.read('checkpointBase', f.checkpointBase, (t) => readFile(t, 'The checkpoint file base'));
  const every = r.read('checkpointEvery', f.checkpointEvery, num('-A minutes', 1, INT_MAX, '-A30'));
  const max = r.read('checkpointMax', f.checkpointMax, num('-N', 1, INT_MAX, '-N5'));
  if (base !== undefined) o.checkpointBase = base;
  if (every !== undefined) o.checkpointEveryMinutes = every;
  if (max !== undefined) o.checkpointMax = max;
}

function howOf(f: RunForm, r: Reader, o: MosrunOptions): void {
  if (f.batch !== 'none') {
    const cwd = r.read('batchDir', f.batchDir, (t) => readAbsoluteDir(t, 'The batch directory', '-E/tmp'));
    o.batch = { kind: f.batch, ...(cwd === undefined ? {} : { cwd }) };
  }
  if (f.queued) {
    const priority = r.read('queuePriority', f.queuePriority, num('-q priority', 0, MAX_QUEUE_PRIORITY, '-q60'));
    o.queue = { letter: 'q', ...(priority === undefined ? {} : { priority }) };
  }
  if (f.unsupported !== 'kill') o.unsupported = f.unsupported;
  if (f.locked) o.migration = 'locked';
  checkpointOf(f, r, o);
}

/** The options the form means, or null with a problem for every field that cannot be read. */
export function formToOptions(f: RunForm): { options: MosrunOptions | null; problems: Problems } {
  const r = new Reader();
  const target = targetOf(f, r);
  const placement = placementOf(f, r);
  const o: MosrunOptions = { ...f.rest, target: target ?? { kind: 'program', program: 'x', args: [] } };
  if (placement) o.placement = placement;
  const memoryMb = r.read('memoryMb', f.memoryMb, num('-m (MB)', 1, INT_MAX, '-m1000'));
  const gridClass = r.read('gridClass', f.gridClass, num('-G class', 0, INT_MAX, '-G1'));
  const jobId = r.read('jobId', f.jobId, num('The Job ID', 0, INT_MAX, '-J20'));
  const due = r.read('due', f.due, readDue);
  if (memoryMb !== undefined) o.memoryMb = memoryMb;
  if (gridClass !== undefined) o.gridClass = gridClass;
  if (jobId !== undefined) o.jobId = jobId;
  if (due !== undefined) o.due = due;
  howOf(f, r, o);
  const ok = target !== undefined && Object.keys(r.problems).length === 0;
  return { options: ok ? o : null, problems: r.problems };
}
