import { networkInterfaces, type NetworkInterfaceInfo } from 'node:os';
import { parseCpuList, parseCpuModel } from '../../parsers/cpuinfo';
import type { NodeIdentity } from '../../protocol/types';
import { PROC, readProcText } from './procfs';

type Interfaces = NodeJS.Dict<NetworkInterfaceInfo[]>;

/** Node 18.0–18.3 reported `family` as the number 4 or 6; every other version as "IPv4"/"IPv6". */
const isIPv4 = (a: NetworkInterfaceInfo): boolean =>
  (a.family as string | number) === 'IPv4' || (a.family as unknown) === 4;

/**
 * The node's non-loopback addresses, IPv4 first (what an admin types and MOSIX maps use), then
 * global IPv6, then link-local IPv6 (fe80::/10, reachable only with a zone, so least useful).
 * Each address once, in interface order within a group. Pure, for tests.
 */
export function orderAddresses(interfaces: Interfaces): string[] {
  const groups: string[][] = [[], [], []];
  for (const a of Object.values(interfaces).flatMap((list) => list ?? [])) {
    if (a.internal) continue;
    (groups[isIPv4(a) ? 0 : /^fe[89ab]/i.test(a.address) ? 2 : 1] as string[]).push(a.address);
  }
  return [...new Set(groups.flat())];
}

/** os.networkInterfaces() throws in some sandboxes (uv_interface_addresses refused); hello must not. */
function readAddresses(): string[] {
  try {
    return orderAddresses(networkInterfaces());
  } catch {
    return [];
  }
}

/** Hostname, addresses, kernel, CPU model and online CPU count, read from /proc, /sys and the OS. */
export async function readIdentity(): Promise<NodeIdentity> {
  const [hostname, kernel, cpuinfo, online] = await Promise.all([
    readProcText(PROC.hostname),
    readProcText(PROC.osrelease),
    readProcText(PROC.cpuinfo),
    readProcText(PROC.cpusOnline),
  ]);
  return {
    hostname: hostname.trim(),
    addresses: readAddresses(),
    kernel: kernel.trim(),
    cpuModel: parseCpuModel(cpuinfo),
    cpuCount: parseCpuList(online),
  };
}
