/**
 * sshd runs every exec request through the user's login shell, which may be tcsh or fish rather
 * than sh. So each command the hub sends is `exec /bin/sh -c '<script>'`, a line that every common
 * login shell reads alike, and the script runs under a POSIX sh whatever the account's shell is.
 *
 * Inside single quotes a login shell may still act on a few characters: the quote itself, a
 * backslash (fish), "!" (csh history) and a line break (csh refuses it). Scripts are fixed text
 * of ours (names in them are hex or checked paths), so any of these is a bug here, not input.
 */
const NOT_IN_QUOTES = /['\\!\r\n]/;

export function posixCommand(script: string): string {
  const bad = NOT_IN_QUOTES.exec(script);
  if (bad) throw new Error(`a remote script may not contain ${JSON.stringify(bad[0])}: ${script.slice(0, 80)}`);
  return `exec /bin/sh -c '${script}'`;
}
