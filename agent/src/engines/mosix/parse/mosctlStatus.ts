import { quote } from '../../../mosixConfig/fields';
import { linesOf, type TextLine } from './lines';
import { isKnownLabel, readStatusField, type MosctlStatus } from './mosctlFields';
import type { LineProblem } from './types';
import { FieldError } from './values';

export type { Accept, DaemonState, MemoryFigure, MosctlStatus } from './mosctlFields';

export interface MosctlStatusResult {
  status: MosctlStatus;
  problems: LineProblem[];
}

function emptyStatus(): MosctlStatus {
  return {
    status: null,
    runningNormally: false,
    load: null,
    loadCpuEquivalent: null,
    speed: null,
    cpus: null,
    frozen: null,
    utilPercent: null,
    available: null,
    mosixProcesses: null,
    accept: null,
    memory: null,
    swap: null,
    daemons: [],
    gridGuests: null,
    other: [],
  };
}

/**
 * Parses `mosctl status` and `mosctl localstatus`: one `Label: value` a line. After `Daemons:`
 * come `Name: Up|Down` lines; the first line that is not one (`Guest processes from grid: 0/10`)
 * ends them. Unknown labels are kept in `other`; lines that cannot be read become problems; a label
 * printed twice keeps its first value. This never throws.
 */
export function parseMosctlStatus(text: string): MosctlStatusResult {
  const status = emptyStatus();
  const problems: LineProblem[] = [];
  const seen = new Set<string>();
  let inDaemons = false;
  for (const l of linesOf(text)) {
    const m = /^\s*([^:]*[^:\s])\s*:\s*(.*)$/.exec(l.text);
    if (!m) {
      problems.push(problem(l, 'it is not a "Label: value" line'));
      continue;
    }
    const [label, value] = [m[1] as string, (m[2] as string).trim()];
    if (inDaemons && !isKnownLabel(label) && /^(up|down)$/i.test(value)) {
      status.daemons.push({ name: label.replace(/\s+/g, ' '), state: value, up: /^up$/i.test(value) });
      continue;
    }
    const key = label.toLowerCase();
    inDaemons = key === 'daemons';
    if (seen.has(key)) {
      problems.push(problem(l, `${quote(label)} was already given`));
      continue;
    }
    seen.add(key);
    try {
      readStatusField(status, label, value);
    } catch (err) {
      if (!(err instanceof FieldError)) throw err;
      problems.push(problem(l, err.message));
    }
  }
  return { status, problems };
}

function problem(l: TextLine, reason: string): LineProblem {
  return { line: l.line, text: l.text, reason };
}
