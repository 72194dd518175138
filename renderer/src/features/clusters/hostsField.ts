/**
 * The "Hosts" box of Add cluster and Add nodes: both send the text to the hub, which parses
 * the list (so its syntax lives in one place), and both say the same about it.
 */

export const HOSTS_HINT =
  'Separated by spaces, commas or lines. Ranges like node1-node8 or 10.0.0.11-10.0.0.18; user@host:port is fine. Ctrl+Enter adds.';

/** Why the box cannot be sent as it is; undefined when it can (the hub checks the syntax). */
export function hostsError(text: string): string | undefined {
  return text.trim() ? undefined : 'List at least one host.';
}
