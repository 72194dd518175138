import { readFile } from 'node:fs/promises';
import { cpuSpeedOf, parseCpuInfoMhz, parseScalingCurFreq } from '../../../parsers/cpuSpeed';
import type { CpuSpeed } from '../../../protocol/metricsTypes';
import { PROC } from '../procfs';

/** Reads the CPU speed of the given online CPUs. */
export type SpeedReader = (cpuIds: number[]) => Promise<CpuSpeed>;

export interface SpeedPaths {
  /** Holds cpuN/cpufreq/scaling_cur_freq. */
  sysCpuDir: string;
  cpuinfo: string;
}

const LINUX_PATHS: SpeedPaths = { sysCpuDir: '/sys/devices/system/cpu', cpuinfo: PROC.cpuinfo };

const isMissing = (err: unknown): boolean => (err as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';

/**
 * The CPU speed as the CpuSpeed contract defines it: cpufreq's scaling_cur_freq of every online
 * CPU when the node has a cpufreq driver (the clock the CPU runs at now), else "cpu MHz" from
 * /proc/cpuinfo (virtual machines, like this project's test machine, usually have no cpufreq).
 * A missing cpufreq directory is remembered, so a node without one costs no failing reads per
 * tick; any other cpufreq failure (a CPU going offline mid-read, a driver printing "<unknown>")
 * falls back to /proc/cpuinfo for that tick only.
 */
export function createSpeedReader(paths: SpeedPaths = LINUX_PATHS): SpeedReader {
  let noCpufreq = false;
  const fromCpufreq = async (cpuIds: number[]): Promise<CpuSpeed> => {
    const texts = await Promise.all(
      cpuIds.map((id) => readFile(`${paths.sysCpuDir}/cpu${id}/cpufreq/scaling_cur_freq`, 'utf8')),
    );
    return cpuSpeedOf(texts.map(parseScalingCurFreq), 'cpufreq');
  };
  return async (cpuIds) => {
    if (!noCpufreq && cpuIds.length > 0) {
      try {
        return await fromCpufreq(cpuIds);
      } catch (err) {
        if (isMissing(err)) noCpufreq = true;
      }
    }
    return cpuSpeedOf(parseCpuInfoMhz(await readFile(paths.cpuinfo, 'utf8')), 'cpuinfo');
  };
}
