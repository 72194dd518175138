import {
  configDrift,
  nodeNumbers,
  parseConfig,
  type ConfigFiles,
  type NodeNumber,
  type Partner,
} from '../../../../agent/src/mosixConfig';
import type { ConfigIssue } from '../../../../agent/src/protocol/configTypes';
import { matchMap, type KnownNode, type MapMatch } from './mapMatch';

/** What the map view draws: the numbering, which node each number is, the partners, and doubts. */
export interface ClusterMapModel {
  numbers: NodeNumber[];
  match: MapMatch;
  partners: Partner[];
  /** The node whose files are drawn (the first of those that have the most common mosix.map). */
  fromNodeId: string | undefined;
  /** Map-related files on which the nodes disagree, and who has what. */
  drift: { file: string; groups: string[][] }[];
  /** Nodes that have no mosix.map at all. */
  withoutMap: string[];
  issues: ConfigIssue[];
}

const MAP_FILES = (file: string) => file === 'mosix.map' || file === 'userview.map' || file.startsWith('partners/');

/**
 * Reads the picture from what the nodes have: the most common map (MOSIX needs the same map on
 * every node; where they differ the view says so rather than choosing silently).
 */
export function clusterMapModel(
  perNode: ReadonlyMap<string, ConfigFiles>,
  nodes: readonly KnownNode[],
): ClusterMapModel {
  const drift = configDrift(perNode).filter((d) => MAP_FILES(d.file));
  const mapDrift = drift.find((d) => d.file === 'mosix.map');
  const withMap = [...perNode].filter(([, files]) => files.has('mosix.map')).map(([id]) => id);
  const fromNodeId = mapDrift?.versions.find((v) => v.text !== null)?.nodes[0] ?? withMap[0];
  const files = fromNodeId ? (perNode.get(fromNodeId) ?? new Map<string, string>()) : new Map<string, string>();
  const { config, issues } = parseConfig(files);
  const numbers = files.has('mosix.map') ? nodeNumbers(config) : [];
  return {
    numbers,
    match: matchMap(
      numbers.map((n) => ({ number: n.number, host: n.address ?? n.host })),
      nodes,
    ),
    partners: config.partners,
    fromNodeId,
    drift: drift.map((d) => ({ file: d.file, groups: d.versions.map((v) => v.nodes) })),
    withoutMap: [...perNode.keys()].filter((id) => !perNode.get(id)!.has('mosix.map')),
    issues: issues.filter((i) => MAP_FILES(i.file)),
  };
}

/** setpe -R's flags for a partner, in its words: pri, proximate, dontgo, dont_take. */
export function partnerFlags(p: Partner): string[] {
  const flags = [p.priority === null ? 'no priority line' : `pri=${p.priority}`];
  if (p.ranges.length > 0 && p.ranges.every((r) => r.proximate)) flags.push('proximate');
  if (!p.canGo) flags.push('dontgo');
  if (!p.canTake) flags.push('dont_take');
  return flags;
}

/** Consecutive numbers of one map range as "1–4" (or "7"). */
export function numberSpan(first: number, count: number): string {
  return count <= 1 ? String(first) : `${first}–${first + count - 1}`;
}
