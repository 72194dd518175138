import { excerpt, ParseError } from './parseError';

/**
 * The aggregate "cpu" line of /proc/stat, in clock ticks (USER_HZ) summed over all CPUs.
 * Only the fields that tell busy from idle are kept.
 */
export interface CpuTicks {
  /** user + nice + system + irq + softirq + steal. guest/guest_nice are not added: user already includes them. */
  busy: number;
  /** busy + idle + iowait: everything the CPUs spent their time on. */
  total: number;
}

/**
 * Parses the "cpu" line of /proc/stat ("cpu  125222 568 17543 297023 1729 0 332 851 0 0").
 * Kernels before 2.6.11 print fewer columns (4 on 2.4, 7 on early 2.6); the missing ones
 * count as 0. iowait is idle time: a CPU waiting for a disk could run other work.
 */
export function parseProcStat(text: string): CpuTicks {
  const line = /^cpu +(\d+(?: +\d+){3,})\s*$/m.exec(text);
  if (!line) throw new ParseError('/proc/stat', `no aggregate "cpu" line in ${excerpt(text)}`);
  const f = (line[1] as string).split(/ +/).map(Number);
  // Columns: user nice system idle iowait irq softirq steal guest guest_nice.
  const at = (i: number): number => f[i] ?? 0;
  const busy = at(0) + at(1) + at(2) + at(5) + at(6) + at(7);
  const idle = at(3) + at(4);
  return { busy, total: busy + idle };
}
