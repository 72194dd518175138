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
import { type MonitorRow, monitorRows, monitorTitle } from './support/monitorRows';

let opened: AppInBrowser;
let app: RunningBrowserMode;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  opened = await openAppInBrowser();
  ({ app, browser, page } = opened);
});
afterAll(() => opened?.close());

/** "This computer": the hub's local cluster and its one node. */
const LOCAL = 'local';
const LOCALHOST = 'localhost';
const cpus = Number(execFileSync('getconf', ['_NPROCESSORS_ONLN'], { encoding: 'utf8' }).trim());
const loadAvgOne = (): number => Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);

/** This computer's row in its monitor's table. */
async function localRow(): Promise<MonitorRow> {
  const row = [...(await monitorRows(page, LOCAL)).values()].find((r) => r.nodeId === LOCALHOST);
  if (!row) throw new Error('no row for this computer in its monitor');
  return row;
}

/** Presses `key` until the monitor's title is `title` (a display resumes its last sub-view, as mmon). */
async function show(key: string, title: RegExp): Promise<void> {
  for (let i = 0; i < 5 && !title.test(await monitorTitle(page, LOCAL)); i++) await page.keyboard.press(key);
  expect(await monitorTitle(page, LOCAL)).toMatch(title);
}

/** The 1-minute load the monitor shows: its load per CPU (raw, unrounded) times the CPUs. */
async function shownLoad(): Promise<number> {
  const row = await localRow();
  if (row.kind !== 'value') throw new Error(`this computer's load bar is ${row.kind}: ${row.text}`);
  return row.raw[0]! * cpus;
}

/** A field of the node page's status list (`mosctl status`), as shown. */
const statusField = (field: string) =>
  page.locator(`[data-testid="node-status-list"] [data-field="${field}"] dd`).textContent();

async function openMonitor(): Promise<void> {
  await page
    .locator(`[data-testid="sidebar-cluster"][data-cluster-id="${LOCAL}"] [data-testid="select-cluster"]`)
    .click();
  await expect.poll(() => page.url()).toMatch(new RegExp(`#/c/${LOCAL}/monitor$`));
}

describe('browser mode shows this computer', () => {
  it('opens on its monitor, and its node page has the machine hostname and CPU count', async () => {
    // With no cluster of one's own, the app opens on "This computer"'s monitor.
    await expect.poll(() => page.url(), { timeout: 15_000 }).toMatch(new RegExp(`#/c/${LOCAL}/monitor$`));
    await expect.poll(async () => (await localRow()).kind, { timeout: 15_000 }).toBe('value');
    expect((await localRow()).text).toMatch(new RegExp(` per CPU, ${cpus} CPUs?\\)$`));

    await page
      .locator(`[data-testid="sidebar-node"][data-node-id="${LOCALHOST}"] [data-testid="sidebar-node-link"]`)
      .click();
    await expect.poll(() => page.url()).toMatch(new RegExp(`#/c/${LOCAL}/n/${LOCALHOST}$`));
    await expect.poll(() => page.getByTestId('node-page-name').textContent(), { timeout: 15_000 }).toBe(hostname());
    expect(await page.getByTestId('node-page-header').getAttribute('data-state')).toBe('up');
    await expect.poll(() => statusField('cpus'), { timeout: 15_000 }).toBe(String(cpus));
    await page.screenshot({ path: resolve(ARTIFACTS, 'this-computer-node.png') });
  });

  it('shows the load from /proc/loadavg and follows it as the machine gets busy', async () => {
    // The node page's status says the same load, to its two decimals.
    await expect
      .poll(
        async () => {
          const before = loadAvgOne();
          const shown = Number(/^([\d.]+) /.exec((await statusField('load')) ?? '')?.[1]);
          await page.waitForTimeout(1100);
          return [before, loadAvgOne()].some((v) => Math.abs(v - shown) < 0.005);
        },
        { timeout: 20_000 },
      )
      .toBe(true);

    await openMonitor();
    await show('l', /^Load per CPU$/);
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
    await show('m', /^Memory$/);
    const memTotal = Number(/^MemTotal:\s+(\d+) kB$/m.exec(readFileSync('/proc/meminfo', 'utf8'))![1]) * 1024;
    await expect.poll(async () => (await localRow()).kind, { timeout: 5000 }).toBe('value');
    const [used, free] = (await localRow()).raw as [number, number];
    expect(used).toBeGreaterThan(0);
    expect(used + free).toBe(memTotal);
    expect((await localRow()).text).toMatch(/\d.* used of \d/);

    await show('s', /^Uptime$/);
    await expect.poll(async () => (await localRow()).kind, { timeout: 5000 }).toBe('value');
    const uptime = Number(readFileSync('/proc/uptime', 'utf8').split(' ')[0]);
    expect(Math.abs((await localRow()).raw[0]! * 86_400 - uptime)).toBeLessThan(5);
    expect((await localRow()).caption).toMatch(/\d/);
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
