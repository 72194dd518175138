import type { CpuSpeed } from '../protocol/metricsTypes';
import { excerpt, ParseError } from './parseError';

/**
 * The clock of each CPU listed in /proc/cpuinfo, in MHz: "cpu MHz" on x86, "clock" (with a
 * "MHz" suffix) on POWER. Empty when the architecture prints neither (most ARM kernels),
 * which is not an error: the speed is then unknown.
 */
export function parseCpuInfoMhz(text: string): number[] {
  const mhz: number[] = [];
  for (const m of text.matchAll(/^(?:cpu MHz|clock)[ \t]*:[ \t]*(\d+(?:\.\d+)?)(?:MHz)?[ \t]*$/gm)) {
    mhz.push(Number(m[1]));
  }
  return mhz;
}

/** A cpufreq scaling_cur_freq file: one integer in kHz ("2793438\n"), returned in MHz. */
export function parseScalingCurFreq(text: string): number {
  const m = /^(\d+)\s*$/.exec(text);
  if (!m) throw new ParseError('scaling_cur_freq', `unexpected format: ${excerpt(text)}`);
  return Number(m[1]) / 1000;
}

const round3 = (n: number): number => Math.round(n * 1000) / 1000;

/**
 * Folds per-CPU clocks into the contract's figures: the fastest CPU's clock and the sum over
 * all of them (see CpuSpeed). No clocks at all gives zeros and source "unknown".
 */
export function cpuSpeedOf(mhzPerCpu: number[], source: 'cpufreq' | 'cpuinfo'): CpuSpeed {
  if (mhzPerCpu.length === 0) return { perCpuMhz: 0, totalMhz: 0, source: 'unknown' };
  return {
    perCpuMhz: round3(Math.max(...mhzPerCpu)),
    totalMhz: round3(mhzPerCpu.reduce((a, b) => a + b, 0)),
    source,
  };
}
