import { type LineFormat, type LineResult } from './document';
import { fieldsOf, isBlankOrComment, parseInteger, quote, trailingComment } from './fields';
import type { QueueConfig } from './types';

/**
 * The queue configuration, /etc/mosix/queue.conf. Neither its name nor its syntax is documented:
 * MOSIX(M7) names the `Z {n}` and `N {n} [{mb}]` lines, and the tutorial says the default
 * priority (50) can be changed. The syntax here is inferred and tolerant: `priority 50` (also
 * `default 50`, `priority=50`, any case), `Z 3`, `N 2 1000`. Lines it does not know are kept as
 * written and only warned about, since the real file may hold directives we have never seen.
 */
export type QueueEntry =
  { kind: 'priority'; value: number } | { kind: 'Z'; count: number } | { kind: 'N'; count: number; mb: number | null };

export const queueFormat: LineFormat<QueueEntry> = {
  kinds: ['priority', 'Z', 'N'],
  kindOf: (e) => e.kind,
  keyOf: (e) => e.kind,
  format: (e) => {
    if (e.kind === 'priority') return `priority ${e.value}`;
    if (e.kind === 'Z') return `Z ${e.count}`;
    return e.mb === null ? `N ${e.count}` : `N ${e.count} ${e.mb}`;
  },
  keep: trailingComment,
  parse: (text, line) => (isBlankOrComment(text) ? null : parseQueueLine(fieldsOf(text.replace('=', ' ')), line)),
};

function number(text: string | undefined, what: string): { value: number } | { problem: string } {
  const value = parseInteger(text);
  return value === undefined ? { problem: `${what} ${quote(text ?? '')} is not a whole number` } : { value };
}

function parseQueueLine(fields: string[], _line: number): LineResult<QueueEntry> {
  const [word = '', a, b, ...rest] = fields;
  const key = /^(priority|default|defpri|default-priority)$/i.test(word) ? 'priority' : word.toUpperCase();
  if (key === 'priority' && b === undefined) {
    const n = number(a, 'the default priority');
    return 'problem' in n ? n : { entry: { kind: 'priority', value: n.value } };
  }
  if (key === 'Z' && b === undefined) {
    const n = number(a, "the Z rule's job count");
    return 'problem' in n ? n : { entry: { kind: 'Z', count: n.value } };
  }
  if (key === 'N' && rest.length === 0) {
    const n = number(a, "the N rule's job count");
    if ('problem' in n) return n;
    if (b === undefined) return { entry: { kind: 'N', count: n.value, mb: null } };
    const mb = number(b, "the N rule's memory limit (MB)");
    return 'problem' in mb ? mb : { entry: { kind: 'N', count: n.value, mb: mb.value } };
  }
  return {
    severity: 'warning',
    problem: `mosdesk does not know the line ${quote(fields.join(' '))} (it reads "priority N", "Z N" and "N N [MB]"; the queue file's syntax is not documented); it is kept as written`,
  };
}

export function queueOf(entries: readonly QueueEntry[]): QueueConfig {
  const q: QueueConfig = { priority: null, z: null, n: null };
  // The last of duplicated lines wins here; validation reports the duplicates.
  for (const e of entries) {
    if (e.kind === 'priority') q.priority = e.value;
    else if (e.kind === 'Z') q.z = e.count;
    else q.n = { count: e.count, mb: e.mb };
  }
  return q;
}

export function queueEntries(q: QueueConfig): QueueEntry[] {
  const out: QueueEntry[] = [];
  if (q.priority !== null) out.push({ kind: 'priority', value: q.priority });
  if (q.z !== null) out.push({ kind: 'Z', count: q.z });
  if (q.n !== null) out.push({ kind: 'N', count: q.n.count, mb: q.n.mb });
  return out;
}
