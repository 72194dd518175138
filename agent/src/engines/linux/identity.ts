import { parseCpuList, parseCpuModel } from '../../parsers/cpuinfo';
import type { NodeIdentity } from '../../protocol/types';
import { PROC, readProcText } from './procfs';

/** Hostname, kernel, CPU model and online CPU count, read from /proc and /sys. */
export async function readIdentity(): Promise<NodeIdentity> {
  const [hostname, kernel, cpuinfo, online] = await Promise.all([
    readProcText(PROC.hostname),
    readProcText(PROC.osrelease),
    readProcText(PROC.cpuinfo),
    readProcText(PROC.cpusOnline),
  ]);
  return {
    hostname: hostname.trim(),
    kernel: kernel.trim(),
    cpuModel: parseCpuModel(cpuinfo),
    cpuCount: parseCpuList(online),
  };
}
