import { shallowRef } from 'vue';
import type { NodeView } from '../../../../electron/api';
import type { DraggedProcess, MapRelation, TargetNode, TargetSummary } from './migrationTargets';
import { summariseTarget } from './migrationTargets';
import type { ProcEntry } from './procEntry';

/** What is being dragged, if anything: its processes (with the node each is on) and their cluster. */
export interface Drag {
  clusterId: string;
  entries: readonly ProcEntry[];
  dragged: readonly DraggedProcess[];
  /** What a drop on a node does: the view that started the drag decides. */
  drop: (node: NodeView, summary: TargetSummary) => void;
  /**
   * The node under the pointer. A refused target sets dropEffect "none", so the browser fires no
   * drop there: the drag's end says why instead.
   */
  over?: { node: NodeView; summary: TargetSummary };
  /** What the cluster's map says of each target node (outsider, partner, dontgo, dont_take), read once per drag. */
  relations?: ReadonlyMap<string, MapRelation>;
}

/**
 * The drag in progress, shared by every drop target (the node strip and the sidebar's nodes), so
 * each says at once whether it would take the processes and, if not, why.
 */
export const currentDrag = shallowRef<Drag | null>(null);

export const DRAG_TYPE = 'application/x-mosdesk-processes';

/** The drag's processes, each with the node it is listed on. */
export function dragOf(
  clusterId: string,
  entries: readonly ProcEntry[],
  nodes: readonly NodeView[],
  drop: Drag['drop'],
  relations?: ReadonlyMap<string, MapRelation>,
): Drag {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const dragged = entries.flatMap((e) => {
    const source = byId.get(e.nodeId);
    return source ? [{ process: { row: e.row, nodeId: e.nodeId }, source }] : [];
  });
  return { clusterId, entries, dragged, drop, ...(relations ? { relations } : {}) };
}

/** The verdict for a target node of the drag's cluster; null when no drag is on or it is another cluster. */
export function verdictFor(clusterId: string, node: NodeView, freeMemBytes?: number): TargetSummary | null {
  const drag = currentDrag.value;
  if (!drag || drag.clusterId !== clusterId) return null;
  const map = drag.relations?.get(node.id);
  const target: TargetNode = {
    ...node,
    ...(freeMemBytes === undefined ? {} : { freeMemBytes }),
    ...(map === undefined ? {} : { map }),
  };
  return summariseTarget(drag.dragged, target);
}

/** A drop on a node of the drag's cluster: allowed even when refused, so the target can say why. */
export function acceptDrag(e: DragEvent, node: NodeView, summary: TargetSummary | null): void {
  if (!e.dataTransfer?.types.includes(DRAG_TYPE)) return;
  // The drop is taken even on a refused target (no dropEffect "none", which would swallow it), so
  // that the drop can say why nothing moved; the target already says so while the pointer is over it.
  e.preventDefault();
  e.dataTransfer.dropEffect = 'move';
  const drag = currentDrag.value;
  if (drag && summary) drag.over = { node, summary };
}

/** The pointer left a target: a drag that ends now ends nowhere. */
export function leaveDrag(node: NodeView): void {
  const drag = currentDrag.value;
  if (drag?.over?.node.id === node.id) drag.over = undefined;
}

/** The drag ended without a drop: over a refused target, that target's reason is said. */
export function endDrag(): void {
  const drag = currentDrag.value;
  currentDrag.value = null;
  if (drag?.over && !drag.over.summary.legal) drag.drop(drag.over.node, drag.over.summary);
}

export function dropOn(e: DragEvent, node: NodeView, summary: TargetSummary | null): void {
  e.preventDefault();
  const drag = currentDrag.value;
  currentDrag.value = null;
  if (drag && summary) drag.drop(node, summary);
}
