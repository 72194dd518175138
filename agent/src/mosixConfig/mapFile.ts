import { type LineFormat, type LineResult } from './document';
import { fieldsOf, hostProblem, isBlankOrComment, parseInteger, quote, trailingComment } from './fields';
import type { MapRange, UserviewRange } from './types';

/**
 * mosix.map as MOSIX2 reads it (reference/mosix.md §2.2, inferred from gossimon's parser):
 * `{IPv4-or-hostname} {count} [flags]`, flags one or two of `p` (proximate) and `o` (outsider).
 * The count is only checked for syntax here (a whole number); its range is validation's.
 */
export const mapFormat: LineFormat<MapRange> = {
  kinds: ['range'],
  kindOf: () => 'range',
  keyOf: (r) => r.host,
  format: (r) =>
    `${r.host} ${r.count}${r.proximate || r.outsider ? ' ' : ''}${r.proximate ? 'p' : ''}${r.outsider ? 'o' : ''}`,
  keep: trailingComment,
  parse: (text, line) => (isBlankOrComment(text) ? null : parseMapLine(fieldsOf(text), line)),
};

function parseMapLine(fields: string[], line: number): LineResult<MapRange> {
  const [host = '', countText, flags = '', ...rest] = fields;
  if (countText === undefined) return { problem: `${quote(host)} has no node count after it` };
  if (rest.length > 0) return { problem: `unexpected ${quote(rest.join(' '))} after the flags` };
  const bad = hostProblem(host);
  if (bad) return { problem: bad };
  const count = parseInteger(countText);
  if (count === undefined) return { problem: `the node count ${quote(countText)} is not a whole number from 1 up` };
  if (!/^[po]{0,2}$/.test(flags))
    return { problem: `the flags ${quote(flags)} are not one or two of "p" (proximate) and "o" (outsider)` };
  return { entry: { host, count, proximate: flags.includes('p'), outsider: flags.includes('o'), line } };
}

/** userview.map (§2.3, inferred from gossimon): `{first-logical-number} {IPv4-or-host} {count}`. */
export const userviewFormat: LineFormat<UserviewRange> = {
  kinds: ['range'],
  kindOf: () => 'range',
  keyOf: (r) => String(r.first),
  format: (r) => `${r.first} ${r.host} ${r.count}`,
  keep: trailingComment,
  parse: (text, line) => (isBlankOrComment(text) ? null : parseUserviewLine(fieldsOf(text), line)),
};

function parseUserviewLine(fields: string[], line: number): LineResult<UserviewRange> {
  const [firstText = '', host, countText, ...rest] = fields;
  if (host === undefined || countText === undefined)
    return { problem: `${quote(fields.join(' '))} is not "first-number host count"` };
  if (rest.length > 0) return { problem: `unexpected ${quote(rest.join(' '))} after the count` };
  const first = parseInteger(firstText);
  if (first === undefined) return { problem: `the first node number ${quote(firstText)} is not a whole number` };
  const bad = hostProblem(host);
  if (bad) return { problem: bad };
  const count = parseInteger(countText);
  if (count === undefined) return { problem: `the node count ${quote(countText)} is not a whole number from 1 up` };
  return { entry: { first, host, count, line } };
}
