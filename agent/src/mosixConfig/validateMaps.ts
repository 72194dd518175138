import type { ConfigIssue } from '../protocol/configTypes';
import { type ConfigDocument, entryLines } from './document';
import { MAX_NODES, MAX_PRIORITY } from './fields';
import { issue, MAP_FILE, type ParsedFiles } from './files';
import { expandRanges } from './numbering';
import type { PartnerEntry } from './partnerFile';
import { countIssues, overlapIssues, type PlacedRange, totalIssue } from './ranges';
import type { MapRange, UserviewRange } from './types';

type Hosts = Record<string, string | null> | undefined;

function placed(doc: ConfigDocument<{ host: string; count: number }>): PlacedRange[] {
  return entryLines(doc).map(({ entry, line }) => ({ file: doc.file, line, host: entry.host, count: entry.count }));
}

export function mapIssues(doc: ConfigDocument<MapRange> | null, hosts: Hosts): ConfigIssue[] {
  if (!doc)
    return [
      issue(
        MAP_FILE,
        undefined,
        'warning',
        "there is no mosix.map, so this node is not configured as a MOSIX node. Add the cluster's nodes",
      ),
    ];
  const ranges = placed(doc);
  if (ranges.length === 0)
    return [
      issue(
        MAP_FILE,
        undefined,
        'warning',
        'mosix.map lists no nodes. Add a line "address-or-host count" for each range of nodes',
      ),
    ];
  return [
    ...ranges.flatMap((r) => countIssues(r, hosts)),
    ...totalIssue(ranges, 'the map'),
    ...overlapIssues(
      ranges,
      'within',
      hosts,
      () => 'a node may appear in the map only once, or it gets two numbers. Remove or shorten one of them',
    ),
  ];
}

function userviewRangeIssues(doc: ConfigDocument<UserviewRange>): ConfigIssue[] {
  const out: ConfigIssue[] = [];
  const lines = entryLines(doc);
  lines.forEach(({ entry: r, line }, i) => {
    const last = r.first + r.count - 1;
    if (r.first < 1 || last > MAX_NODES)
      out.push(
        issue(
          doc.file,
          line,
          'error',
          `the numbers ${r.first}-${last} are outside 1..${MAX_NODES}. Write a first number of 1 or more that keeps the range within ${MAX_NODES}`,
        ),
      );
    for (const { entry: o, line: other } of lines.slice(0, i))
      if (r.count >= 1 && o.count >= 1 && r.first <= o.first + o.count - 1 && o.first <= last)
        out.push(
          issue(
            doc.file,
            line,
            'error',
            `the numbers ${r.first}-${last} overlap line ${other}'s ${o.first}-${o.first + o.count - 1}: each number may name one node only. Renumber one of the ranges`,
          ),
        );
  });
  return out;
}

/** userview.map against the map: nodes without a number, numbers for nodes not in the map (warnings). */
function coverageIssues(doc: ConfigDocument<UserviewRange>, map: readonly MapRange[], hosts: Hosts): ConfigIssue[] {
  const mapNodes = expandRanges(map, hosts);
  const known = new Set(mapNodes.map((n) => n.address ?? n.host));
  const covered = new Set<string>();
  const out: ConfigIssue[] = [];
  for (const { entry, line } of entryLines(doc)) {
    const nodes = expandRanges([entry], hosts);
    nodes.forEach((n) => covered.add(n.address ?? n.host));
    const stray = nodes.filter((n) => n.address !== null && !known.has(n.address)).map((n) => n.host);
    if (stray.length > 0 && mapNodes.every((n) => n.address !== null))
      out.push(
        issue(
          doc.file,
          line,
          'warning',
          stray.length === 1
            ? `${stray[0]} is not in mosix.map, so that number names no node. Remove it or add the node to the map`
            : `${list(stray)} are not in mosix.map, so those numbers name no node. Remove them or add the nodes to the map`,
        ),
      );
  }
  const missing = mapNodes.filter((n) => !covered.has(n.address ?? n.host) && !covered.has(n.host)).map((n) => n.host);
  if (missing.length > 0 && entryLines(doc).length > 0)
    out.push(
      issue(
        doc.file,
        undefined,
        'warning',
        `${list(missing)} of mosix.map ${missing.length === 1 ? 'has' : 'have'} no number in userview.map, so users cannot name ${missing.length === 1 ? 'it' : 'them'}. Add a range that covers ${missing.length === 1 ? 'it' : 'them'}`,
      ),
    );
  return out;
}

function list(hosts: readonly string[]): string {
  const shown = hosts.slice(0, 5).join(', ');
  return hosts.length > 5 ? `${shown} and ${hosts.length - 5} more` : shown;
}

export function userviewIssues(
  doc: ConfigDocument<UserviewRange> | null,
  map: readonly MapRange[],
  hosts: Hosts,
): ConfigIssue[] {
  if (!doc) return [];
  const ranges = placed(doc);
  return [
    ...ranges.flatMap((r) => countIssues(r, hosts)),
    ...userviewRangeIssues(doc),
    ...overlapIssues(
      ranges,
      'within',
      hosts,
      () => 'one node would have two numbers. Remove or shorten one of the ranges',
    ),
    ...coverageIssues(doc, map, hosts),
  ];
}

function partnerRanges(doc: ConfigDocument<PartnerEntry>): PlacedRange[] {
  return entryLines(doc).flatMap(({ entry, line }) =>
    entry.kind === 'range' ? [{ file: doc.file, line, host: entry.host, count: entry.count }] : [],
  );
}

function partnerOwnIssues(name: string, doc: ConfigDocument<PartnerEntry>, hosts: Hosts): ConfigIssue[] {
  const out: ConfigIssue[] = [];
  for (const { entry, line } of entryLines(doc))
    if (entry.kind === 'priority' && (entry.priority < 0 || entry.priority > MAX_PRIORITY))
      out.push(
        issue(
          doc.file,
          line,
          'error',
          `the priority ${entry.priority} is outside 0..${MAX_PRIORITY} (lower is better). Write a number from 0 to ${MAX_PRIORITY}`,
        ),
      );
  const ranges = partnerRanges(doc);
  if (
    ranges.length === 0 &&
    doc.lines.every((l) => l.kind !== 'unknown') &&
    doc.lines.some((l) => l.entry?.kind === 'priority')
  )
    out.push(
      issue(
        doc.file,
        undefined,
        'warning',
        `partner cluster ${name} has no nodes. Add a range line "host count core participate proximate"`,
      ),
    );
  out.push(...ranges.flatMap((r) => countIssues(r, hosts)), ...totalIssue(ranges, `partner cluster ${name}`));
  out.push(...overlapIssues(ranges, 'within', hosts, () => 'a node may be listed once. Remove or shorten one of them'));
  return out;
}

/** Each partner on its own, then against this cluster's map and the partners before it. */
export function partnerIssues(parsed: ParsedFiles, hosts: Hosts): ConfigIssue[] {
  const mine = parsed.map ? placed(parsed.map) : [];
  const out: ConfigIssue[] = [];
  const earlier: PlacedRange[] = [];
  for (const [name, doc] of parsed.partners) {
    const ranges = partnerRanges(doc);
    out.push(...partnerOwnIssues(name, doc, hosts));
    out.push(
      ...overlapIssues(
        ranges,
        mine,
        hosts,
        () => `a node cannot be both in this cluster and in partner cluster ${name}. Remove it from one of them`,
      ),
    );
    out.push(
      ...overlapIssues(
        ranges,
        earlier,
        hosts,
        (_a, b) =>
          `a node cannot be in two partner clusters (${name} and ${b.file.slice('partners/'.length)}). Remove it from one of them`,
      ),
    );
    earlier.push(...ranges);
  }
  return out;
}
