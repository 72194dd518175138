import { excerpt, ParseError } from './parseError';

/**
 * Parses /etc/passwd ("name:x:uid:gid:gecos:home:shell") into uid → name. Comments, blank
 * lines and NIS "+" / "-" entries are skipped; when two names share a uid the first wins, as
 * getpwuid(3) answers. A file with lines but no entry at all is not a passwd file.
 */
export function parsePasswd(text: string): Map<number, string> {
  const names = new Map<number, string>();
  let lines = 0;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    if (line.startsWith('+') || line.startsWith('-')) continue;
    lines++;
    const fields = line.split(':');
    const uid = fields[2];
    if (fields.length < 7 || !fields[0] || uid === undefined || !/^\d+$/.test(uid)) continue;
    if (!names.has(Number(uid))) names.set(Number(uid), fields[0]);
  }
  if (lines > 0 && names.size === 0)
    throw new ParseError('/etc/passwd', `no "name:x:uid:..." entry in ${excerpt(text)}`);
  return names;
}
