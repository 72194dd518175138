import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../support/dist';

let child: ChildProcess | undefined;
afterAll(() => {
  child?.kill('SIGTERM');
});

// Runs the real launcher, which rebuilds dist/: it lives with the e2e tests, which run one
// file at a time after the integration tests, so no other test reads dist/ meanwhile.
const electronInstalled = existsSync(resolve(ROOT, 'node_modules/electron/path.txt'));

describe('npm start without a usable Electron', () => {
  it('says why in one line, then starts browser mode and prints a working URL', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, ELECTRON_MIRROR: 'http://127.0.0.1:9/' };
    delete env.DISPLAY;
    delete env.WAYLAND_DISPLAY;
    // The launcher as `npm start` runs it; the closed mirror makes the download fail at once.
    child = spawn(resolve(ROOT, 'node_modules/.bin/tsx'), ['build/scripts/start.ts'], { cwd: ROOT, env });
    let out = '';
    const url = await new Promise<string>((done, fail) => {
      const timer = setTimeout(() => fail(new Error(`no URL within 60 s; output:\n${out}`)), 60_000);
      child?.stdout?.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /mosdesk browser mode: (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(out);
        if (m) {
          clearTimeout(timer);
          done(m[1] as string);
        }
      });
      child?.on('exit', (code) => fail(new Error(`npm start exited (${code}); output:\n${out}`)));
    });
    const why = out.split('\n').filter((l) => l.includes('starting browser mode instead'));
    expect(why).toHaveLength(1);
    expect(why[0]).toMatch(
      electronInstalled
        ? /^mosdesk: there is no display to open a window on/
        : /^mosdesk: Electron's binary is missing and could not be downloaded \(.+\); starting browser mode instead\.$/,
    );
    const page = await fetch(url);
    expect(page.status).toBe(200);
  }, 90_000);
});
