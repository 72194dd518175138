/** Shared shapes of the MOSIX tool parsers: a problem line and a node as the tools print it. */

/** A line of tool output that could not be read. It is reported, never dropped and never thrown. */
export interface LineProblem {
  /** 1-based line number in the tool's output. */
  line: number;
  /** The line as printed (trailing white space and CR removed). */
  text: string;
  /** A sentence saying what is wrong with it. */
  reason: string;
}

/**
 * A node as mosps and mosq print it in WHERE / FROM: `here`, `queue` (a job still waiting in the
 * queue), a host name (full, or its first part with mosps -M), an IPv4 address (-I) or a logical
 * node number. `raw` is the text as printed.
 */
export type NodeRef =
  | { kind: 'here'; raw: string }
  | { kind: 'queue'; raw: string }
  | { kind: 'host'; name: string; raw: string }
  | { kind: 'ip'; address: string; raw: string }
  | { kind: 'number'; n: number; raw: string };

/** A node named by address alone (setpe ranges): no `here` or `queue`. */
export type NodeAddress = Extract<NodeRef, { kind: 'host' | 'ip' | 'number' }>;
