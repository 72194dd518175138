import type { ConfigIssue } from '../protocol/configTypes';
import { formatIPv4, LAST_IPV4, MAX_NODES, quote } from './fields';
import { issue } from './files';
import { baseAddress } from './numbering';

/** A range of a map-like file with where it was written. */
export interface PlacedRange {
  file: string;
  line: number | undefined;
  host: string;
  count: number;
}

const label = (r: PlacedRange) => `${r.host} ${r.count}`;
/** Where b is, said from a's file: `line 2`, or `mosix.map line 2` for another file. */
const at = (b: PlacedRange, a: PlacedRange) =>
  (b.file === a.file ? '' : `${b.file} `) + (b.line === undefined ? '' : `line ${b.line}`);

/** What is wrong with one range's count, as a sentence without the file and line: at least 1, not past 255.255.255.255. */
export function countProblem(
  r: { host: string; count: number },
  hosts: Record<string, string | null> | undefined,
): string | undefined {
  if (r.count < 1)
    return `the node count ${quote(String(r.count))} is not a whole number from 1 up; a range covers at least one node. Write 1 or more, or remove the line`;
  const base = baseAddress(r.host, hosts);
  if (base === undefined || base + r.count - 1 <= LAST_IPV4) return undefined;
  const from = base === baseAddress(r.host, undefined) ? r.host : `${r.host} (${formatIPv4(base)})`;
  return `${r.count} addresses from ${from} run past 255.255.255.255; shorten the range to ${LAST_IPV4 - base + 1} nodes or fewer`;
}

export function countIssues(r: PlacedRange, hosts: Record<string, string | null> | undefined): ConfigIssue[] {
  const problem = countProblem(r, hosts);
  return problem === undefined ? [] : [issue(r.file, r.line, 'error', problem)];
}

/** A map of more than 65535 nodes, reported at the line that passes it. */
export function totalIssue(ranges: readonly PlacedRange[], what: string): ConfigIssue[] {
  let total = 0;
  for (const r of ranges) {
    total += Math.max(0, r.count);
    if (total > MAX_NODES)
      return [
        issue(
          r.file,
          r.line,
          'error',
          `${what} has more than ${MAX_NODES} nodes (this line brings it to ${total}); MOSIX numbers nodes with 16 bits. Check the counts for a typo`,
        ),
      ];
  }
  return [];
}

interface Span {
  r: PlacedRange;
  from: number | string;
  to: number | string;
}

/** Address spans where known; a name whose address is not known is compared by its name only. */
function spans(ranges: readonly PlacedRange[], hosts: Record<string, string | null> | undefined): Span[] {
  return ranges
    .filter((r) => r.count >= 1)
    .map((r) => {
      const base = baseAddress(r.host, hosts);
      return base === undefined ? { r, from: r.host, to: r.host } : { r, from: base, to: base + r.count - 1 };
    });
}

/**
 * Ranges that cover the same node twice: within one list (`'within'`), or between `ranges` and
 * `others` (a partner's ranges against this cluster's and other partners'). One issue per pair,
 * on the later line, saying how to fix it.
 */
export function overlapIssues(
  ranges: readonly PlacedRange[],
  others: readonly PlacedRange[] | 'within',
  hosts: Record<string, string | null> | undefined,
  why: (a: PlacedRange, b: PlacedRange) => string,
): ConfigIssue[] {
  const mine = spans(ranges, hosts);
  const theirs = others === 'within' ? undefined : spans(others, hosts);
  const out: ConfigIssue[] = [];
  mine.forEach((a, i) => {
    const against = theirs ?? mine.slice(0, i);
    for (const b of against) {
      const overlap =
        typeof a.from === 'number' && typeof b.from === 'number'
          ? a.from <= (b.to as number) && b.from <= (a.to as number)
          : a.from === b.from;
      if (!overlap) continue;
      const same = a.from === b.from && a.to === b.to;
      const verb = same ? `repeats ${at(b.r, a.r)} (${label(b.r)})` : `overlaps ${at(b.r, a.r)} (${label(b.r)})`;
      out.push(issue(a.r.file, a.r.line, 'error', `${label(a.r)} ${verb}: ${why(a.r, b.r)}`));
      if (out.length >= 50) return;
    }
  });
  return out;
}
