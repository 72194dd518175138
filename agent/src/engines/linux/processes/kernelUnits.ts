import { readFileSync } from 'node:fs';
import { endianness } from 'node:os';
import { AT_CLKTCK, AT_PAGESZ, parseAuxv } from '../../../parsers/auxv';

/** The units /proc/<pid>/stat counts in. */
export interface KernelUnits {
  /** USER_HZ: clock ticks per second of utime, stime and starttime (`getconf CLK_TCK`). */
  clockTicks: number;
  /** Bytes per page of rss (`getconf PAGESIZE`). */
  pageSize: number;
}

/**
 * What nearly every Linux machine uses: USER_HZ is 100 on every architecture Node runs on, and
 * pages are 4 KiB on x86. They are only the fallback: arm64 and ppc64 kernels often use 64 KiB
 * pages, so we ask the kernel.
 */
export const DEFAULT_UNITS: KernelUnits = { clockTicks: 100, pageSize: 4096 };

const WORD_32_ARCHS = new Set(['arm', 'ia32', 'mips', 'mipsel', 'ppc', 's390']);

let cached: KernelUnits | undefined;

/**
 * Node has no sysconf(), but the kernel hands every process the same values in its auxiliary
 * vector (AT_CLKTCK, AT_PAGESZ), which /proc/self/auxv shows: one read per agent process.
 */
export function kernelUnits(onFallback?: (err: unknown) => void): KernelUnits {
  if (cached) return cached;
  try {
    const auxv = parseAuxv(
      readFileSync('/proc/self/auxv'),
      WORD_32_ARCHS.has(process.arch) ? 4 : 8,
      endianness() === 'LE',
    );
    cached = {
      clockTicks: auxv.get(AT_CLKTCK) || DEFAULT_UNITS.clockTicks,
      pageSize: auxv.get(AT_PAGESZ) || DEFAULT_UNITS.pageSize,
    };
  } catch (err) {
    // Not expected on any kernel Node 18 runs on (auxv is in /proc since 2.6.0).
    onFallback?.(err);
    cached = DEFAULT_UNITS;
  }
  return cached;
}
