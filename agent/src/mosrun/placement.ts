/**
 * "Best node" as MOSIX chooses it (reference §1.1 -b, §3): among the nodes that are up, accept
 * processes and have the declared free memory, the one with the lowest load relative to its
 * speed and CPU count; ties go to the one with more free memory, then to the first by name.
 * Pure: the dialog shows the choice and the reason before anything starts.
 */

export interface PlacementNode {
  id: string;
  name: string;
  up: boolean;
  /** Whether it takes new processes; the reason when it does not. */
  accepts: true | string;
  /** Free memory a new process can have (MemAvailable), MB. */
  availableMb: number;
  load: number;
  cpus: number;
  /** Per-CPU speed, in the node's own units (MHz on linux, MOSIX units on MOSIX); 0 when unknown. */
  speed: number;
}

export type Placed = { node: PlacementNode; why: string } | { node: null; why: string };

const round2 = (n: number) => Math.round(n * 100) / 100;
const mb = (n: number) => `${Math.round(n).toLocaleString('en-US')} MB`;

/** Load per unit of capacity: what MOSIX balances. An unknown speed counts as the slowest known. */
export function relativeLoad(n: PlacementNode, slowest: number): number {
  const speed = n.speed > 0 ? n.speed : slowest;
  return n.load / (Math.max(1, n.cpus) * (speed > 0 ? speed : 1));
}

function refusal(nodes: readonly PlacementNode[], memoryMb: number | undefined): string {
  const up = nodes.filter((n) => n.up);
  if (nodes.length === 0) return 'The cluster has no nodes.';
  if (up.length === 0) return 'No node is up.';
  const taking = up.filter((n) => n.accepts === true);
  if (taking.length === 0) return `No up node takes new processes (${up[0]!.name}: ${up[0]!.accepts as string}).`;
  const most = taking.reduce((a, b) => (b.availableMb > a.availableMb ? b : a));
  return `No node has ${mb(memoryMb ?? 0)} free for its -m${memoryMb}: the most is ${mb(most.availableMb)} on ${most.name}.`;
}

export function bestNode(nodes: readonly PlacementNode[], need: { memoryMb?: number } = {}): Placed {
  const fit = nodes.filter(
    (n) => n.up && n.accepts === true && (need.memoryMb === undefined || n.availableMb >= need.memoryMb),
  );
  if (fit.length === 0) return { node: null, why: refusal(nodes, need.memoryMb) };
  const speeds = fit.map((n) => n.speed).filter((s) => s > 0);
  const slowest = speeds.length ? Math.min(...speeds) : 0;
  const ranked = [...fit].sort(
    (a, b) =>
      relativeLoad(a, slowest) - relativeLoad(b, slowest) ||
      b.availableMb - a.availableMb ||
      a.name.localeCompare(b.name),
  );
  const best = ranked[0]!;
  const next = ranked[1];
  const tie = next !== undefined && relativeLoad(next, slowest) === relativeLoad(best, slowest);
  const figures = `load ${round2(best.load)} on ${best.cpus} CPU${best.cpus === 1 ? '' : 's'}${best.speed > 0 ? ` of speed ${Math.round(best.speed)}` : ''}, ${mb(best.availableMb)} free`;
  const memory = need.memoryMb === undefined ? '' : ` with ${mb(need.memoryMb)} free for -m`;
  const why = tie
    ? `${best.name}: as lightly loaded as ${next.name} for its size, and more free memory (${figures}).`
    : `${best.name}: the lowest load for its speed and CPUs of ${fit.length} up node${fit.length === 1 ? '' : 's'}${memory} (${figures}).`;
  return { node: best, why };
}
