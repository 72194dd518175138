/** The app as an e2e test meets it: browser mode started as `npm start` does, one Chromium page on it. */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { type BrowserModeOptions, type RunningBrowserMode, startBrowserMode } from './browserMode';
import { launchChromium } from './chromium';
import { ROOT } from './dist';

/** Where e2e screenshots go (the README's copies live in renderer/screenshots/). */
export const ARTIFACTS = resolve(ROOT, 'test-results/e2e');

export interface AppInBrowser {
  app: RunningBrowserMode;
  browser: Browser;
  /** 1280×800, on the app's address. */
  page: Page;
  /** Uncaught errors in the page and console.error lines, so far. */
  problems(): string[];
  /** Closes everything; throws if the page had problems (a UI that fails quietly is broken). */
  close(): Promise<void>;
}

export async function openAppInBrowser(options: BrowserModeOptions = {}): Promise<AppInBrowser> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const app = await startBrowserMode(options);
  const browser = await launchChromium().catch(async (err: unknown) => {
    await app.stop();
    throw err;
  });
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const problems: string[] = [];
  page.on('pageerror', (err) => problems.push(`uncaught: ${err.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' || m.text().includes('[Vue warn]')) problems.push(`console: ${m.text()}`);
  });
  await page.goto(app.url.href);
  return {
    app,
    browser,
    page,
    problems: () => [...problems],
    close: async () => {
      await browser.close().finally(() => app.stop());
      if (problems.length > 0) throw new Error(`The page had problems:\n${problems.join('\n')}`);
    },
  };
}
