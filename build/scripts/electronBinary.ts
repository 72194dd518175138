import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fromRoot } from './paths';

/**
 * The Electron executable's path, or null when its binary was never downloaded. Read from the
 * package's path.txt rather than `require('electron')`, which would start a download itself.
 */
export function findElectronBinary(): string | null {
  const pathFile = fromRoot('node_modules/electron/path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = fromRoot('node_modules/electron/dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

/**
 * Runs Electron's own download step once (npm may skip install scripts). Returns null on
 * success, or the reason it failed in a few words.
 */
export function downloadElectronBinary(timeoutMs: number): string | null {
  const result = spawnSync(process.execPath, [fromRoot('node_modules/electron/install.js')], {
    encoding: 'utf8',
    timeout: timeoutMs,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (result.error) return result.error.message;
  if (result.status === 0 && findElectronBinary()) return null;
  const firstLine = `${result.stderr ?? ''}`.split('\n').find((l) => l.trim()) ?? `exit status ${result.status}`;
  return firstLine.trim().slice(0, 160);
}
