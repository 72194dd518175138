import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requireBuilt, ROOT, WEB_MAIN } from './dist';

export interface BrowserModeOptions {
  /** The hub's HOME (its ~/.ssh); default: the test's own. */
  home?: string;
  /** Files to put in the user-data folder before the hub starts (name -> content). */
  userDataFiles?: Record<string, string>;
}

export interface RunningBrowserMode {
  url: URL;
  token: string;
  origin: string;
  /** The hub's user-data folder (clusters.json, known_hosts), removed by stop(). */
  userData: string;
  stderr(): string;
  stop(): Promise<void>;
}

/** Starts browser mode exactly as `npm start` does on a headless machine, and reads its URL. */
export async function startBrowserMode(options: BrowserModeOptions = {}): Promise<RunningBrowserMode> {
  requireBuilt(WEB_MAIN);
  // A fresh user-data folder: the tests never read or write the developer's saved clusters.
  const userData = mkdtempSync(join(tmpdir(), 'mosdesk-e2e-userdata-'));
  for (const [name, content] of Object.entries(options.userDataFiles ?? {}))
    writeFileSync(join(userData, name), content);
  const env: NodeJS.ProcessEnv = { ...process.env, ...(options.home !== undefined && { HOME: options.home }) };
  delete env.SSH_AUTH_SOCK;
  const child: ChildProcess = spawn(process.execPath, [WEB_MAIN, '--user-data', userData], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const url = await new Promise<URL>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`browser mode printed no URL in 15 s; stderr: ${stderr}`)), 15_000);
    child.stdout?.on('data', (d: Buffer) => {
      stdout += d.toString();
      const m = /mosdesk browser mode: (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(stdout);
      if (m) {
        clearTimeout(timer);
        resolve(new URL(m[1] as string));
      }
    });
    child.on('exit', (code) => reject(new Error(`browser mode exited with ${code}; stderr: ${stderr}`)));
  });
  return {
    url,
    token: url.searchParams.get('token') ?? '',
    origin: url.origin,
    stderr: () => stderr,
    userData,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }).then(() => rmSync(userData, { recursive: true, force: true })),
  };
}
