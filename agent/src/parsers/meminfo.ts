import type { MemoryInfo } from '../protocol/types';
import { excerpt, ParseError } from './parseError';

/** Reads "Key:   1234 kB" lines into bytes; keys without a unit are counts and are skipped. */
function readKiB(text: string): Map<string, number> {
  const values = new Map<string, number>();
  for (const line of text.split('\n')) {
    const m = /^([\w()]+):\s+(\d+) kB$/.exec(line.trim());
    if (m) values.set(m[1] as string, Number(m[2]) * 1024);
  }
  return values;
}

/**
 * Parses /proc/meminfo. MemAvailable exists since Linux 3.14; on older kernels it is
 * estimated as free + buffers + page cache, as `free` did before it existed.
 */
export function parseMemInfo(text: string): MemoryInfo {
  const kb = readKiB(text);
  const need = (key: string): number => {
    const v = kb.get(key);
    if (v === undefined) throw new ParseError('/proc/meminfo', `no ${key} line in ${excerpt(text)}`);
    return v;
  };
  const totalBytes = need('MemTotal');
  const freeBytes = need('MemFree');
  const availableBytes = Math.min(
    totalBytes,
    kb.get('MemAvailable') ?? freeBytes + (kb.get('Buffers') ?? 0) + (kb.get('Cached') ?? 0),
  );
  return {
    totalBytes,
    freeBytes,
    availableBytes,
    usedBytes: totalBytes - availableBytes,
    swapTotalBytes: kb.get('SwapTotal') ?? 0,
    swapFreeBytes: kb.get('SwapFree') ?? 0,
  };
}
