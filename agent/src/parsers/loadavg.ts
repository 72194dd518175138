import type { LoadAvg } from '../protocol/types';
import { excerpt, ParseError } from './parseError';

/** Parses /proc/loadavg: "0.20 0.18 0.12 1/80 11206". */
export function parseLoadAvg(text: string): LoadAvg {
  const m = /^(\d+\.\d+) (\d+\.\d+) (\d+\.\d+) (\d+)\/(\d+) \d+\s*$/.exec(text);
  if (!m) throw new ParseError('/proc/loadavg', `unexpected format: ${excerpt(text)}`);
  const [one, five, fifteen, running, total] = m.slice(1).map(Number) as [number, number, number, number, number];
  return { one, five, fifteen, running, total };
}
