/** A pasted `mosrun …` line turned into the Run dialog's form. Pure. */
import { MosrunParseError } from '../../../../../agent/src/mosrun/errors';
import type { MosrunOptions, Placement } from '../../../../../agent/src/mosrun/options';
import { parseMosrunLine } from '../../../../../agent/src/mosrun/parse';
import { formatDue, formatNodeRanges } from '../../../../../agent/src/mosrun/values';
import { emptyForm, type RunForm } from './runForm';

function placementFields(p: Placement | undefined): Partial<RunForm> {
  if (!p) return { where: 'best' };
  switch (p.kind) {
    case 'host':
      return { where: 'host', host: p.host };
    case 'ip':
      return { where: 'ip', ip: p.ip };
    case 'node':
      return { where: 'node', node: String(p.node) };
    case 'random':
      return { where: 'random', ranges: formatNodeRanges(p.ranges) };
    default:
      return { where: p.kind };
  }
}

const text = (n: number | undefined) => (n === undefined ? '' : String(n));

/** The fields the form shows; what it has no field for stays in `rest`. */
function formFields(o: MosrunOptions): { fields: Partial<RunForm>; rest: Partial<MosrunOptions> } {
  const { target: _t, placement, memoryMb, gridClass, jobId, due, batch, unsupported, ...rest } = o;
  const { checkpointBase, checkpointEveryMinutes, checkpointMax, queue, migration, ...others } = rest;
  const fields: Partial<RunForm> = {
    ...placementFields(placement),
    ...{ memoryMb: text(memoryMb), gridClass: text(gridClass), jobId: text(jobId), due: due ? formatDue(due) : '' },
    ...{ batch: batch?.kind ?? 'none', batchDir: batch?.cwd ?? '', unsupported: unsupported ?? 'kill' },
    ...{ checkpointBase: checkpointBase ?? '', checkpointEvery: text(checkpointEveryMinutes) },
    ...{ checkpointMax: text(checkpointMax), locked: migration === 'locked' },
  };
  const kept: Partial<MosrunOptions> = { ...others };
  if (migration === 'free') kept.migration = 'free';
  if (queue?.letter === 'q') Object.assign(fields, { queued: true, queuePriority: text(queue.priority) });
  else if (queue) kept.queue = queue;
  return { fields, rest: kept };
}

/**
 * The form a pasted line means, keeping the directory and environment already typed (a line
 * carries neither), or why it cannot be read, naming the option.
 */
export function formFromLine(line: string, current: RunForm): { form: RunForm } | { problem: string } {
  let o: MosrunOptions;
  try {
    o = parseMosrunLine(line);
  } catch (err) {
    if (err instanceof MosrunParseError) return { problem: err.message };
    throw err;
  }
  const t = o.target;
  if (t.kind === 'recover' || t.kind === 'list')
    return {
      problem: `${t.kind === 'recover' ? '-R' : '-I'}: the dialog starts programs and sets of command lines; resuming or listing a checkpoint is not supported here yet.`,
    };
  const { fields, rest } = formFields(o);
  const base = { ...emptyForm(current.cwd), env: current.env, setLines: current.setLines };
  const what: Partial<RunForm> =
    t.kind === 'program'
      ? { mode: 'program', program: t.program, args: [...t.args] }
      : { mode: 'set', maxJobs: String(t.maxJobs), setFileName: t.commandsFile, setFailedFile: t.failedFile ?? '' };
  return { form: { ...base, ...what, ...fields, rest } };
}
