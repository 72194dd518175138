import { excerpt, ParseError } from './parseError';

/** The boot time from /proc/stat's "btime" line, in seconds since the epoch. */
export function parseBootTime(procStat: string): number {
  const m = /^btime (\d+)$/m.exec(procStat);
  if (!m) throw new ParseError('/proc/stat', `no btime line in ${excerpt(procStat)}`);
  return Number(m[1]);
}
