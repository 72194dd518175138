import { excerpt, ParseError } from './parseError';

/**
 * Counts the online CPUs in a /sys/devices/system/cpu/online list ("0-3,6,8-9").
 * This is the count `getconf _NPROCESSORS_ONLN` reports.
 */
export function parseCpuList(text: string): number {
  const list = text.trim();
  if (!/^\d+(-\d+)?(,\d+(-\d+)?)*$/.test(list)) {
    throw new ParseError('cpu list', `unexpected format: ${excerpt(text)}`);
  }
  let count = 0;
  for (const part of list.split(',')) {
    const [lo, hi] = part.split('-').map(Number) as [number, number | undefined];
    if (hi !== undefined && hi < lo) throw new ParseError('cpu list', `bad range ${part}`);
    count += hi === undefined ? 1 : hi - lo + 1;
  }
  return count;
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
