/**
 * What the cluster's MOSIX map says about each node as a migration target: outsider ranges of
 * mosix.map, and nodes that lie in a partner cluster's ranges (with its cango / cantake). Pure:
 * fed the map view's model and the nodes as mosdesk knows them.
 */
import { parseIPv4 } from '../../../../agent/src/mosixConfig/fields';
import type { Partner, PartnerRange } from '../../../../agent/src/mosixConfig';
import type { ClusterMapModel } from '../map/mapModel';
import type { KnownNode } from '../map/mapMatch';
import type { MapRelation } from './migrationTargets';

function inRange(range: PartnerRange, node: KnownNode): boolean {
  const first = parseIPv4(range.host);
  if (first === undefined) {
    const host = range.host.toLowerCase();
    return [node.host, node.hostname].some((h) => h !== undefined && h.toLowerCase() === host);
  }
  return node.addresses.some((a) => {
    const n = parseIPv4(a);
    return n !== undefined && n >= first && n < first + range.count;
  });
}

function partnerRelation(partner: Partner): MapRelation {
  return {
    partnerOf: partner.name,
    ...(partner.canGo ? {} : { dontgo: true }),
    ...(partner.canTake ? {} : { dontTake: true }),
  };
}

/** Node id -> its map relation; a node the map says nothing special about is absent. */
export function mapRelations(model: ClusterMapModel, nodes: readonly KnownNode[]): Map<string, MapRelation> {
  const relations = new Map<string, MapRelation>();
  const outsider = new Set(model.numbers.filter((n) => n.outsider).map((n) => n.number));
  for (const row of model.match.rows)
    if (row.nodeId !== undefined && outsider.has(row.number)) relations.set(row.nodeId, { outsider: true });
  for (const node of nodes) {
    if (model.match.numberOf.has(node.id)) continue; // a node of this cluster's own map is not a partner's
    const partner = model.partners.find((p) => p.ranges.some((r) => inRange(r, node)));
    if (partner) relations.set(node.id, partnerRelation(partner));
  }
  return relations;
}
