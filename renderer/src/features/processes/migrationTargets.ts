/**
 * Drag-to-migrate's rules: for a process dragged onto a node, whether that node is a legal
 * target and, if not, why, in a sentence the admin can act on. Pure: the process view feeds it
 * rows, nodes, free memory and map relations, and renders what comes back.
 */
import type { Hello, NodeView } from '../../../../electron/api';
import { formatBytes } from '../../shared/format';
import { stateInfo } from '../nodes/nodeStates';

/** Why a node is not a legal target, in the order the checks run (the first that applies wins). */
export type TargetRefusal =
  | 'unreachable'
  | 'same-node'
  | 'engine'
  | 'not-migratable'
  | 'not-yours'
  | 'dontgo'
  | 'dont-take'
  | 'outside-grid'
  | 'memory';

export type TargetVerdict = { legal: true } | { legal: false; reason: string; code: TargetRefusal };

/** The fields of a process row (`ProcRow`) the rules read; a whole row fits. */
export interface MigratingRow {
  pid: number;
  user: string;
  uid: number;
  /** The kernel's one-letter state; Z cannot move. */
  state: string;
  /** mosps WHERE: "here", another node, or "queue" for a job still waiting. */
  where: string;
  /** mosps FROM: "here", or the home node of a guest. */
  from: string;
  class: 'native' | 'local' | 'batch' | number;
  frz: 'A' | 'E' | 'M' | '-' | 'N/A';
}

export interface MigratingProcess {
  row: MigratingRow;
  /** The node whose table listed the row: its agent is the one asked to migrate it. */
  nodeId: string;
  /**
   * The node it runs on now, when the hub has matched WHERE to a node. Absent: the listing node
   * when WHERE is "here", otherwise WHERE compared with the target's id, name and host.
   */
  runsOnNodeId?: string;
  /** What it declared it needs (`mosrun -m`); the mosix engine fills it, nothing does yet. */
  declaredMemBytes?: number;
}

/** The node that listed the process. Its `hello.user` is who the agent runs as. */
export type SourceNode = Pick<NodeView, 'id' | 'name' | 'state' | 'reason' | 'hello'>;

/**
 * What the cluster's map says about the target relative to the source (mapRelations.ts reads it
 * from the map the nodes have: outsider ranges, partner clusters' cango / cantake).
 */
export interface MapRelation {
  /** The source's map flags the target's range `dontgo`: local processes may not go there. */
  dontgo?: boolean;
  /** The target's map flags the source's range `dont_take`: it refuses guests from there. */
  dontTake?: boolean;
  /** The source's map flags the target's range `outsider`: class-0 processes may not go there. */
  outsider?: boolean;
  /** The partner cluster the target belongs to; absent when it is in the source's own cluster. */
  partnerOf?: string;
}

export type TargetNode = Pick<NodeView, 'id' | 'name' | 'state' | 'reason' | 'hello' | 'host'> & {
  /** The target's latest free memory (`MetricsSample.memory.availableBytes`), when known. */
  freeMemBytes?: number;
  map?: MapRelation;
};

export interface TargetInput {
  process: MigratingProcess;
  source: SourceNode;
  target: TargetNode;
}

interface Refusal {
  code: TargetRefusal;
  reason: string;
}
type Check = (input: TargetInput) => Refusal | null;

const refuse = (code: TargetRefusal, reason: string): Refusal => ({ code, reason });
const migrateCapability = (hello: Hello | undefined): true | string =>
  hello?.capabilities.migrate ?? 'its agent has not said what it can do yet.';
const sentence = (text: string): string => (/[.!?]$/.test(text) ? text : `${text}.`);

function notUp(node: SourceNode | TargetNode, role: string): string {
  const info = stateInfo(node.state);
  return `${node.name}${role} is not reachable (${info.label}). ${sentence(node.reason || info.detail)}`;
}

function runsOnTarget({ process, target }: TargetInput): boolean {
  const on = process.runsOnNodeId ?? (process.row.where === 'here' ? process.nodeId : undefined);
  if (on !== undefined) return on === target.id;
  const where = process.row.where.toLowerCase();
  const names = [target.id, target.name, target.host ?? ''].map((n) => n.toLowerCase());
  return names.some((n) => n !== '' && (n === where || n.split('.')[0] === where));
}

const isClass0 = (cls: MigratingRow['class']): boolean => cls === 'local' || cls === 0;

const FROZEN: Record<'A' | 'E' | 'M', string> = {
  M: 'it was frozen by hand (FRZ M)',
  E: 'it was expelled and arrived home frozen (FRZ E)',
  A: 'MOSIX froze it because the load of its class passed the red mark (FRZ A)',
};

/** The process itself: MOSIX moves only running processes that mosrun started. */
function processRefusal({ row }: MigratingProcess): string | null {
  const pid = row.pid;
  if (row.class === 'native')
    return `Process ${pid} is native Linux, not started by mosrun, so MOSIX will never move it. Run it under mosrun to make it migratable.`;
  if (row.class === 'batch')
    return `Process ${pid} is a batch job (mosrun -E): it runs as plain Linux on the node it was sent to and cannot migrate. Start it with mosrun -M to have a migratable batch job.`;
  if (row.where === 'queue')
    return `Process ${pid} is still waiting in the queue, so there is nothing to move yet. Use the queue to run it now.`;
  if (row.state.startsWith('Z')) return `Process ${pid} has exited (zombie); there is nothing left to move.`;
  if (row.frz === 'M' || row.frz === 'E' || row.frz === 'A')
    return `Process ${pid} is frozen: ${FROZEN[row.frz]}. Continue it first (C), then move it.`;
  return null;
}

/** The agent acts with its own rights: `migrate` follows `kill`'s permissions. */
function permissionRefusal({ process, source }: TargetInput): string | null {
  const agent = source.hello?.user;
  if (!agent || agent.isRoot) return null;
  const row = process.row;
  if (row.from !== 'here')
    return `Process ${row.pid} is a guest from ${row.from}, and only root may move a guest off the node it visits; the agent on ${source.name} runs as ${agent.name}. Drag it from ${row.from}'s table instead.`;
  if (row.uid !== agent.uid)
    return `Process ${row.pid} belongs to ${row.user}, and the agent on ${source.name} runs as ${agent.name}, not root, so it may move only ${agent.name}'s processes. Connect to ${source.name} as ${row.user} or as root.`;
  return null;
}

function gridRefusal({ process, source, target }: TargetInput): string | null {
  const map = target.map ?? {};
  const row = process.row;
  if (map.partnerOf !== undefined) {
    if (isClass0(row.class))
      return `Process ${row.pid} is class 0 (started without mosrun -G), so it may not leave its cluster for ${target.name} in partner cluster ${map.partnerOf}. Start it with mosrun -G to let it use the grid.`;
    const grid = source.hello?.capabilities.grid ?? 'its agent has not said whether it can.';
    if (grid !== true)
      return `${source.name} cannot send processes to partner cluster ${map.partnerOf}: ${sentence(grid)}`;
  }
  if (map.outsider && isClass0(row.class))
    return `The map marks ${target.name} outsider: class-0 processes (started without mosrun -G) may not go there. Pick a node of the cluster, or start it with mosrun -G.`;
  return null;
}

/** The checks in the order the brief asks: dead, same node, engine, process, permission, map, memory. */
const CHECKS: readonly Check[] = [
  ({ source }) =>
    source.state === 'up'
      ? null
      : refuse('unreachable', `${notUp(source, ', which lists it,')} Its agent must ask for the move.`),
  ({ target }) =>
    target.state === 'up' ? null : refuse('unreachable', `${notUp(target, '')} Pick a node that is up.`),
  (input) => (runsOnTarget(input) ? refuse('same-node', `It already runs on ${input.target.name}.`) : null),
  ({ source }) => {
    const can = migrateCapability(source.hello);
    return can === true ? null : refuse('engine', `${source.name} cannot migrate processes: ${sentence(can)}`);
  },
  ({ target }) => {
    const can = migrateCapability(target.hello);
    return can === true ? null : refuse('engine', `${target.name} cannot take migrated processes: ${sentence(can)}`);
  },
  ({ process }) => {
    const why = processRefusal(process);
    return why === null ? null : refuse('not-migratable', why);
  },
  (input) => {
    const why = permissionRefusal(input);
    return why === null ? null : refuse('not-yours', why);
  },
  ({ source, target }) =>
    target.map?.dontgo
      ? refuse('dontgo', `The map on ${source.name} marks ${target.name} dontgo: local processes may not go there.`)
      : null,
  ({ source, target }) =>
    target.map?.dontTake
      ? refuse('dont-take', `${target.name}'s map marks ${source.name} dont_take: it refuses guests from there.`)
      : null,
  (input) => {
    const why = gridRefusal(input);
    return why === null ? null : refuse('outside-grid', why);
  },
  ({ process, target }) => {
    const need = process.declaredMemBytes;
    const free = target.freeMemBytes;
    if (need === undefined || free === undefined || free >= need) return null;
    const mb = Math.ceil(need / 2 ** 20);
    return refuse(
      'memory',
      `${target.name} has ${formatBytes(free)} free, less than the ${formatBytes(need)} process ${process.row.pid} declared it needs (mosrun -m${mb}), so MOSIX would not move it there. Pick a node with more free memory.`,
    );
  },
];

/** Whether `target` is a legal place to drop this process, and if not, the most useful reason. */
export function targetVerdict(input: TargetInput): TargetVerdict {
  for (const check of CHECKS) {
    const refusal = check(input);
    if (refusal) return { legal: false, ...refusal };
  }
  return { legal: true };
}

/** A few words per refusal, for the one-line summary of a selection. */
export const REFUSAL_LABELS: Readonly<Record<TargetRefusal, string>> = {
  unreachable: 'node not reachable',
  'same-node': 'already there',
  engine: 'engine cannot migrate',
  'not-migratable': 'not migratable',
  'not-yours': 'not yours',
  dontgo: 'dontgo',
  'dont-take': 'dont_take',
  'outside-grid': 'outside the grid for its class',
  memory: 'not enough free memory',
};

/** One dragged process, with the node that listed it. */
export interface DraggedProcess {
  process: MigratingProcess;
  source: SourceNode;
}

export interface RefusalGroup {
  code: TargetRefusal;
  label: string;
  /** The first such process's reason, for a tooltip or a detail line. */
  reason: string;
  processes: DraggedProcess[];
}

export interface TargetSummary {
  targetId: string;
  total: number;
  /** True when at least one process can go: dropping starts one task per process in `canGo`. */
  legal: boolean;
  canGo: DraggedProcess[];
  /** Most common first; ties in the order of the checks. */
  refused: RefusalGroup[];
  /** "3 of 5 can go; 2: not yours"; for one process, its reason itself. */
  text: string;
}

/** Map relations per (source, target), when a selection spans sources; `target.map` otherwise. */
export type MapLookup = (sourceId: string, targetId: string) => MapRelation | undefined;

const ORDER: readonly TargetRefusal[] = Object.keys(REFUSAL_LABELS) as TargetRefusal[];

function summaryText(total: number, canGo: number, refused: RefusalGroup[]): string {
  if (total === 0) return 'Nothing is selected to move.';
  if (total === 1) return refused[0]?.reason ?? 'It can go here.';
  if (canGo === total) return `All ${total} can go.`;
  const why = refused.map((g) => `${g.processes.length}: ${g.label}`).join(', ');
  return canGo === 0 ? `None of the ${total} can go; ${why}` : `${canGo} of ${total} can go; ${why}`;
}

/** Every dragged process against one target, summarised. */
export function summariseTarget(
  dragged: readonly DraggedProcess[],
  target: TargetNode,
  mapFor?: MapLookup,
): TargetSummary {
  const canGo: DraggedProcess[] = [];
  const groups = new Map<TargetRefusal, RefusalGroup>();
  for (const item of dragged) {
    const map = mapFor?.(item.source.id, target.id) ?? target.map;
    const verdict = targetVerdict({ ...item, target: { ...target, map } });
    if (verdict.legal) {
      canGo.push(item);
      continue;
    }
    const group = groups.get(verdict.code);
    if (group) group.processes.push(item);
    else
      groups.set(verdict.code, {
        code: verdict.code,
        label: REFUSAL_LABELS[verdict.code],
        reason: verdict.reason,
        processes: [item],
      });
  }
  const refused = [...groups.values()].sort(
    (a, b) => b.processes.length - a.processes.length || ORDER.indexOf(a.code) - ORDER.indexOf(b.code),
  );
  const total = dragged.length;
  return {
    targetId: target.id,
    total,
    legal: canGo.length > 0,
    canGo,
    refused,
    text: summaryText(total, canGo.length, refused),
  };
}

/** Every dragged process against every target: what each tile shows while dragging, by target id. */
export function selectionVerdicts(
  dragged: readonly DraggedProcess[],
  targets: readonly TargetNode[],
  mapFor?: MapLookup,
): Map<string, TargetSummary> {
  return new Map(targets.map((t) => [t.id, summariseTarget(dragged, t, mapFor)]));
}
