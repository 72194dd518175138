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

/** `ps` in UTC with full-width columns; zombies lose ps's " <defunct>" suffix. */
export async function psTable(): Promise<Map<number, PsRow>> {
  const { stdout } = await promisify(execFile)('ps', ['-eww', '-o', 'pid=,tty=,lstart=,user:64=,args='], {
    env: { ...process.env, TZ: 'UTC', LC_ALL: 'C.UTF-8' },
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
      args: args.replace(/ <defunct>$/, ''),
    });
  }
  return table;
}

/** What one agent row shows in ps's terms: ps prints unprintable characters as "?" and trims its last column. */
export function asPsWould(row: ProcRow): { user: string; args: string; tty: string; startedAt: number } {
  const args = [...row.command]
    .map((c) => (c < ' ' || c === '\x7f' || c === '\ufffd' ? '?' : c))
    .join('')
    .trimEnd();
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

/** The agent cuts command lines at MAX_CMDLINE_BYTES; ps -ww does not. */
export function sameArgs(ours: string, psArgs: string): boolean {
  const cut = Buffer.byteLength(ours) >= MAX_CMDLINE_BYTES - 1;
  return cut ? psArgs.startsWith(ours) : ours === psArgs;
}
