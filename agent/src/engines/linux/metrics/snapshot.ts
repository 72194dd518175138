import { readdir, readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { parseCpuIds } from '../../../parsers/cpuinfo';
import { parseDiskStats, wholeDisks } from '../../../parsers/diskstats';
import { parseLoadAvg } from '../../../parsers/loadavg';
import { parseMemInfo } from '../../../parsers/meminfo';
import { parseNetDev } from '../../../parsers/netDev';
import { parseNfsRpcCalls } from '../../../parsers/nfsRpc';
import { parseProcStat } from '../../../parsers/procStat';
import { parseUptime } from '../../../parsers/uptime';
import type { CpuSpeed, LoadAvg, MemoryInfo } from '../../../protocol/metricsTypes';
import { PROC, readProcText } from '../procfs';
import type { Counters } from './rates';
import type { SpeedReader } from './speed';

/** The files only the metrics read, beside the shared ones in PROC. */
const METRICS_FILES = {
  stat: '/proc/stat',
  diskstats: '/proc/diskstats',
  netDev: '/proc/net/dev',
  nfs: '/proc/net/rpc/nfs',
} as const;

/** Everything one tick reads: the counters for the rates and the figures shown as they are. */
export interface Snapshot {
  counters: Counters;
  hostname: string;
  kernel: string;
  cpuCount: number;
  load: LoadAvg;
  memory: MemoryInfo;
  uptimeSec: number;
  speed: CpuSpeed;
  /** Processes, not threads: the numeric entries of /proc (of the agent's PID namespace). */
  processTotal: number;
}

/** The NFS client's file exists only while the nfs module is loaded; absent means no client. */
async function readNfs(): Promise<string | null> {
  try {
    return await readFile(METRICS_FILES.nfs, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

export function countPids(names: readonly string[]): number {
  return names.reduce((n, name) => (/^\d+$/.test(name) ? n + 1 : n), 0);
}

/**
 * One tick: each file read once, all at the same time, then parsed. Hostname is re-read as it
 * can change while the agent runs; the process count is a readdir, never a scan of the processes.
 */
export async function readSnapshot(readSpeed: SpeedReader): Promise<Snapshot> {
  const [stat, diskstats, netDev, nfs, loadavg, meminfo, uptime, hostname, kernel, online, proc] = await Promise.all([
    readProcText(METRICS_FILES.stat),
    readProcText(METRICS_FILES.diskstats),
    readProcText(METRICS_FILES.netDev),
    readNfs(),
    readProcText(PROC.loadavg),
    readProcText(PROC.meminfo),
    readProcText(PROC.uptime),
    readProcText(PROC.hostname),
    readProcText(PROC.osrelease),
    readProcText(PROC.cpusOnline),
    readdir('/proc'),
  ]);
  const monoMs = performance.now();
  const cpuIds = parseCpuIds(online);
  return {
    counters: {
      monoMs,
      cpu: parseProcStat(stat),
      disks: wholeDisks(parseDiskStats(diskstats)),
      nets: parseNetDev(netDev).filter((n) => n.name !== 'lo'),
      nfsCalls: nfs === null ? null : parseNfsRpcCalls(nfs),
    },
    hostname: hostname.trim(),
    kernel: kernel.trim(),
    cpuCount: cpuIds.length,
    load: parseLoadAvg(loadavg),
    memory: parseMemInfo(meminfo),
    uptimeSec: parseUptime(uptime),
    speed: await readSpeed(cpuIds),
    processTotal: countPids(proc),
  };
}
