/**
 * A line-preserving view of one configuration file: every line is kept with its own end of line
 * (blank, comment, entry or unknown), so writing an unchanged document gives back the same bytes
 * and an edit touches only the lines it changes.
 */

export type LineKind = 'blank' | 'comment' | 'entry' | 'unknown';

export interface DocLine<E> {
  /** The line without its end of line. */
  text: string;
  /** '\n', '\r\n', or '' for a last line with no newline. */
  eol: string;
  kind: LineKind;
  entry?: E;
  /** Why an unknown line was not understood: a sentence, without the file and line prefix. */
  problem?: string;
  /** An unknown line is an error unless the format only warns (a file whose syntax is not documented). */
  severity?: 'warning';
}

export interface ConfigDocument<E> {
  file: string;
  lines: DocLine<E>[];
}

/** What a line parser gives back: an entry, a problem (the line is kept as unknown), or null for blank/comment. */
export type LineResult<E> = { entry: E } | { problem: string; severity?: 'warning' } | null;

export interface LineFormat<E> {
  /** The kinds of entry, in the order the file keeps them (a first entry of a kind goes after earlier kinds). */
  kinds: readonly string[];
  kindOf(entry: E): string;
  /** Identity for edits: a changed entry with the same key is rewritten in place. */
  keyOf(entry: E): string;
  /** The canonical text of an entry; entries with the same text are the same. */
  format(entry: E): string;
  /** Reads a line that is not blank; `before` holds the entries of earlier lines (partner files are positional). */
  parse(text: string, line: number, before: readonly E[]): LineResult<E>;
  /** What of an old line survives a rewrite (a trailing comment); none by default. */
  keep?(oldText: string, entry: E): string;
}

export function splitLines<E>(text: string): DocLine<E>[] {
  const parts = text.split('\n');
  const last = parts.pop() ?? '';
  const lines: DocLine<E>[] = parts.map((part) =>
    part.endsWith('\r')
      ? { text: part.slice(0, -1), eol: '\r\n', kind: 'blank' }
      : { text: part, eol: '\n', kind: 'blank' },
  );
  if (last !== '') lines.push({ text: last, eol: '', kind: 'blank' });
  return lines;
}

export function parseDocument<E>(file: string, text: string, format: LineFormat<E>): ConfigDocument<E> {
  const lines = splitLines<E>(text);
  const entries: E[] = [];
  lines.forEach((line, index) => {
    const result = format.parse(line.text, index + 1, entries);
    if (result === null) line.kind = /^\s*$/.test(line.text) ? 'blank' : 'comment';
    else if ('entry' in result) {
      line.kind = 'entry';
      line.entry = result.entry;
      entries.push(result.entry);
    } else {
      line.kind = 'unknown';
      line.problem = result.problem;
      if (result.severity) line.severity = result.severity;
    }
  });
  return { file, lines };
}

export function serialize(doc: ConfigDocument<unknown>): string {
  return doc.lines.map((l) => l.text + l.eol).join('');
}

export function entriesOf<E>(doc: ConfigDocument<E>): E[] {
  return doc.lines.flatMap((l) => (l.kind === 'entry' && l.entry !== undefined ? [l.entry] : []));
}

/** Entries with the 1-based line each came from. */
export function entryLines<E>(doc: ConfigDocument<E>): { entry: E; line: number }[] {
  return doc.lines.flatMap((l, i) =>
    l.kind === 'entry' && l.entry !== undefined ? [{ entry: l.entry, line: i + 1 }] : [],
  );
}

/** The file's own end of line: CRLF when most of its lines use it. */
function dominantEol(lines: readonly DocLine<unknown>[]): string {
  const crlf = lines.filter((l) => l.eol === '\r\n').length;
  const lf = lines.filter((l) => l.eol === '\n').length;
  return crlf > lf ? '\r\n' : '\n';
}

/**
 * A new document whose entries are `entries` (in that order within each kind), keeping every
 * other line as it was: unchanged entries keep their exact text, changed ones are rewritten in
 * place, new ones go after the entry before them (or the last of their kind), removed ones go.
 */
export function editDocument<E>(
  doc: ConfigDocument<E>,
  format: LineFormat<E>,
  entries: readonly E[],
): ConfigDocument<E> {
  const eol = dominantEol(doc.lines);
  let lines = doc.lines;
  for (const kind of format.kinds) {
    const wanted = entries.filter((e) => format.kindOf(e) === kind);
    lines = applyKind(lines, format, kind, wanted, eol);
  }
  const out = lines.map((l, i) => (i < lines.length - 1 && l.eol === '' ? { ...l, eol } : l));
  return { file: doc.file, lines: out };
}

interface Plan<E> {
  replace: Map<number, DocLine<E> | null>;
  before: Map<number, DocLine<E>[]>;
  after: Map<number, DocLine<E>[]>;
  atEnd: DocLine<E>[];
}

function push<E>(map: Map<number, DocLine<E>[]>, at: number, line: DocLine<E>): void {
  const list = map.get(at);
  if (list) list.push(line);
  else map.set(at, [line]);
}

function applyKind<E>(lines: DocLine<E>[], format: LineFormat<E>, kind: string, wanted: readonly E[], eol: string) {
  const old = lines.flatMap((l, i) =>
    l.kind === 'entry' && l.entry !== undefined && format.kindOf(l.entry) === kind ? [i] : [],
  );
  const match = matchByKey(
    old.map((i) => format.keyOf(lines[i]!.entry as E)),
    wanted.map((e) => format.keyOf(e)),
  );
  const plan: Plan<E> = { replace: new Map(), before: new Map(), after: new Map(), atEnd: [] };
  const matched = new Set(match.filter((m) => m !== undefined).map((m) => old[m as number]!));
  for (const i of old) if (!matched.has(i)) plan.replace.set(i, null);
  let previous: number | undefined;
  wanted.forEach((entry, j) => {
    const m = match[j];
    if (m !== undefined) {
      previous = old[m]!;
      const was = lines[previous]!;
      if (format.format(was.entry as E) !== format.format(entry))
        plan.replace.set(previous, rewrite(was, entry, format));
      return;
    }
    const line: DocLine<E> = { text: format.format(entry), eol, kind: 'entry', entry };
    if (previous !== undefined) return push(plan.after, previous, line);
    const next = match.slice(j + 1).find((x) => x !== undefined);
    if (next !== undefined) return push(plan.before, old[next]!, line);
    placeFirst(lines, format, kind, old, line, plan);
  });
  return emit(lines, plan);
}

/** Where the first new entry of a kind goes when no kept entry of that kind is before or after it. */
function placeFirst<E>(
  lines: DocLine<E>[],
  format: LineFormat<E>,
  kind: string,
  old: number[],
  line: DocLine<E>,
  plan: Plan<E>,
) {
  const lastOld = old[old.length - 1];
  if (lastOld !== undefined) return push(plan.after, lastOld, line);
  const rank = format.kinds.indexOf(kind);
  const ranked = lines.flatMap((l, i) =>
    l.kind === 'entry' && l.entry !== undefined ? [{ i, r: format.kinds.indexOf(format.kindOf(l.entry)) }] : [],
  );
  const earlier = ranked.filter((x) => x.r < rank).pop();
  if (earlier) return push(plan.after, earlier.i, line);
  const later = ranked.find((x) => x.r > rank);
  if (later) return push(plan.before, later.i, line);
  plan.atEnd.push(line);
}

function rewrite<E>(was: DocLine<E>, entry: E, format: LineFormat<E>): DocLine<E> {
  return { text: format.format(entry) + (format.keep?.(was.text, entry) ?? ''), eol: was.eol, kind: 'entry', entry };
}

function emit<E>(lines: DocLine<E>[], plan: Plan<E>): DocLine<E>[] {
  const out: DocLine<E>[] = [];
  lines.forEach((line, i) => {
    out.push(...(plan.before.get(i) ?? []));
    const replaced = plan.replace.get(i);
    if (replaced === undefined) out.push(line);
    else if (replaced !== null) out.push(replaced);
    out.push(...(plan.after.get(i) ?? []));
  });
  out.push(...plan.atEnd);
  return out;
}

/**
 * For each new key, the index of the old key it keeps (a longest common subsequence, so the
 * file's order is never shuffled), or undefined for a new entry. Common ends are matched first
 * so a long map with one change costs little.
 */
export function matchByKey(old: readonly string[], wanted: readonly string[]): (number | undefined)[] {
  const match: (number | undefined)[] = wanted.map(() => undefined);
  let head = 0;
  while (head < old.length && head < wanted.length && old[head] === wanted[head]) match[head] = head++;
  let tail = 0;
  while (
    tail < old.length - head &&
    tail < wanted.length - head &&
    old[old.length - 1 - tail] === wanted[wanted.length - 1 - tail]
  ) {
    match[wanted.length - 1 - tail] = old.length - 1 - tail;
    tail++;
  }
  const a = old.slice(head, old.length - tail);
  const b = wanted.slice(head, wanted.length - tail);
  lcs(a, b).forEach(([i, j]) => (match[head + j] = head + i));
  return match;
}

/** Past this many cells the table would cost too much memory: match greedily in order instead. */
const MAX_LCS_CELLS = 4_000_000;

function lcs(a: readonly string[], b: readonly string[]): [number, number][] {
  if (a.length * b.length > MAX_LCS_CELLS) return greedy(a, b);
  const width = b.length + 1;
  const table = new Uint32Array((a.length + 1) * width);
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--)
      table[i * width + j] =
        a[i] === b[j]
          ? table[(i + 1) * width + j + 1]! + 1
          : Math.max(table[(i + 1) * width + j]!, table[i * width + j + 1]!);
  const pairs: [number, number][] = [];
  for (let i = 0, j = 0; i < a.length && j < b.length;) {
    if (a[i] === b[j]) pairs.push([i++, j++]);
    else if (table[(i + 1) * width + j]! >= table[i * width + j + 1]!) i++;
    else j++;
  }
  return pairs;
}

function greedy(a: readonly string[], b: readonly string[]): [number, number][] {
  const pairs: [number, number][] = [];
  let i = 0;
  b.forEach((key, j) => {
    const found = a.indexOf(key, i);
    if (found >= 0) {
      pairs.push([found, j]);
      i = found + 1;
    }
  });
  return pairs;
}
