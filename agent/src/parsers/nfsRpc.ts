import { excerpt, ParseError } from './parseError';

/**
 * The NFS client's RPC call count from /proc/net/rpc/nfs: the first number of the "rpc" line
 * ("rpc 2751416 12 2751456" = calls, retransmissions, auth refreshes). What `nfsstat -c` prints
 * as "calls", and what mmon's "RPC rate" view is a rate of.
 */
export function parseNfsRpcCalls(text: string): number {
  const m = /^rpc (\d+) \d+ \d+\s*$/m.exec(text);
  if (!m) throw new ParseError('/proc/net/rpc/nfs', `no "rpc" line in ${excerpt(text)}`);
  return Number(m[1]);
}
