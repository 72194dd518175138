import { parseCpuList } from '../../parsers/cpuinfo';
import { parseLoadAvg } from '../../parsers/loadavg';
import { parseMemInfo } from '../../parsers/meminfo';
import { parseUptime } from '../../parsers/uptime';
import type { MetricsSample } from '../../protocol/types';
import { PROC, readProcText } from './procfs';

/**
 * One sample of the node's figures: a handful of small /proc files, read once per tick.
 * Hostname and CPU count are re-read because both can change while the agent runs.
 */
export async function readMetrics(now: () => number = Date.now): Promise<MetricsSample> {
  const [loadavg, meminfo, uptime, hostname, online] = await Promise.all([
    readProcText(PROC.loadavg),
    readProcText(PROC.meminfo),
    readProcText(PROC.uptime),
    readProcText(PROC.hostname),
    readProcText(PROC.cpusOnline),
  ]);
  return {
    at: now(),
    hostname: hostname.trim(),
    cpuCount: parseCpuList(online),
    load: parseLoadAvg(loadavg),
    memory: parseMemInfo(meminfo),
    uptimeSec: parseUptime(uptime),
  };
}
