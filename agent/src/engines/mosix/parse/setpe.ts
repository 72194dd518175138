import { parseIPv4, quote } from '../../../mosixConfig/fields';
import { linesOf, type TextLine } from './lines';
import type { LineProblem, NodeAddress } from './types';
import { FieldError, nodeAddress, wholeNumber } from './values';

/** This node, from `This MOSIX node is: 132.65.174.1 (mos1.cs.huji.ac.il) (no features)`. */
export interface SetpeNode {
  ip: string;
  host: string | null;
  /** Empty for "(no features)". */
  features: string[];
}

/** One line of a node list: a contiguous range `first - last` (first = last for one node) and its flags. */
export interface SetpeRange {
  line: number;
  first: NodeAddress;
  last: NodeAddress;
  /** pri=N: the priority this cluster gives to those nodes; lower is better. */
  pri: number | null;
  /** A very fast network link to those nodes. */
  proximate: boolean;
  /** Class-0 processes may not migrate there. */
  outsider: boolean;
  /** Local processes may not migrate there. */
  dontgo: boolean;
  /** Guests from there are refused. */
  dontTake: boolean;
  /** Flags this parser does not know, as printed. */
  otherFlags: string[];
}

export interface SetpeResult {
  /** Null when the output has no "This MOSIX node is:" line. */
  node: SetpeNode | null;
  /** "Nodes in this cluster:". */
  cluster: SetpeRange[];
  /** "Nodes from the rest of the multi-cluster:" (2009) or "...of the grid:" (2008); null when absent (setpe -r). */
  rest: SetpeRange[] | null;
  problems: LineProblem[];
}

const NODE_LINE = /^This MOSIX node is:\s*(\S+)((?:\s*\([^()]*\))*)$/i;
const CLUSTER_HEADING = /^Nodes in this cluster:$/i;
const REST_HEADING = /^Nodes from the rest of the (grid|multi-?cluster):$/i;

/**
 * Parses `setpe -r` / `setpe -R`: this node's line, then the headed node lists, one range a
 * line, underlined or not. Lines that cannot be read become problems; this never throws.
 */
export function parseSetpe(text: string): SetpeResult {
  const result: SetpeResult = { node: null, cluster: [], rest: null, problems: [] };
  let list: SetpeRange[] | null = null;
  for (const l of linesOf(text)) {
    const t = l.text.trim();
    if (/^=+$/.test(t)) continue;
    if (CLUSTER_HEADING.test(t)) list = result.cluster;
    else if (REST_HEADING.test(t)) list = result.rest = result.rest ?? [];
    else if (NODE_LINE.test(t)) readNode(l, t, result);
    else if (list === null) result.problems.push(problem(l, 'a node list line before any "Nodes ..." heading'));
    else {
      const range = readRange(l, t);
      if ('reason' in range) result.problems.push(problem(l, range.reason));
      else list.push(range);
    }
  }
  return result;
}

function problem(l: TextLine, reason: string): LineProblem {
  return { line: l.line, text: l.text, reason };
}

function readNode(l: TextLine, t: string, result: SetpeResult): void {
  const m = NODE_LINE.exec(t) as RegExpExecArray;
  const ip = m[1] as string;
  const groups = [...(m[2] as string).matchAll(/\(([^()]*)\)/g)].map((g) => (g[1] as string).trim());
  if (parseIPv4(ip) === undefined) return void result.problems.push(problem(l, `${quote(ip)} is not an IPv4 address`));
  if (groups.length > 2) return void result.problems.push(problem(l, 'expected at most a host name and features'));
  if (result.node) return void result.problems.push(problem(l, 'this node was already named'));
  // One group is the host name, unless it speaks of features; two are the host and the features.
  const [host, features] =
    groups.length === 2 ? groups : /features/i.test(groups[0] ?? '') ? [undefined, groups[0]] : [groups[0], undefined];
  result.node = { ip, host: host ?? null, features: features === undefined ? [] : featuresOf(features) };
}

/** "(no features)" -> []; "features: a, b" or "a,b" -> the names. */
function featuresOf(text: string): string[] {
  if (/^no features$/i.test(text)) return [];
  return text
    .replace(/^features\s*:?\s*/i, '')
    .split(/[\s,]+/)
    .filter(Boolean);
}

function readRange(l: TextLine, t: string): SetpeRange | { reason: string } {
  const colon = t.indexOf(':');
  const nodes = (colon < 0 ? t : t.slice(0, colon)).trim();
  const flags =
    colon < 0
      ? []
      : t
          .slice(colon + 1)
          .split(',')
          .map((f) => f.trim());
  const ends = nodes.split(/\s+-\s+/);
  if (ends.length > 2 || ends.some((e) => e === '' || /\s/.test(e)))
    return { reason: 'expected a node or a range "first - last", then optionally ": flag,flag"' };
  try {
    const first = nodeAddress(ends[0] as string, 'node');
    const range: SetpeRange = {
      line: l.line,
      first,
      last: ends[1] === undefined ? first : nodeAddress(ends[1], 'node'),
      pri: null,
      proximate: false,
      outsider: false,
      dontgo: false,
      dontTake: false,
      otherFlags: [],
    };
    for (const flag of flags) readFlag(range, flag);
    return range;
  } catch (err) {
    if (err instanceof FieldError) return { reason: err.message };
    throw err;
  }
}

function readFlag(range: SetpeRange, flag: string): void {
  const pri = /^pri\s*=\s*(.*)$/i.exec(flag);
  if (pri) range.pri = wholeNumber(pri[1] as string, 'pri');
  else if (flag === 'proximate') range.proximate = true;
  else if (flag === 'outsider') range.outsider = true;
  else if (flag === 'dontgo') range.dontgo = true;
  else if (flag === 'dont_take') range.dontTake = true;
  else if (flag === '') throw new FieldError('an empty flag (two commas, or a colon with no flags)');
  else range.otherFlags.push(flag);
}
