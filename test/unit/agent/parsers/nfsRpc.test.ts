import { describe, expect, it } from 'vitest';
import { parseNfsRpcCalls } from '../../../../agent/src/parsers/nfsRpc';
import { ParseError } from '../../../../agent/src/parsers/parseError';

/**
 * An NFS client on Linux 5.10 with NFSv3 and v4 mounts. The test machine has no NFS client,
 * so this is written in the kernel's layout (net/sunrpc/stats.c): "net" counters, then "rpc"
 * calls/retransmissions/auth refreshes, then one "procN" line per protocol version.
 */
const CLIENT_510 = `net 0 0 0 0
rpc 2751416 12 2751456
proc3 22 0 63517 1284 48371 52466 0 131028 24176 1836 26 0 0 1012 0 40 0 0 1987 0 47 30 1234
proc4 69 0 2211 381 0 0 0 7 0 0 0 0 1 0 0 12 0 0 0 0 0 7 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0
`;

/** The module is loaded but nothing is mounted yet. */
const LOADED_IDLE = `net 0 0 0 0
rpc 0 0 0
proc3 22 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0
proc4 69 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0
`;

const ok = [
  { name: 'a busy v3 + v4 client', input: CLIENT_510, want: 2751416 },
  { name: 'an idle client', input: LOADED_IDLE, want: 0 },
];

const bad = [
  { name: 'an empty file', input: '' },
  { name: 'no rpc line', input: 'net 0 0 0 0\nproc3 22 0 0\n' },
  // The server's /proc/net/rpc/nfsd has five numbers on its rpc line: not the client's file.
  { name: "the server's nfsd file", input: 'rc 0 1047 3391810\nrpc 3392857 0 0 0 0\n' },
  { name: 'a truncated rpc line', input: 'net 0 0 0 0\nrpc 2751416\n' },
];

describe('parseNfsRpcCalls', () => {
  it.each(ok)('parses $name', ({ input, want }) => expect(parseNfsRpcCalls(input)).toBe(want));
  it.each(bad)('rejects $name', ({ input }) => expect(() => parseNfsRpcCalls(input)).toThrow(ParseError));
});
