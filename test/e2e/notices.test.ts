/**
 * A damaged clusters.json, as a user meets it: the app starts, says what happened and where the
 * file went, and the notice stays dismissed once dismissed (also after a reload).
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppInBrowser, ARTIFACTS, openAppInBrowser } from '../support/appInBrowser';

let opened: AppInBrowser;
let page: Page;

beforeAll(async () => {
  opened = await openAppInBrowser({ userDataFiles: { 'clusters.json': '{"version":1,"clusters":[{"id":"c-1","na' } });
  ({ page } = opened);
});
afterAll(() => opened?.close());

describe('a damaged clusters.json', () => {
  it('is told in a notice that names where the file was moved', async () => {
    const notice = page.getByTestId('hub-notice');
    await expect.poll(() => notice.count(), { timeout: 15_000 }).toBe(1);
    const aside = readdirSync(opened.app.userData).find((f) => f.startsWith('clusters.json.corrupt-'));
    expect(aside).toBeDefined();
    expect(await notice.getAttribute('data-level')).toBe('warning');
    expect(await notice.textContent()).toContain(`it was moved aside to ${aside}`);
    // The app itself works: "This computer" is there and live.
    await expect.poll(() => page.getByTestId('node-hostname').count(), { timeout: 15_000 }).toBe(1);
    await page.screenshot({ path: join(ARTIFACTS, 'notice-damaged-clusters.png') });
  });

  it('stays dismissed, also after a reload', async () => {
    await page.getByTestId('hub-notice-dismiss').click();
    await expect.poll(() => page.getByTestId('hub-notice').count()).toBe(0);
    await page.reload();
    await expect.poll(() => page.getByTestId('node-hostname').count(), { timeout: 15_000 }).toBe(1);
    expect(await page.getByTestId('hub-notice').count()).toBe(0);
  });
});
