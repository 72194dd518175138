import { excerpt, ParseError } from './parseError';

/** One account of /etc/passwd, the fields the agent uses. */
export interface PasswdEntry {
  name: string;
  uid: number;
  gid: number;
  home: string;
}

/**
 * Parses /etc/passwd ("name:x:uid:gid:gecos:home:shell") into its accounts, in file order.
 * Comments, blank lines and NIS "+" / "-" entries are skipped. A file with lines but no entry
 * at all is not a passwd file.
 */
export function parsePasswdEntries(text: string): PasswdEntry[] {
  const entries: PasswdEntry[] = [];
  let lines = 0;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    if (line.startsWith('+') || line.startsWith('-')) continue;
    lines++;
    const fields = line.split(':');
    const [name, , uid, gid, , home] = fields;
    // Seven fields: anything shorter (a group file, a torn line) is not an account.
    if (fields.length < 7 || !name || uid === undefined || !/^\d+$/.test(uid)) continue;
    entries.push({ name, uid: Number(uid), gid: /^\d+$/.test(gid ?? '') ? Number(gid) : -1, home: home ?? '' });
  }
  if (lines > 0 && entries.length === 0)
    throw new ParseError('/etc/passwd', `no "name:x:uid:..." entry in ${excerpt(text)}`);
  return entries;
}

/** uid → name; when two names share a uid the first wins, as getpwuid(3) answers. */
export function parsePasswd(text: string): Map<number, string> {
  const names = new Map<number, string>();
  for (const e of parsePasswdEntries(text)) if (!names.has(e.uid)) names.set(e.uid, e.name);
  return names;
}
