/** The parts of a start that are not mosrun options: directory, environment, the set's lines. Pure. */
import { readAbsoluteDir } from '../../../../../agent/src/mosrun/values';
import { splitWords } from '../../../../../agent/src/mosrun/words';
import type { Problems, RunForm } from './runForm';

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/;

/** The set's command lines: one per line, blank lines skipped. */
export const setLinesOf = (text: string) =>
  text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');

/** The first line a shell would be needed for (mosdesk runs no shell), with why. */
function lineProblem(lines: readonly string[]): string | undefined {
  for (const [i, line] of lines.entries()) {
    try {
      splitWords(line);
    } catch (err) {
      return `Line ${i + 1}: ${err instanceof Error ? err.message : String(err)}`;
    }
  }
  return undefined;
}

export function readStartFields(f: RunForm): {
  cwd: string;
  env: Record<string, string>;
  lines: string[];
  problems: Problems;
} {
  const problems: Problems = {};
  const cwd = readAbsoluteDir(f.cwd.trim(), 'The directory', '/home/alice');
  if (!cwd.ok) problems.cwd = cwd.problem;
  const env: Record<string, string> = {};
  for (const { name, value } of f.env) {
    if (name === '' && value === '') continue;
    if (!ENV_NAME.test(name))
      problems.env = `"${name}" is not a variable name (letters, digits and _, not first a digit).`;
    else if (name in env) problems.env = `${name} is given twice; keep one.`;
    else env[name] = value;
  }
  const lines = f.mode === 'set' ? setLinesOf(f.setLines) : [];
  const bad = lineProblem(lines);
  if (bad) problems.setLines = bad;
  return { cwd: cwd.ok ? cwd.value : '', env, lines, problems };
}
