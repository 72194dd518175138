/**
 * A damaged clusters.json, as a user meets it: the app starts, says what happened and where the
 * file went, and the notice stays dismissed once dismissed (also after a reload).
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppInBrowser, ARTIFACTS, openAppInBrowser } from '../support/appInBrowser';
import { monitorRows } from './support/monitorRows';

let opened: AppInBrowser;
let page: Page;

beforeAll(async () => {
  opened = await openAppInBrowser({ userDataFiles: { 'clusters.json': '{"version":1,"clusters":[{"id":"c-1","na' } });
  ({ page } = opened);
});
afterAll(() => opened?.close());

/** "This computer" is there and live: its monitor has a bar with figures for its one node. */
const localIsLive = async (): Promise<boolean> =>
  [...(await monitorRows(page, 'local')).values()].some((r) => r.nodeId === 'localhost' && r.kind === 'value');

describe('a damaged clusters.json', () => {
  it('is told in a notice that names where the file was moved', async () => {
    const notice = page.getByTestId('hub-notice');
    await expect.poll(() => notice.count(), { timeout: 15_000 }).toBe(1);
    const aside = readdirSync(opened.app.userData).find((f) => f.startsWith('clusters.json.corrupt-'));
    expect(aside).toBeDefined();
    expect(await notice.getAttribute('data-level')).toBe('warning');
    expect(await notice.textContent()).toContain(`it was moved aside to ${aside}`);
    // The app itself works: "This computer" is there and live.
    await expect.poll(localIsLive, { timeout: 15_000 }).toBe(true);
    expect(await page.locator('[data-testid="sidebar-node"][data-state="up"]').count()).toBe(1);
    await page.screenshot({ path: join(ARTIFACTS, 'notice-damaged-clusters.png') });
  });

  it('stays dismissed, also after a reload', async () => {
    await page.getByTestId('hub-notice-dismiss').click();
    await expect.poll(() => page.getByTestId('hub-notice').count()).toBe(0);
    await page.reload();
    await expect.poll(localIsLive, { timeout: 15_000 }).toBe(true);
    expect(await page.getByTestId('hub-notice').count()).toBe(0);
  });
});
