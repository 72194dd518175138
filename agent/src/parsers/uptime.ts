import { excerpt, ParseError } from './parseError';

/** Parses /proc/uptime ("350735.47 234388.90") into seconds since boot. */
export function parseUptime(text: string): number {
  const m = /^(\d+(?:\.\d+)?) \d+(?:\.\d+)?\s*$/.exec(text);
  if (!m) throw new ParseError('/proc/uptime', `unexpected format: ${excerpt(text)}`);
  return Number(m[1]);
}
