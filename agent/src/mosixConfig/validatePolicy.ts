import type { ConfigIssue } from '../protocol/configTypes';
import { type ConfigDocument, entryLines } from './document';
import { MAX_PRIORITY } from './fields';
import { issue } from './files';
import type { FreezeEntry } from './freezeFile';
import type { QueueEntry } from './queueFile';
import type { FreezeClass } from './types';

/** Lines that say again what an earlier line said (a class, a queue rule, a second mosip address). */
function duplicates<E>(
  doc: ConfigDocument<E>,
  key: (e: E) => string | undefined,
  say: (e: E, first: number) => string,
  severity: ConfigIssue['severity'] = 'error',
): ConfigIssue[] {
  const first = new Map<string, number>();
  const out: ConfigIssue[] = [];
  for (const { entry, line } of entryLines(doc)) {
    const k = key(entry);
    if (k === undefined) continue;
    const seen = first.get(k);
    if (seen === undefined) first.set(k, line);
    else out.push(issue(doc.file, line, severity, say(entry, seen)));
  }
  return out;
}

function classIssues(c: FreezeClass): string[] {
  const name = `class ${c.class}'s`;
  const out: string[] = [];
  if (c.class < 0) out.push(`the class number ${c.class} is negative. Write 0 or more`);
  if (c.units !== 0 && c.units !== 1)
    out.push(`${name} units ${c.units} is neither 0 (count processes) nor 1 (MOSIX load). Write 0 or 1`);
  if (c.red !== -1 && c.red < c.blue)
    out.push(
      `${name} red mark ${c.red} is below its blue mark ${c.blue}; freezing would start before unfreezing stops. Make red ≥ blue`,
    );
  if (c.min !== null && c.max !== null && c.max !== -1 && c.min > c.max)
    out.push(
      `${name} min ${c.min} is above its max ${c.max}; MOSIX cannot keep ${c.min} running and let at most ${c.max} run. Make min ≤ max, or set max to -1 (unlimited)`,
    );
  if (c.slice !== null && c.slice <= 0)
    out.push(`${name} time slice ${c.slice} is not a number of minutes above 0. Write 1 or more`);
  return out;
}

export function freezeIssues(doc: ConfigDocument<FreezeEntry> | null): ConfigIssue[] {
  if (!doc) return [];
  const out: ConfigIssue[] = [];
  for (const { entry, line } of entryLines(doc)) {
    if (entry.kind === 'class') {
      out.push(...classIssues(entry).map((text) => issue(doc.file, line, 'error', text)));
      continue;
    }
    if (!entry.path.startsWith('/'))
      out.push(
        issue(
          doc.file,
          line,
          'error',
          `the freeze directory ${JSON.stringify(entry.path)} is not an absolute path. Write it from / (such as /var/mosix/freeze)`,
        ),
      );
    if (entry.share !== null && !(entry.share > 0 && entry.share <= 1))
      out.push(
        issue(
          doc.file,
          line,
          'error',
          `the share ${entry.share} of ${entry.path} is outside (0, 1]; it is the fraction of that disk frozen processes may use. Write a number above 0 and at most 1, such as 0.5`,
        ),
      );
  }
  out.push(
    ...duplicates(
      doc,
      (e) => (e.kind === 'class' ? String(e.class) : undefined),
      (e, first) =>
        `class ${(e as FreezeClass).class} is defined again (first on line ${first}); MOSIX would use only one of them. Remove one`,
    ),
    ...duplicates(
      doc,
      (e) => (e.kind === 'dir' ? e.path : undefined),
      (e, first) =>
        `the freeze directory ${(e as { path: string }).path} is listed again (first on line ${first}). Remove one`,
      'warning',
    ),
  );
  return out;
}

function queueEntryIssues(e: QueueEntry): string[] {
  if (e.kind === 'priority')
    return e.value < 0 || e.value > MAX_PRIORITY
      ? [
          `the default priority ${e.value} is outside 0..${MAX_PRIORITY} (lower runs first; MOSIX's default is 50). Write a number from 0 to ${MAX_PRIORITY}`,
        ]
      : [];
  const out = e.count < 0 ? [`the ${e.kind} rule's job count ${e.count} is negative. Write 0 or more`] : [];
  if (e.kind === 'N' && e.mb !== null && e.mb < 0)
    out.push(`the N rule's memory limit ${e.mb} MB is negative. Write 0 or more, or leave it out`);
  return out;
}

export function queueIssues(doc: ConfigDocument<QueueEntry> | null): ConfigIssue[] {
  if (!doc) return [];
  const out = entryLines(doc).flatMap(({ entry, line }) =>
    queueEntryIssues(entry).map((t) => issue(doc.file, line, 'error', t)),
  );
  const what = { priority: 'the default priority', Z: 'the Z rule', N: 'the N rule' };
  out.push(
    ...duplicates(
      doc,
      (e) => e.kind,
      (e, first) => `${what[e.kind]} is set again (first on line ${first}); only one can hold. Remove one`,
    ),
  );
  return out;
}

export function mosipIssues(doc: ConfigDocument<string> | null): ConfigIssue[] {
  if (!doc) return [];
  const out = duplicates(
    doc,
    () => 'address',
    (_e, first) =>
      `a second address (the first is on line ${first}); mosip holds this node's one MOSIX address. Remove one`,
  );
  if (entryLines(doc).length === 0 && doc.lines.every((l) => l.kind !== 'unknown'))
    out.push(
      issue(
        doc.file,
        undefined,
        'warning',
        "mosip holds no address. Write this node's MOSIX IPv4 address, or remove the file",
      ),
    );
  return out;
}
