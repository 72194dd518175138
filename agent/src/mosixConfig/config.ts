import type { ConfigIssue } from '../protocol/configTypes';
import { CONFIG_FILE_NAME } from '../protocol/configTypes';
import { type ConfigDocument, editDocument, entriesOf, type LineFormat, parseDocument, serialize } from './document';
import {
  FREEZE_FILE,
  MAP_FILE,
  MOSIP_FILE,
  PARTNERS_DIR,
  parseFiles,
  parseIssues,
  QUEUE_FILE,
  USERVIEW_FILE,
} from './files';
import { freezeFormat, policyEntries, policyOf } from './freezeFile';
import { mapFormat, userviewFormat } from './mapFile';
import { mosipFormat } from './mosipFile';
import { partnerEntries, partnerFormat, partnerOf } from './partnerFile';
import { queueEntries, queueFormat, queueOf } from './queueFile';
import { type ConfigFiles, emptyConfig, type MosixConfig } from './types';

/**
 * Reads every file into the semantic model. Never throws: lines it does not understand are left
 * out of the model (and kept in the files) and reported as issues. Only reading problems are
 * reported here; validateConfig adds the checks across lines and files.
 */
export function parseConfig(files: ConfigFiles): { config: MosixConfig; issues: ConfigIssue[] } {
  const parsed = parseFiles(files);
  const config = emptyConfig();
  if (parsed.map) config.map = entriesOf(parsed.map);
  if (parsed.userview) config.userview = entriesOf(parsed.userview);
  if (parsed.mosip) config.mosip = entriesOf(parsed.mosip)[0] ?? null;
  if (parsed.freeze) config.freeze = policyOf(entriesOf(parsed.freeze));
  if (parsed.queue) config.queue = queueOf(entriesOf(parsed.queue));
  config.partners = [...parsed.partners].map(([name, doc]) => partnerOf(name, entriesOf(doc)));
  return { config, issues: parseIssues(parsed) };
}

/**
 * The new text of one file, or null to remove it, or undefined when it does not change. An
 * `optional` file is removed when it has nothing left to say (every file but mosix.map).
 * `normalize` turns the base's entries into what the model makes of them (a duplicated queue
 * line is one setting), so an unchanged model never rewrites a file.
 */
function renderFile<E>(
  name: string,
  format: LineFormat<E>,
  entries: readonly E[],
  optional: boolean,
  base: ConfigFiles,
  normalize: (read: E[]) => E[] = (read) => read,
) {
  const text = base.get(name);
  const doc: ConfigDocument<E> = parseDocument(name, text ?? '', format);
  const canon = (list: readonly E[]) => list.map((e) => `${format.kindOf(e)}\u0000${format.format(e)}`).join('\n');
  if (canon(normalize(entriesOf(doc))) === canon(entries)) return undefined;
  if (entries.length === 0 && optional) return text === undefined ? undefined : null;
  const out = serialize(editDocument(doc, format, entries));
  return out === text ? undefined : out;
}

function checkPartnerNames(config: MosixConfig): void {
  const seen = new Set<string>();
  for (const p of config.partners) {
    if (!CONFIG_FILE_NAME.test(PARTNERS_DIR + p.name))
      throw new Error(
        `The partner name ${JSON.stringify(p.name)} cannot be a file name under partners/: use up to 64 letters, digits, ".", "_" and "-", starting with a letter or digit.`,
      );
    if (seen.has(p.name))
      throw new Error(`Two partner clusters are named ${JSON.stringify(p.name)}; give each its own name.`);
    seen.add(p.name);
  }
}

/**
 * New texts for the files that change (null: remove the file), keeping base's comments, unknown
 * lines and order. Throws only for a partner name that cannot be a file name (or is used twice).
 */
export function renderConfig(config: MosixConfig, base: ConfigFiles): Map<string, string | null> {
  checkPartnerNames(config);
  const rendered: [string, string | null | undefined][] = [
    [MAP_FILE, renderFile(MAP_FILE, mapFormat, config.map, false, base)],
    [USERVIEW_FILE, renderFile(USERVIEW_FILE, userviewFormat, config.userview, true, base)],
    [
      MOSIP_FILE,
      renderFile(MOSIP_FILE, mosipFormat, config.mosip === null ? [] : [config.mosip], true, base, (a) =>
        a.slice(0, 1),
      ),
    ],
    [
      FREEZE_FILE,
      renderFile(FREEZE_FILE, freezeFormat, policyEntries(config.freeze), true, base, (e) =>
        policyEntries(policyOf(e)),
      ),
    ],
    [
      QUEUE_FILE,
      renderFile(QUEUE_FILE, queueFormat, queueEntries(config.queue), true, base, (e) => queueEntries(queueOf(e))),
    ],
    ...config.partners.map((p): [string, string | null | undefined] => {
      const name = PARTNERS_DIR + p.name;
      return [
        name,
        renderFile(name, partnerFormat, partnerEntries(p), true, base, (e) => partnerEntries(partnerOf(p.name, e))),
      ];
    }),
  ];
  const out = new Map<string, string | null>();
  for (const [name, text] of rendered) if (text !== undefined) out.set(name, text);
  const kept = new Set(config.partners.map((p) => PARTNERS_DIR + p.name));
  for (const name of base.keys()) if (name.startsWith(PARTNERS_DIR) && !kept.has(name)) out.set(name, null);
  return out;
}
