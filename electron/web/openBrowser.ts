import { spawn } from 'node:child_process';

/**
 * Opens a URL in the user's browser where there is a desktop to show it on.
 * Returns false (and opens nothing) on a headless machine. Arguments go as an array: no shell.
 */
export function openBrowser(url: string, env: NodeJS.ProcessEnv = process.env): boolean {
  let command: string;
  let args: string[];
  if (process.platform === 'darwin') [command, args] = ['open', [url]];
  else if (process.platform === 'win32') [command, args] = ['explorer.exe', [url]];
  else if (env.DISPLAY || env.WAYLAND_DISPLAY) [command, args] = ['xdg-open', [url]];
  else return false;
  const child = spawn(command, args, { stdio: 'ignore', detached: true });
  child.on('error', () => undefined);
  child.unref();
  return true;
}
