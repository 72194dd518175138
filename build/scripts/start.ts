/**
 * `npm start`: builds, then opens the desktop app. Where Electron's binary is missing and
 * cannot be downloaded, or there is no display, it says so in one line and starts browser
 * mode instead, which prints its URL (and opens it where a browser can be opened).
 */
import { spawn } from 'node:child_process';
import { buildParts } from './build';
import { downloadElectronBinary, findElectronBinary } from './electronBinary';
import { fromRoot, ROOT } from './paths';

const DOWNLOAD_TIMEOUT_MS = 90_000;

function hasDisplay(): boolean {
  return process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
}

/** Why the desktop window cannot open here, or null when it can (downloading Electron if need be). */
function whyNoDesktop(): string | null {
  if (!findElectronBinary()) {
    console.log("Electron's binary is not installed yet; downloading it once…");
    const failure = downloadElectronBinary(DOWNLOAD_TIMEOUT_MS);
    if (failure !== null) return `Electron's binary is missing and could not be downloaded (${failure})`;
  }
  if (!hasDisplay()) return 'there is no display to open a window on (DISPLAY is not set)';
  return null;
}

function run(command: string, args: string[]): void {
  const child = spawn(command, args, { cwd: ROOT, stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

async function main(): Promise<void> {
  await buildParts([]);
  const askedForBrowser = process.argv.includes('--browser');
  const why = askedForBrowser ? null : whyNoDesktop();
  if (!askedForBrowser && why === null) {
    run(findElectronBinary() as string, [ROOT]);
    return;
  }
  if (why !== null) console.log(`mosdesk: ${why}; starting browser mode instead.`);
  run(process.execPath, [
    fromRoot('dist/web/main.cjs'),
    '--open',
    ...process.argv.slice(2).filter((a) => a !== '--browser'),
  ]);
}

main().catch((err: unknown) => {
  console.error(`mosdesk: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
