import { type LineFormat, type LineResult } from './document';
import { fieldsOf, hostProblem, isBlankOrComment, parseInteger, quote, trailingComment } from './fields';
import type { Partner, PartnerRange } from './types';

/**
 * partners/<name> (§2.4, from gossimon's reader, which is positional): line 1 is a free-text
 * description, line 2 `priority cango cantake canexpend`, then one range a line,
 * `{host} {count} {core} {participate} {proximate}`; `#` comments and blank lines only after line 2.
 * Tolerant: a file whose first line is already the priority line is read as having no description.
 */
export type PartnerEntry =
  | { kind: 'description'; text: string }
  | { kind: 'priority'; priority: number; canGo: boolean; canTake: boolean; canExpend: number }
  | ({ kind: 'range' } & PartnerRange);

const bit = (b: boolean) => (b ? 1 : 0);

export const partnerFormat: LineFormat<PartnerEntry> = {
  kinds: ['description', 'priority', 'range'],
  kindOf: (e) => e.kind,
  keyOf: (e) => (e.kind === 'range' ? `range ${e.host}` : e.kind),
  format: (e) => {
    if (e.kind === 'description') return e.text;
    if (e.kind === 'priority') return `${e.priority} ${bit(e.canGo)} ${bit(e.canTake)} ${e.canExpend}`;
    return `${e.host} ${e.count} ${bit(e.core)} ${bit(e.participate)} ${bit(e.proximate)}`;
  },
  keep: (text, entry) => (entry.kind === 'description' ? '' : trailingComment(text)),
  parse: parsePartnerLine,
};

const PRIORITY_LINE = /^\s*([-+]?\d+)\s+([-+]?\d+)\s+([-+]?\d+)\s+([-+]?\d+)\s*(#.*)?$/;

function parsePartnerLine(text: string, line: number, before: readonly PartnerEntry[]): LineResult<PartnerEntry> {
  const priority = PRIORITY_LINE.exec(text);
  const priorityEntry = (m: RegExpExecArray): LineResult<PartnerEntry> => {
    const [p, go, take, expend] = m.slice(1, 5).map(Number) as [number, number, number, number];
    return { entry: { kind: 'priority', priority: p, canGo: go !== 0, canTake: take !== 0, canExpend: expend } };
  };
  if (line === 1) return priority ? priorityEntry(priority) : { entry: { kind: 'description', text } };
  if (line === 2 && before[0]?.kind === 'description') {
    if (priority) return priorityEntry(priority);
    return {
      problem: `the second line ${quote(text)} should be "priority cango cantake canexpend" (four whole numbers, such as "50 1 1 1")`,
    };
  }
  if (isBlankOrComment(text)) return null;
  return parsePartnerRange(fieldsOf(text), line);
}

function parsePartnerRange(fields: string[], line: number): LineResult<PartnerEntry> {
  const [host = '', countText, ...flags] = fields;
  if (countText === undefined || flags.length !== 3)
    return { problem: `${quote(fields.join(' '))} is not a range "host count core participate proximate"` };
  const bad = hostProblem(host);
  if (bad) return { problem: bad };
  const count = parseInteger(countText);
  if (count === undefined) return { problem: `the node count ${quote(countText)} is not a whole number from 1 up` };
  if (!flags.every((f) => f === '0' || f === '1'))
    return { problem: `the core, participate and proximate fields ${quote(flags.join(' '))} must each be 0 or 1` };
  const [core, participate, proximate] = flags.map((f) => f === '1') as [boolean, boolean, boolean];
  return { entry: { kind: 'range', host, count, core, participate, proximate, line } };
}

/** The partner a file's entries describe. */
export function partnerOf(name: string, entries: readonly PartnerEntry[]): Partner {
  const description = entries.find((e) => e.kind === 'description');
  const priority = entries.find((e) => e.kind === 'priority');
  return {
    name,
    description: description ? description.text : null,
    priority: priority ? priority.priority : null,
    canGo: priority ? priority.canGo : false,
    canTake: priority ? priority.canTake : false,
    canExpend: priority ? priority.canExpend : 0,
    ranges: entries.flatMap((e) => (e.kind === 'range' ? [stripKind(e)] : [])),
  };
}

function stripKind(e: PartnerEntry & { kind: 'range' }): PartnerRange {
  const { kind: _kind, ...range } = e;
  return range;
}

/** The entries a partner is written as (no priority line when its priority is null). */
export function partnerEntries(p: Partner): PartnerEntry[] {
  const out: PartnerEntry[] = [];
  if (p.description !== null) out.push({ kind: 'description', text: p.description.replace(/[\r\n]+/g, ' ') });
  if (p.priority !== null)
    out.push({ kind: 'priority', priority: p.priority, canGo: p.canGo, canTake: p.canTake, canExpend: p.canExpend });
  for (const r of p.ranges) out.push({ kind: 'range', ...r });
  return out;
}
