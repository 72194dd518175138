/**
 * Where a job from the Run dialog goes and what mosdesk asks the hub for, decided before
 * anything starts: on linux mosdesk places it itself (the node chosen as MOSIX would choose it);
 * on MOSIX the real mosrun on the home node gets the options and places it. Pure.
 */
import { mosrunOptionWords } from '../../../../../agent/src/mosrun/build';
import type { MosrunOptions, Placement } from '../../../../../agent/src/mosrun/options';
import { bestNode, type Placed } from '../../../../../agent/src/mosrun/placement';
import type { JobStart } from '../../../../../electron/api';
import { type Engine, unhonoured } from './honoured';
import type { PlanNode } from './planNodes';

export type RunCall =
  | { method: 'jobs.run'; nodeId: string; start: JobStart }
  | { method: 'jobs.runSet'; nodeId: string; lines: string[]; maxJobs: number; start: Omit<JobStart, 'argv'> };

export type RunPlan =
  | {
      ok: true;
      /** Where the job is started: the node itself on linux, the home node mosrun runs on on MOSIX. */
      nodeName: string;
      why: string;
      call: RunCall;
      /** The node best-node placement names by the figures on screen (on MOSIX, what -b would pick). */
      best?: string;
    }
  | { ok: false; why: string };

export interface PlanInput {
  options: MosrunOptions;
  cwd: string;
  env: Record<string, string>;
  /** The set's lines (mode "set"). */
  lines: string[];
  nodes: readonly PlanNode[];
  /** MOSIX: the node mosrun runs on (the job's home); the first up MOSIX node when not given. */
  homeNodeId?: string;
  /** For -j on linux: picks one of n (tests pass a fixed one). */
  random?: (n: number) => number;
}

const mb = (n: number) => `${Math.floor(n).toLocaleString('en-US')} MB`;
const refuse = (why: string): RunPlan => ({ ok: false, why });

/** A cluster runs the mosix engine when any node does; mosrun's options go to those nodes. */
export function clusterEngine(nodes: readonly PlanNode[]): Engine {
  return nodes.some((n) => n.engine === 'mosix') ? 'mosix' : 'linux';
}

type Found = { node: PlanNode; why: string } | { node: null; why: string };

function explicitNode(p: Exclude<Placement, { kind: 'best' | 'home' | 'random' }>, nodes: readonly PlanNode[]): Found {
  const node =
    p.kind === 'host'
      ? nodes.find((n) => n.names.includes(p.host))
      : p.kind === 'ip'
        ? nodes.find((n) => n.addresses.includes(p.ip) || n.names.includes(p.ip))
        : nodes.find((n) => n.position === p.node);
  const asked = p.kind === 'host' ? `-r${p.host}` : p.kind === 'ip' ? `-${p.ip}` : `-${p.node}`;
  if (!node)
    return {
      node: null,
      why:
        p.kind === 'node'
          ? `${asked}: this cluster has ${nodes.length} nodes, numbered 1-${nodes.length} in its list.`
          : `${asked}: no node of this cluster is known by that ${p.kind === 'ip' ? 'address' : 'name'}.`,
    };
  const which = p.kind === 'node' ? `node ${p.node} of the cluster's list` : `the node ${asked} names`;
  return { node, why: `${node.name} is ${which}.` };
}

function randomNode(ranges: { from: number; to: number }[], nodes: readonly PlanNode[], random: (n: number) => number) {
  const inRange = nodes.filter((n) => ranges.some((r) => n.position >= r.from && n.position <= r.to));
  const up = inRange.filter((n) => n.up && n.accepts === true);
  if (up.length === 0) return { node: null, why: `-j: no node numbered in those ranges is up with figures to go on.` };
  const node = up[Math.min(up.length - 1, Math.max(0, random(up.length)))]!;
  return { node, why: `${node.name} was picked at random from the ${up.length} up node(s) in the ranges.` };
}

/** The node a placement names, before it is checked for being up and having the memory. */
function placed(input: PlanInput): Placed {
  const { options: o, nodes } = input;
  const p = o.placement ?? { kind: 'best' };
  if (p.kind === 'best') return bestNode(nodes, o.memoryMb === undefined ? {} : { memoryMb: o.memoryMb });
  if (p.kind === 'random') return randomNode(p.ranges, nodes, input.random ?? ((n) => Math.floor(Math.random() * n)));
  if (p.kind === 'home') return { node: null, why: '-h: a plain Linux cluster has no home node; choose a node.' };
  return explicitNode(p, nodes);
}

/** bestNode's reason starts with the node's name, which the dialog shows beside it already. */
function withoutName(why: string, name: string): string {
  if (!why.startsWith(`${name}: `)) return why;
  const rest = why.slice(name.length + 2);
  return rest.charAt(0).toUpperCase() + rest.slice(1);
}

/** Linux: the node mosdesk starts the job on, and why; refused when it cannot take it. */
function linuxNode(input: PlanInput): Found {
  const o = input.options;
  const found = placed(input);
  const node = found.node ? input.nodes.find((n) => n.id === found.node!.id)! : null;
  if (!node) return { node: null, why: found.why };
  if (!node.up) return { node: null, why: `${node.downWhy ?? `${node.name} is not up`}; nothing was started.` };
  if (o.memoryMb !== undefined && node.accepts === true && node.availableMb < o.memoryMb)
    return {
      node: null,
      why: `-m${o.memoryMb}: ${node.name} has ${mb(node.availableMb)} free, less than the ${mb(o.memoryMb)} the job declares; nothing was started.`,
    };
  return { node, why: withoutName(found.why, node.name) };
}

const dueMinutes = (o: MosrunOptions) =>
  o.due ? Math.max(1, o.due.days * 1440 + o.due.hours * 60 + o.due.minutes) : undefined;

function linuxStart(input: PlanInput): Omit<JobStart, 'argv'> {
  const o = input.options;
  const due = dueMinutes(o);
  return {
    cwd: input.cwd,
    ...(Object.keys(input.env).length ? { env: input.env } : {}),
    ...(o.jobId !== undefined ? { jobId: o.jobId } : {}),
    ...(o.memoryMb !== undefined ? { memMb: o.memoryMb } : {}),
    ...(due !== undefined ? { dueMinutes: due } : {}),
  };
}

function call(input: PlanInput, nodeId: string, start: Omit<JobStart, 'argv'>): RunCall {
  const t = input.options.target;
  if (t.kind === 'commands') return { method: 'jobs.runSet', nodeId, lines: input.lines, maxJobs: t.maxJobs, start };
  if (t.kind !== 'program') throw new Error('The dialog starts programs and sets only.');
  return { method: 'jobs.run', nodeId, start: { ...start, argv: [t.program, ...t.args] } };
}

/** MOSIX: the node mosrun runs on (the job's home), or why there is none. */
function homeNode(input: PlanInput, mosix: readonly PlanNode[]): PlanNode | string {
  const home = input.homeNodeId ? mosix.find((n) => n.id === input.homeNodeId) : mosix.find((n) => n.up);
  if (home?.up) return home;
  return `No MOSIX node is up to run mosrun on${home ? ` (${home.downWhy})` : ''}.`;
}

function mosixStart(input: PlanInput): Omit<JobStart, 'argv'> {
  const o = input.options;
  const words = mosrunOptionWords({ ...o, target: { kind: 'program', program: 'x', args: [] } });
  return {
    cwd: input.cwd,
    ...(Object.keys(input.env).length ? { env: input.env } : {}),
    ...(o.jobId !== undefined ? { jobId: o.jobId } : {}),
    ...(words.length ? { mosrun: words } : {}),
  };
}

function mosixPlan(input: PlanInput): RunPlan {
  const o = input.options;
  const mosix = input.nodes.filter((n) => n.engine === 'mosix');
  const home = homeNode(input, mosix);
  if (typeof home === 'string') return refuse(home);
  const need = o.memoryMb === undefined ? {} : { memoryMb: o.memoryMb };
  const fit = bestNode(mosix, need);
  if (!fit.node && o.memoryMb !== undefined) return refuse(`${fit.why} Nothing was started.`);
  const best = o.placement?.kind === 'best' && fit.node ? fit.node : null;
  const where = best
    ? ` MOSIX chooses the node as it starts; by the figures on screen that is ${best.name}: ${fit.why}`
    : '';
  return {
    ok: true,
    nodeName: home.name,
    why: `mosrun on ${home.name} places it.${where}`,
    call: call(input, home.id, mosixStart(input)),
    ...(best ? { best: best.name } : {}),
  };
}

/** What starts where, or why nothing may start. */
export function planRun(input: PlanInput, engine: Engine): RunPlan {
  const refused = unhonoured(input.options, engine);
  const mend = engine === 'linux' ? ' Clear it, or run the job on a MOSIX cluster.' : '';
  if (refused.length) return refuse(`${refused.map((r) => r.why).join(' ')}${mend}`);
  if (engine === 'mosix') return mosixPlan(input);
  const found = linuxNode(input);
  if (!found.node) return refuse(found.why);
  const best = (input.options.placement ?? { kind: 'best' }).kind === 'best' ? { best: found.node.name } : {};
  return {
    ok: true,
    nodeName: found.node.name,
    why: found.why,
    call: call(input, found.node.id, linuxStart(input)),
    ...best,
  };
}
