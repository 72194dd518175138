import { excerpt, ParseError } from './parseError';

/** The soft "Max open files" limit from /proc/<pid>/limits; Infinity for "unlimited". */
export function parseOpenFilesLimit(text: string): number {
  const m = /^Max open files\s+(\d+|unlimited)\s/m.exec(text);
  if (!m) throw new ParseError('/proc/self/limits', `no "Max open files" line in ${excerpt(text)}`);
  return m[1] === 'unlimited' ? Infinity : Number(m[1]);
}
