/**
 * Command lines and names come from nodes: a process may put anything in its argv. Shown as one
 * line of plain text, with every character that could break the row or mislead the eye written
 * out as an escape: C0/C1 controls and DEL (`\n`, `\t`, `\x1b`), and the bidirectional controls
 * that can make text read backwards (`\u202e`). The backslash itself is doubled, so an escape on
 * screen always means the byte was there.
 */
const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\\': '\\\\' };

// C0 controls, DEL, C1 controls, bidi marks, embeddings/overrides and isolates, and the line/paragraph separators.
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\\]/g;

const hex = (c: string, width: number): string => c.charCodeAt(0).toString(16).padStart(width, '0');

export function visibleText(text: string): string {
  return text.replace(UNSAFE, (c) => {
    const named = NAMED[c];
    if (named) return named;
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${hex(c, 2)}` : `\\u${hex(c, 4)}`;
  });
}
