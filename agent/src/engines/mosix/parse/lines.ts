/** Splitting tool output into numbered lines and columns. */

export interface TextLine {
  /** 1-based line number. */
  line: number;
  /** The line without its line ending and trailing white space. */
  text: string;
}

/** The non-blank lines of a tool's output, numbered as printed (LF, CRLF or CR endings). */
export function linesOf(output: string): TextLine[] {
  return output
    .split(/\r\n|\r|\n/)
    .map((text, index) => ({ line: index + 1, text: text.trimEnd() }))
    .filter((l) => l.text.trim() !== '');
}

/**
 * The first `count - 1` white-space separated fields of a line and then the rest of it, inner
 * spaces kept: the last column of mosps and mosq is a command line, which has spaces of its own.
 * Fewer than `count` entries come back when the line runs out of fields.
 */
export function splitColumns(text: string, count: number): string[] {
  const fields: string[] = [];
  const token = /\S+/g;
  let end = 0;
  while (fields.length < count - 1) {
    const m = token.exec(text);
    if (!m) return fields;
    fields.push(m[0]);
    end = token.lastIndex;
  }
  const rest = text.slice(end).trim();
  if (rest !== '') fields.push(rest);
  return fields;
}

/** All white-space separated fields of a line. */
export function wordsOf(text: string): string[] {
  return text.trim().split(/\s+/).filter(Boolean);
}
