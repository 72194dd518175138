import { type ChildProcess, spawn } from 'node:child_process';
import { requireBuilt, ROOT, WEB_MAIN } from './dist';

export interface RunningBrowserMode {
  url: URL;
  token: string;
  origin: string;
  stderr(): string;
  stop(): Promise<void>;
}

/** Starts browser mode exactly as `npm start` does on a headless machine, and reads its URL. */
export async function startBrowserMode(): Promise<RunningBrowserMode> {
  requireBuilt(WEB_MAIN);
  const child: ChildProcess = spawn(process.execPath, [WEB_MAIN], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
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
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
