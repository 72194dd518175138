/**
 * Turns /proc/<pid>/cmdline into one line: arguments are NUL-separated and NUL-terminated
 * (programs that rewrite their title may pad with more NULs). An empty one (kernel threads,
 * zombies, a process exiting) is shown as "[comm]", as ps does.
 */
export function parseCmdline(raw: string, comm: string): string {
  let end = raw.length;
  while (end > 0 && raw.charCodeAt(end - 1) === 0) end--;
  return end === 0 ? `[${comm}]` : raw.slice(0, end).replaceAll('\0', ' ');
}
