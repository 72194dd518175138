import { type LineFormat, type LineResult } from './document';
import { fieldsOf, isBlankOrComment, parseDecimal, parseInteger, quote, trailingComment } from './fields';
import type { FreezeClass, FreezeDir, FreezePolicy } from './types';

/**
 * freeze.conf (§2.6, inferred from the sample gossimon ships with MOSIX's own field comments):
 * freeze directories, one a line, optionally followed by the share of that disk to use
 * (`/tmp 0.3`), then one line per class, `class units red blue autohome autocluster min max slice`.
 * The sample says only the first four class fields are mandatory; the defaults of the others are
 * not documented, so a field not written stays null and is not written back.
 */
export type FreezeEntry = ({ kind: 'dir' } & FreezeDir) | ({ kind: 'class' } & FreezeClass);

const OPTIONAL = ['autohome', 'autocluster', 'min', 'max', 'slice'] as const;
/** What goes in a gap when a later optional field is set: the "none"/"unlimited" values of the sample's comments. */
const GAP = { autohome: -1, autocluster: -1, min: 0, max: -1, slice: 0 };

export const freezeFormat: LineFormat<FreezeEntry> = {
  kinds: ['dir', 'class'],
  kindOf: (e) => e.kind,
  keyOf: (e) => (e.kind === 'dir' ? `dir ${e.path}` : `class ${e.class}`),
  format: formatFreeze,
  keep: trailingComment,
  parse: (text, line) => (isBlankOrComment(text) ? null : parseFreezeLine(fieldsOf(text), line)),
};

function formatFreeze(e: FreezeEntry): string {
  if (e.kind === 'dir') return e.share === null ? e.path : `${e.path} ${e.share}`;
  const last = OPTIONAL.reduce((n, name, i) => (e[name] !== null ? i + 1 : n), 0);
  const optional = OPTIONAL.slice(0, last).map((name) => e[name] ?? GAP[name]);
  return [e.class, e.units, e.red, e.blue, ...optional].join(' ');
}

const CLASS_FIELDS = ['class', 'units', 'red', 'blue', ...OPTIONAL];

/** The class line's numbers (red and blue may be fractions), null for optional fields not written. */
function classNumbers(fields: string[]): (number | null)[] | { problem: string } {
  const values: (number | null)[] = [];
  for (const [i, name] of CLASS_FIELDS.entries()) {
    const text = fields[i];
    const decimal = i === 2 || i === 3;
    const value = decimal ? parseDecimal(text) : parseInteger(text);
    if (text !== undefined && value === undefined)
      return { problem: `the ${name} field ${quote(text)} is not a ${decimal ? 'number' : 'whole number'}` };
    values.push(value ?? null);
  }
  return values;
}

function parseFreezeLine(fields: string[], line: number): LineResult<FreezeEntry> {
  const [first = ''] = fields;
  if (!/^[-+]?\d/.test(first)) return parseDir(fields, line);
  if (fields.length < 4 || fields.length > 9)
    return {
      problem: `${quote(fields.join(' '))} is not a class line "class units red blue [autohome autocluster min max slice]" (4 to 9 numbers)`,
    };
  const values = classNumbers(fields);
  if (!Array.isArray(values)) return values;
  const [cls, units, red, blue, autohome, autocluster, min, max, slice] = values as [
    number,
    number,
    number,
    number,
    ...(number | null)[],
  ];
  const optional = {
    autohome: autohome ?? null,
    autocluster: autocluster ?? null,
    min: min ?? null,
    max: max ?? null,
    slice: slice ?? null,
  };
  return { entry: { kind: 'class', class: cls, units, red, blue, ...optional, line } };
}

function parseDir(fields: string[], line: number): LineResult<FreezeEntry> {
  const [path = '', shareText, ...rest] = fields;
  if (rest.length > 0)
    return { problem: `unexpected ${quote(rest.join(' '))} after the freeze directory and its share` };
  const share = shareText === undefined ? null : parseDecimal(shareText);
  if (share === undefined)
    return { problem: `the share ${quote(shareText ?? '')} of ${quote(path)} is not a number such as 0.5` };
  return { entry: { kind: 'dir', path, share, line } };
}

export function policyOf(entries: readonly FreezeEntry[]): FreezePolicy {
  const dirs: FreezeDir[] = [];
  const classes: FreezeClass[] = [];
  for (const e of entries) {
    const { kind, ...rest } = e;
    if (kind === 'dir') dirs.push(rest as FreezeDir);
    else classes.push(rest as FreezeClass);
  }
  return { dirs, classes };
}

export function policyEntries(p: FreezePolicy): FreezeEntry[] {
  return [
    ...p.dirs.map((d) => ({ kind: 'dir' as const, ...d })),
    ...p.classes.map((c) => ({ kind: 'class' as const, ...c })),
  ];
}
