import { CONFIG_FILE_NAME, type ConfigIssue } from '../protocol/configTypes';
import { type ConfigDocument, type LineFormat, parseDocument } from './document';
import { freezeFormat, type FreezeEntry } from './freezeFile';
import { mapFormat, userviewFormat } from './mapFile';
import { mosipFormat } from './mosipFile';
import { partnerFormat, type PartnerEntry } from './partnerFile';
import { queueFormat, type QueueEntry } from './queueFile';
import type { ConfigFiles, MapRange, UserviewRange } from './types';

export const MAP_FILE = 'mosix.map';
export const USERVIEW_FILE = 'userview.map';
export const MOSIP_FILE = 'mosip';
export const FREEZE_FILE = 'freeze.conf';
export const QUEUE_FILE = 'queue.conf';
export const PARTNERS_DIR = 'partners/';

/** Every file of a directory, parsed into line-preserving documents (absent files: null). */
export interface ParsedFiles {
  map: ConfigDocument<MapRange> | null;
  userview: ConfigDocument<UserviewRange> | null;
  mosip: ConfigDocument<string> | null;
  freeze: ConfigDocument<FreezeEntry> | null;
  queue: ConfigDocument<QueueEntry> | null;
  /** By partner name (the file name under partners/), in name order. */
  partners: Map<string, ConfigDocument<PartnerEntry>>;
  /** Names in the input that are not files mosdesk handles. */
  ignored: string[];
}

function docOf<E>(files: ConfigFiles, name: string, format: LineFormat<E>): ConfigDocument<E> | null {
  const text = files.get(name);
  return text === undefined ? null : parseDocument(name, text, format);
}

export function parseFiles(files: ConfigFiles): ParsedFiles {
  const partners = new Map<string, ConfigDocument<PartnerEntry>>();
  const ignored: string[] = [];
  for (const [name, text] of [...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (!CONFIG_FILE_NAME.test(name)) ignored.push(name);
    else if (name.startsWith(PARTNERS_DIR))
      partners.set(name.slice(PARTNERS_DIR.length), parseDocument(name, text, partnerFormat));
  }
  return {
    map: docOf(files, MAP_FILE, mapFormat),
    userview: docOf(files, USERVIEW_FILE, userviewFormat),
    mosip: docOf(files, MOSIP_FILE, mosipFormat),
    freeze: docOf(files, FREEZE_FILE, freezeFormat),
    queue: docOf(files, QUEUE_FILE, queueFormat),
    partners,
    ignored,
  };
}

/** Builds issues with the file and line in the sentence, as an admin reads them. */
export function issue(
  file: string,
  line: number | undefined,
  severity: ConfigIssue['severity'],
  text: string,
): ConfigIssue {
  const where = line === undefined ? `${file}:` : `${file} line ${line}:`;
  const message = `${where} ${text}${/[.?!]$/.test(text) ? '' : '.'}`;
  return line === undefined ? { file, severity, message } : { file, line, severity, message };
}

/** The lines of a document that were not understood, as issues. */
export function lineIssues(doc: ConfigDocument<unknown>): ConfigIssue[] {
  return doc.lines.flatMap((l, i) =>
    l.kind === 'unknown'
      ? [issue(doc.file, i + 1, l.severity ?? 'error', l.problem ?? 'this line is not understood')]
      : [],
  );
}

/** Issues about a file's shape rather than one line: a partner file's positional lines. */
function partnerShapeIssues(doc: ConfigDocument<PartnerEntry>): ConfigIssue[] {
  const kinds = new Set(doc.lines.flatMap((l) => (l.entry ? [l.entry.kind] : [])));
  const out: ConfigIssue[] = [];
  if (!kinds.has('description'))
    out.push(
      issue(
        doc.file,
        undefined,
        'error',
        "the file has no description line; MOSIX reads line 1 as the partner cluster's description and line 2 as its priority line. Add a first line that describes the cluster",
      ),
    );
  if (!kinds.has('priority') && !doc.lines.some((l, i) => i === 1 && l.kind === 'unknown'))
    out.push(
      issue(
        doc.file,
        undefined,
        'error',
        'the file has no priority line "priority cango cantake canexpend"; MOSIX expects it on line 2. Add one such as "50 1 1 1"',
      ),
    );
  return out;
}

/** Every issue found while reading the files: lines not understood and partner files missing their first lines. */
export function parseIssues(parsed: ParsedFiles): ConfigIssue[] {
  const docs = [parsed.map, parsed.userview, parsed.mosip, parsed.freeze, parsed.queue, ...parsed.partners.values()];
  const out = docs.flatMap((d) => (d ? lineIssues(d) : []));
  for (const doc of parsed.partners.values()) out.push(...partnerShapeIssues(doc));
  for (const name of parsed.ignored)
    out.push(issue(name, undefined, 'warning', 'not a file mosdesk handles in /etc/mosix; it is left alone'));
  return out;
}
