import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hostname } from 'node:os';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppInBrowser, ARTIFACTS, openAppInBrowser } from '../support/appInBrowser';
import type { RunningBrowserMode } from '../support/browserMode';
import { startCpuBurners } from '../support/cpuBurners';

let opened: AppInBrowser;
let app: RunningBrowserMode;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  opened = await openAppInBrowser();
  ({ app, browser, page } = opened);
});
afterAll(() => opened?.close());

const loadAvgOne = (): number => Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);
const shownLoad = async (): Promise<number> => Number(await page.getByTestId('node-load-1').textContent());

describe('browser mode shows this computer', () => {
  it('shows the machine hostname and CPU count', async () => {
    await expect.poll(() => page.getByTestId('node-hostname').textContent(), { timeout: 15_000 }).toBe(hostname());
    const cpus = execFileSync('getconf', ['_NPROCESSORS_ONLN'], { encoding: 'utf8' }).trim();
    await expect.poll(() => page.getByTestId('node-cpus').textContent(), { timeout: 15_000 }).toBe(cpus);
  });

  it('shows the load from /proc/loadavg and follows it as the machine gets busy', async () => {
    await page.getByTestId('node-load-1').waitFor();
    // The figure on screen is /proc's, give or take one refresh.
    await expect
      .poll(
        async () => {
          const before = loadAvgOne();
          const shown = await shownLoad();
          await page.waitForTimeout(1100);
          return [before, loadAvgOne()].some((v) => Math.abs(v - shown) < 0.005);
        },
        { timeout: 20_000 },
      )
      .toBe(true);

    const start = await shownLoad();
    const burners = startCpuBurners(4);
    try {
      await expect.poll(shownLoad, { timeout: 70_000, interval: 1000 }).toBeGreaterThan(start + 0.3);
    } finally {
      burners.stop();
    }
    await page.screenshot({ path: resolve(ARTIFACTS, 'this-computer.png') });
  });

  it('shows memory and uptime figures', async () => {
    await expect(page.getByTestId('node-memory').textContent()).resolves.toMatch(/\d.*\/ \d/);
    await expect(page.getByTestId('node-uptime').textContent()).resolves.toMatch(/\d/);
  });
});

describe('a page from another origin', () => {
  let evil: Server;

  beforeAll(async () => {
    evil = createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      // Even knowing the token, a foreign page must not get a hub socket.
      res.end(`<script>
        const ws = new WebSocket('ws://127.0.0.1:${app.url.port}/hub?token=${app.token}');
        ws.onopen = () => { document.title = 'opened'; };
        ws.onerror = () => { document.title = 'refused'; };
      </script>`);
    });
    await new Promise<void>((r) => evil.listen(0, '127.0.0.1', () => r()));
  });
  afterAll(() => new Promise<void>((r) => evil.close(() => r())));

  it('is refused a hub WebSocket even with the token', async () => {
    const other = await browser.newPage();
    await other.goto(`http://127.0.0.1:${(evil.address() as AddressInfo).port}/`);
    await expect.poll(() => other.title(), { timeout: 10_000 }).toBe('refused');
    await other.close();
  });
});
