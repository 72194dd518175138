import { excerpt, ParseError } from './parseError';

/** Splits a /sys CPU list ("0-3,6,8-9") into [lo, hi] ranges, checking its shape. */
function cpuRanges(text: string): [number, number][] {
  const list = text.trim();
  if (!/^\d+(-\d+)?(,\d+(-\d+)?)*$/.test(list)) {
    throw new ParseError('cpu list', `unexpected format: ${excerpt(text)}`);
  }
  return list.split(',').map((part) => {
    const [lo, hi = lo] = part.split('-').map(Number) as [number, number | undefined];
    if (hi < lo) throw new ParseError('cpu list', `bad range ${part}`);
    return [lo, hi];
  });
}

/**
 * Counts the online CPUs in a /sys/devices/system/cpu/online list ("0-3,6,8-9").
 * This is the count `getconf _NPROCESSORS_ONLN` reports.
 */
export function parseCpuList(text: string): number {
  return cpuRanges(text).reduce((count, [lo, hi]) => count + hi - lo + 1, 0);
}

/** The CPU numbers of such a list, in order ("0-2,5" gives [0, 1, 2, 5]), to find /sys/devices/system/cpu/cpuN. */
export function parseCpuIds(text: string): number[] {
  const ids: number[] = [];
  for (const [lo, hi] of cpuRanges(text)) for (let id = lo; id <= hi; id++) ids.push(id);
  return ids;
}

/**
 * The CPU model from /proc/cpuinfo: "model name" on x86, "Model"/"Hardware"/"cpu" elsewhere.
 * Returns "unknown" when the architecture prints none of them, which is not an error.
 */
export function parseCpuModel(text: string): string {
  for (const key of ['model name', 'Model', 'Hardware', 'cpu model', 'cpu']) {
    // [ \t], not \s: an empty value must not make the match run on into the next line.
    const m = new RegExp(`^${key}[ \\t]*:[ \\t]*(\\S.*)$`, 'm').exec(text);
    if (m?.[1]) return m[1].trim().replace(/\s+/g, ' ');
  }
  return 'unknown';
}
