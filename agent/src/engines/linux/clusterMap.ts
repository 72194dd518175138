import { open } from 'node:fs/promises';
import { hostname } from 'node:os';
import { lookupIPv4 } from './lookup';
import { expandMosixMap, needsLookup, parseMosixMap } from '../../parsers/mosixMap';
import { ParseError } from '../../parsers/parseError';
import type { ClusterMap } from '../../protocol/clusterMapTypes';
import { RpcError, RpcErrorCode } from '../../protocol/errors';

export const MOSIX_MAP_PATH = '/etc/mosix/mosix.map';

/** A real map is a few lines; anything past this is not one. */
const MAX_MAP_BYTES = 1024 * 1024;
const LOOKUP_TIMEOUT_MS = 5000;

function readError(path: string, err: unknown): RpcError {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT')
    return new RpcError(
      RpcErrorCode.NotFound,
      `no ${path} on ${hostname()}: this node is not configured as a MOSIX node`,
    );
  if (code === 'EACCES' || code === 'EPERM')
    return new RpcError(RpcErrorCode.PermissionDenied, `${path} on ${hostname()} cannot be read: permission denied`);
  return new RpcError(RpcErrorCode.CommandFailed, `${path} on ${hostname()} cannot be read (${code ?? 'error'})`);
}

async function readMapText(path: string): Promise<string> {
  let file;
  try {
    file = await open(path, 'r');
    if ((await file.stat()).size > MAX_MAP_BYTES)
      throw new RpcError(RpcErrorCode.CommandFailed, `${path} on ${hostname()} is over 1 MiB: not a MOSIX map`);
    return await file.readFile('utf8');
  } catch (err) {
    throw err instanceof RpcError ? err : readError(path, err);
  } finally {
    await file?.close();
  }
}

/** name -> IPv4 for host names that stand for several nodes, resolved as MOSIX would, on this node. */
async function resolveNames(names: string[]): Promise<Map<string, string>> {
  const resolved = new Map<string, string>();
  await Promise.all(
    [...new Set(names)].map(async (name) => {
      const address = await lookupIPv4(name, LOOKUP_TIMEOUT_MS);
      if (address) resolved.set(name, address);
    }),
  );
  return resolved;
}

/** Reads, parses and expands the map; a bad line is a CommandFailed error naming the file and line. */
export async function readClusterMap(path: string = MOSIX_MAP_PATH): Promise<ClusterMap> {
  const text = await readMapText(path);
  try {
    const entries = parseMosixMap(text, path);
    const addresses = await resolveNames(entries.filter(needsLookup).map((e) => e.host));
    return { path, entries, nodes: expandMosixMap(entries, addresses, path) };
  } catch (err) {
    if (err instanceof ParseError) throw new RpcError(RpcErrorCode.CommandFailed, `${err.message} (on ${hostname()})`);
    throw err;
  }
}
