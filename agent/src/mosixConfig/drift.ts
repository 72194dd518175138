import type { ConfigFiles, DriftEntry } from './types';

/**
 * Where nodes disagree: per file (in name order), each version by exact text (null: the file
 * is absent there) with the nodes that have it, most common first. Files every node has alike
 * are left out.
 */
export function configDrift(perNode: ReadonlyMap<string, ConfigFiles>): DriftEntry[] {
  const names = new Set<string>();
  for (const files of perNode.values()) for (const name of files.keys()) names.add(name);
  const out: DriftEntry[] = [];
  for (const file of [...names].sort()) {
    const byText = new Map<string | null, string[]>();
    for (const [node, files] of perNode) {
      const text = files.get(file) ?? null;
      const nodes = byText.get(text);
      if (nodes) nodes.push(node);
      else byText.set(text, [node]);
    }
    if (byText.size < 2) continue;
    const versions = [...byText].map(([text, nodes]) => ({ text, nodes }));
    versions.sort((a, b) => b.nodes.length - a.nodes.length);
    out.push({ file, versions });
  }
  return out;
}
