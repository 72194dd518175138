import type { ConfigChange, ConfigIssue, ConfigSnapshot } from '../../../../agent/src/protocol/configTypes';
import {
  configDrift,
  emptyConfig,
  parseConfig,
  renderConfig,
  validateConfig,
  type ConfigFiles,
  type DriftEntry,
  type MosixConfig,
} from '../../../../agent/src/mosixConfig';

/**
 * The wizard's draft: one configuration for the whole cluster, plus each node's own MOSIX
 * address (mosip is the one file that differs per node by design).
 */
export interface ConfigDraft {
  config: MosixConfig;
  mosipOf: Record<string, string | null>;
}

/** What a snapshot's present files are, as the model reads them. */
export function filesOf(snapshot: ConfigSnapshot): Map<string, string> {
  return new Map(snapshot.files.flatMap((f) => (f.present ? [[f.name, f.text] as const] : [])));
}

/** Every file of the cluster at its most common version: what "the cluster has now" means when nodes drift. */
export function commonFiles(perNode: ReadonlyMap<string, ConfigFiles>): Map<string, string> {
  const names = new Set([...perNode.values()].flatMap((files) => [...files.keys()]));
  const drift = new Map(configDrift(perNode).map((d) => [d.file, d]));
  const common = new Map<string, string>();
  for (const name of names) {
    const text = drift.get(name)?.versions[0]?.text ?? [...perNode.values()].find((f) => f.has(name))?.get(name);
    if (text !== null && text !== undefined) common.set(name, text);
  }
  return common;
}

/** A draft from what the nodes have now: the common files, and each node's own mosip. */
export function draftFromNodes(perNode: ReadonlyMap<string, ConfigFiles>): ConfigDraft {
  const config = parseConfig(commonFiles(perNode)).config;
  const mosipOf: Record<string, string | null> = {};
  for (const [nodeId, files] of perNode) mosipOf[nodeId] = parseConfig(files).config.mosip;
  return { config: { ...config, mosip: null }, mosipOf };
}

/** A draft from scratch: nothing configured, no node with a MOSIX address of its own. */
export function emptyDraft(nodeIds: readonly string[]): ConfigDraft {
  return { config: emptyConfig(), mosipOf: Object.fromEntries(nodeIds.map((id) => [id, null])) };
}

/**
 * The files a node would have after the apply (its own mosip included). A draft that cannot be
 * written at all (a partner name that is no file name) gives the files unchanged and the reason.
 */
export function renderForNode(
  draft: ConfigDraft,
  nodeId: string,
  now: ConfigFiles,
): { files: Map<string, string>; error?: string } {
  const after = new Map(now);
  const config = { ...draft.config, mosip: draft.mosipOf[nodeId] ?? null };
  let rendered: Map<string, string | null>;
  try {
    rendered = renderConfig(config, now);
  } catch (err) {
    return { files: after, error: err instanceof Error ? err.message : String(err) };
  }
  for (const [name, text] of rendered) {
    if (text === null) after.delete(name);
    else after.set(name, text);
  }
  return { files: after };
}

export function nodeFilesAfter(draft: ConfigDraft, nodeId: string, now: ConfigFiles): Map<string, string> {
  return renderForNode(draft, nodeId, now).files;
}

/** What to send a node's `config.stage`: each file that differs, with the sha256 it was read at. */
export function nodeChanges(draft: ConfigDraft, nodeId: string, snapshot: ConfigSnapshot): ConfigChange[] {
  return changesTo(snapshot, nodeFilesAfter(draft, nodeId, filesOf(snapshot)));
}

/** The changes that turn the files of `snapshot` into `after`. */
export function changesTo(snapshot: ConfigSnapshot, after: ReadonlyMap<string, string>): ConfigChange[] {
  const now = filesOf(snapshot);
  const shaOf = new Map(snapshot.files.flatMap((f) => (f.present ? [[f.name, f.sha256] as const] : [])));
  const names = new Set([...now.keys(), ...after.keys()]);
  return [...names]
    .filter((name) => now.get(name) !== after.get(name))
    .sort()
    .map((name) => ({ name, text: after.get(name) ?? null, base: shaOf.get(name) ?? null }));
}

/** The draft's problems on every node, each said once (validation without the node's facts: the agent checks those when it stages). */
export function draftIssues(draft: ConfigDraft, perNode: ReadonlyMap<string, ConfigFiles>): ConfigIssue[] {
  // From scratch with no node read yet, the draft is still checked on its own.
  const nodes = perNode.size ? [...perNode] : [['', new Map<string, string>()] as const];
  return renderedIssues(nodes.map(([nodeId, now]) => renderForNode(draft, nodeId, now)));
}

/** The problems of each node's rendered files, each said once. */
export function renderedIssues(rendered: Iterable<{ files: ConfigFiles; error?: string }>): ConfigIssue[] {
  const seen = new Map<string, ConfigIssue>();
  const add = (issue: ConfigIssue) => seen.set(`${issue.file}\u0000${issue.line ?? ''}\u0000${issue.message}`, issue);
  for (const { files, error } of rendered) {
    if (error) add({ file: 'partners/', severity: 'error', message: error });
    else validateConfig(files).forEach(add);
  }
  return [...seen.values()];
}

export type { DriftEntry };
