import type { ConfigIssue } from '../protocol/configTypes';
import { type ConfigDocument, entriesOf, entryLines } from './document';
import { isHostName } from './fields';
import { FREEZE_FILE, issue, type ParsedFiles } from './files';
import { expandRanges } from './numbering';
import type { NodeFacts } from './types';

/** Every range line of the map-like files, with where it is. */
function hostLines(parsed: ParsedFiles): { file: string; line: number; host: string }[] {
  const docs: (ConfigDocument<object> | null)[] = [parsed.map, parsed.userview, ...parsed.partners.values()];
  return docs.flatMap((doc) =>
    doc
      ? entryLines(doc).flatMap(({ entry, line }) =>
          'host' in entry && typeof entry.host === 'string' ? [{ file: doc.file, line, host: entry.host }] : [],
        )
      : [],
  );
}

/** What the agent must look up on a node before validateConfig can check hosts and freeze directories. */
export function factsNeededOf(parsed: ParsedFiles): { hosts: string[]; dirs: string[] } {
  const hosts = new Set(
    hostLines(parsed)
      .filter((h) => isHostName(h.host))
      .map((h) => h.host),
  );
  const dirs = new Set(
    parsed.freeze
      ? entryLines(parsed.freeze).flatMap(({ entry }) =>
          entry.kind === 'dir' && entry.path.startsWith('/') ? [entry.path] : [],
        )
      : [],
  );
  return { hosts: [...hosts], dirs: [...dirs] };
}

function hostIssues(parsed: ParsedFiles, facts: NodeFacts): ConfigIssue[] {
  return hostLines(parsed)
    .filter((h) => isHostName(h.host) && Object.hasOwn(facts.hosts, h.host) && facts.hosts[h.host] === null)
    .map((h) =>
      issue(
        h.file,
        h.line,
        'error',
        `${h.host} does not resolve to an IPv4 address on this node, so MOSIX cannot find it. Add it to /etc/hosts or DNS, or write its IPv4 address`,
      ),
    );
}

/** Without a mosip file: a warning when none of the node's addresses is in the map. */
function notInMapIssue(parsed: ParsedFiles, own: string[] | undefined, inMap: Set<string | null>): ConfigIssue[] {
  if (!own || own.length === 0 || !parsed.map || inMap.size === 0 || inMap.has(null) || own.some((a) => inMap.has(a)))
    return [];
  return [
    issue(
      parsed.map.file,
      undefined,
      'warning',
      `none of this node's addresses (${own.join(', ')}) is in mosix.map, so MOSIX would not count it as a node of this cluster. Add it to the map`,
    ),
  ];
}

function mosipFactIssues(parsed: ParsedFiles, facts: NodeFacts): ConfigIssue[] {
  const found = parsed.mosip ? entryLines(parsed.mosip)[0] : undefined;
  const ranges = parsed.map ? entriesOf(parsed.map) : [];
  const inMap = new Set(expandRanges(ranges, facts.hosts).map((n) => n.address));
  const own = facts.addresses;
  if (!found) return notInMapIssue(parsed, own, inMap);
  const { entry: address, line } = found;
  const out: ConfigIssue[] = [];
  if (own && !own.includes(address))
    out.push(
      issue(
        'mosip',
        line,
        'error',
        `${address} is not one of this node's addresses (${own.join(', ') || 'none found'}); MOSIX would claim an address the node does not have. Write one of them, or remove the file`,
      ),
    );
  if (parsed.map && !inMap.has(null) && !inMap.has(address))
    out.push(
      issue(
        'mosip',
        line,
        'error',
        `${address} is not in mosix.map; the node's MOSIX address must be one of the map's nodes. Add it to the map or write another address`,
      ),
    );
  return out;
}

function dirIssues(parsed: ParsedFiles, facts: NodeFacts): ConfigIssue[] {
  if (!parsed.freeze) return [];
  const out: ConfigIssue[] = [];
  for (const { entry, line } of entryLines(parsed.freeze)) {
    if (entry.kind !== 'dir' || !Object.hasOwn(facts.dirs, entry.path)) continue;
    const dir = facts.dirs[entry.path]!;
    if (!dir.exists)
      out.push(
        issue(
          FREEZE_FILE,
          line,
          'error',
          `the freeze directory ${entry.path} does not exist on this node, so frozen processes could not be written there. Create it, or remove the line`,
        ),
      );
    else if (dir.freeBytes === 0)
      out.push(
        issue(
          FREEZE_FILE,
          line,
          'warning',
          `the freeze directory ${entry.path} is on a full disk on this node; freezing would fail. Free some space or use another directory`,
        ),
      );
  }
  return out;
}

/** The checks that need the node's own facts: names that do not resolve, mosip, freeze directories. */
export function factIssues(parsed: ParsedFiles, facts: NodeFacts | undefined): ConfigIssue[] {
  if (!facts) return [];
  return [...hostIssues(parsed, facts), ...mosipFactIssues(parsed, facts), ...dirIssues(parsed, facts)];
}
