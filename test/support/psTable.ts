/**
 * `ps` read as the agent's process view is checked against it (test/integration/agent/procs.test.ts):
 * its table, and each agent row in ps's terms.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { MAX_CMDLINE_BYTES } from '../../agent/src/engines/linux/processes/scanner';
import type { ProcRow } from '../../agent/src/protocol/procTypes';

export interface PsRow {
  tty: string;
  startedAt: number;
  user: string;
  args: string;
}

/**
 * How ps prints text: characters in a UTF-8 locale, or byte by byte in C when the machine has
 * no C.UTF-8 locale (glibc's is a file, /usr/lib/locale/C.utf8, that slim images may lack).
 */
export type PsCharset = 'utf8' | 'c';

/** The charset ps will use under LC_ALL=C.UTF-8 on this machine. */
export async function psCharset(): Promise<PsCharset> {
  const { stdout } = await promisify(execFile)('locale', ['charmap'], { env: { ...process.env, LC_ALL: 'C.UTF-8' } });
  return stdout.trim() === 'UTF-8' ? 'utf8' : 'c';
}

/** `ps` in UTC with full-width columns; zombies lose ps's " <defunct>" suffix. */
export async function psTable(charset: PsCharset): Promise<Map<number, PsRow>> {
  const { stdout } = await promisify(execFile)('ps', ['-eww', '-o', 'pid=,tty=,lstart=,user:64=,args='], {
    env: { ...process.env, TZ: 'UTC', LC_ALL: charset === 'utf8' ? 'C.UTF-8' : 'C' },
    maxBuffer: 64 << 20,
  });
  const table = new Map<number, PsRow>();
  const line = /^\s*(\d+) (\S+)\s+(\w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d \d{4}) (\S+)\s+(.*)$/;
  for (const text of stdout.split('\n')) {
    const m = line.exec(text);
    if (!m) continue;
    const [, pid, tty, lstart, user, args] = m as unknown as [string, string, string, string, string, string];
    table.set(Number(pid), {
      tty,
      startedAt: Date.parse(`${lstart} UTC`),
      user,
      args: args.replace(/ <defunct>$/, '').replace(/ +$/, ''),
    });
  }
  return table;
}

/**
 * A command line as procps 4 prints it, measured with ps 4.0.2. Reading it (readproc.c) turns
 * newlines into spaces, as it does the NULs between arguments; then escape.c:
 * - in UTF-8, what iswprint() refuses becomes one "?": C0 and C1 controls, DEL, line and
 *   paragraph separators, unassigned code points and noncharacters. Format characters (ZWSP,
 *   BOM, bidi marks) and private use print as they are;
 * - in C, controls and DEL become ".", and each byte of a non-ASCII character a "?".
 * The agent shows bytes that are not UTF-8 as "\ufffd"; ps prints a "?" per byte there, so they
 * are "?" here and sameArgs() lets a run of them stand for any run of ps's.
 */
export function asPsPrints(command: string, charset: PsCharset): string {
  const text = command.replaceAll('\n', ' ');
  if (charset === 'utf8') return text.replace(/[\p{Cc}\p{Cn}\p{Zl}\p{Zp}\ufffd]/gu, '?');
  return [...text]
    .map((c) => {
      const code = c.codePointAt(0) as number;
      if (code < 0x20 || code === 0x7f) return '.';
      if (code < 0x80) return c;
      return c === '\ufffd' ? '?' : '?'.repeat(Buffer.byteLength(c));
    })
    .join('');
}

/** What one agent row shows in ps's terms; ps trims the spaces a retitled process pads with. */
export function asPsWould(
  row: ProcRow,
  charset: PsCharset,
): { user: string; args: string; tty: string; startedAt: number } {
  const args = asPsPrints(row.command, charset).replace(/ +$/, '');
  return { user: row.user, args, tty: row.tty ?? '?', startedAt: row.startedAt };
}

/** The agent names users from /etc/passwd only (documented); ps also asks NSS (LDAP, sssd, systemd). */
export function sameUser(row: ProcRow, psUser: string): boolean {
  if (row.user === psUser) return true;
  const inPasswd = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .some((line) => line.split(':')[2] === String(row.uid));
  return row.user === String(row.uid) && !inPasswd;
}

/**
 * Whether ps's args are what the agent's row shows. The agent cuts command lines at
 * MAX_CMDLINE_BYTES, before a character the cut would split (ps reads up to 128 KiB), so a cut
 * one need only start ps's. Where the agent read bytes that are not UTF-8, a run of "?" stands
 * for any run of "?" or "\ufffd": the agent and ps count such bytes differently.
 */
export function sameArgs(row: ProcRow, psArgs: string, charset: PsCharset): boolean {
  const loose = row.command.includes('\ufffd');
  const norm = (s: string): string => (loose ? s.replace(/[?\ufffd]+/g, '?') : s);
  const [ours, theirs] = [norm(asPsWould(row, charset).args), norm(psArgs)];
  const cut = Buffer.byteLength(row.command) > MAX_CMDLINE_BYTES - 4;
  return cut ? theirs.startsWith(ours) : ours === theirs;
}

/** Where two command lines first differ, short enough to read in a CI log: JSON shows controls. */
export function whereArgsDiffer(ours: string, theirs: string): string {
  let at = 0;
  while (at < ours.length && ours[at] === theirs[at]) at++;
  const around = (s: string): string => JSON.stringify(s.slice(Math.max(0, at - 30), at + 30));
  return `from character ${at} (of ${ours.length} and ${theirs.length}): agent ${around(ours)}, ps ${around(theirs)}`;
}
