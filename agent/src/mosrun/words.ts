/**
 * A pasted command line split into words as a POSIX shell would for the plain cases (spaces,
 * '...', "...", backslash), and written back so that it splits the same. Shell syntax that
 * would make it more than one program's argv (pipes, redirections, $, `) is refused: mosdesk
 * runs programs with an argument array, never through a shell. Pure.
 */
import { MosrunParseError } from './errors';

const SHELL_SYNTAX = /[|&;<>()`$]/;

function shellSyntax(c: string): MosrunParseError {
  return new MosrunParseError(
    null,
    `${JSON.stringify(c)} is shell syntax, and mosdesk runs the program directly, with no shell; put it in quotes if it belongs to an argument.`,
  );
}

/** The word of a double-quoted part from `i` (after the opening quote): [text, index after the closing quote]. */
function doubleQuoted(line: string, i: number): [string, number] {
  let out = '';
  for (; i < line.length; i++) {
    const c = line[i]!;
    if (c === '"') return [out, i + 1];
    if (c === '$' || c === '`') throw shellSyntax(c);
    if (c === '\\' && /["\\$`]/.test(line[i + 1] ?? '')) out += line[++i];
    else out += c;
  }
  throw new MosrunParseError(null, 'A double quote (") is not closed.');
}

export function splitWords(line: string): string[] {
  const words: string[] = [];
  let word: string | null = null;
  for (let i = 0; i < line.length;) {
    const c = line[i]!;
    if (/\s/.test(c)) {
      if (word !== null) words.push(word);
      word = null;
      i++;
    } else if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) throw new MosrunParseError(null, "A single quote (') is not closed.");
      word = (word ?? '') + line.slice(i + 1, end);
      i = end + 1;
    } else if (c === '"') {
      const [part, next] = doubleQuoted(line, i + 1);
      word = (word ?? '') + part;
      i = next;
    } else if (c === '\\') {
      if (i + 1 >= line.length) throw new MosrunParseError(null, 'The line ends with a lone backslash.');
      word = (word ?? '') + line[i + 1];
      i += 2;
    } else {
      if (SHELL_SYNTAX.test(c)) throw shellSyntax(c);
      word = (word ?? '') + c;
      i++;
    }
  }
  if (word !== null) words.push(word);
  return words;
}

/** A word as a shell reads it back: bare when it is plain, else in single quotes. */
export function shellWord(word: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}
