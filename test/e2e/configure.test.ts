/**
 * The mosconf wizard as an admin uses it, in Debian's Chromium, on four test nodes that each have
 * an /etc of their own and no /etc/mosix yet: every step walked from scratch, the review's
 * per-node diffs, the apply, the files read back on every node, the new numbering on the map
 * view and under the monitor's bars, a file changed behind the wizard's back, and a rollback.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCluster, type TestCluster } from '../cluster/testCluster';
import { type AppInBrowser, ARTIFACTS, openAppInBrowser } from '../support/appInBrowser';
import { addClusterInApp } from '../support/clusterInApp';

const SUBNET = 37;
const FIRST = `10.210.${SUBNET}.11`;
let cluster: TestCluster;
let opened: AppInBrowser;
let page: Page;
const nodeIds = new Map<number, string>();

beforeAll(async () => {
  // A file of their own under /etc gives each node its own /etc overlay; none has /etc/mosix.
  const etcFiles = Object.fromEntries([1, 2, 3, 4].map((k) => [k, { 'mosdesk-e2e': `node ${k}\n` }]));
  cluster = await startTestCluster({ name: 'e2e37', nodes: 4, subnet: SUBNET, etcFiles });
  opened = await openAppInBrowser({});
  ({ page } = opened);
}, 180_000);

afterAll(async () => {
  if (process.env.DEBUG_HUB) console.log(opened?.app.stderr());
  await opened?.close();
  await cluster?.down();
});

const shot = (name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
const step = (id: string) => page.locator(`[data-testid="wizard-step"][data-step="${id}"]`);
const current = () => page.locator('[data-testid="configure-wizard"] section.main').getAttribute('data-step');
async function readOn(k: number, file: string): Promise<string | null> {
  const out = await cluster.run(k, ['cat', `/etc/mosix/${file}`]);
  return out.code === 0 ? out.stdout : null;
}

const MAP = `${FIRST} 4 p\n`;
const USERVIEW = `101 ${FIRST} 4\n`;

describe('the configure wizard on a test cluster', () => {
  it('opens on a cluster with no /etc/mosix and offers to start from scratch', async () => {
    await addClusterInApp(page, cluster, 'Lab');
    for (const n of cluster.nodes) {
      const li = page.locator(
        `[data-testid="sidebar-node"]:has([data-testid="sidebar-node-link"]:text-is("${n.hostname}"))`,
      );
      nodeIds.set(n.index, (await li.getAttribute('data-node-id'))!);
    }
    await page.getByTestId('tab-map').click();
    await expect.poll(() => page.getByTestId('map-empty').isVisible(), { timeout: 15_000 }).toBe(true);
    await shot('map-empty');
    await page.getByTestId('tab-configure').click();
    await expect.poll(() => page.getByTestId('wizard-step').count(), { timeout: 15_000 }).toBe(7);
    await page.getByTestId('configure-from-scratch').click();
  }, 90_000);

  it('checks the nodes step as it is typed', async () => {
    await page.getByTestId('add-range').click();
    const range = page.getByTestId('map-range').first();
    await range.locator('[data-field="host"]').fill('10.210.37');
    await expect.poll(() => page.getByTestId('step-issues').innerText()).toMatch(/mosix\.map line 1/);
    await expect.poll(() => step('nodes').locator('.count').count()).toBe(1);
    await range.locator('[data-field="host"]').fill(FIRST);
    await range.locator('[data-field="count"]').fill('4');
    await range.locator('[data-field="proximate"]').check();
    await expect.poll(() => page.getByTestId('step-ok').isVisible()).toBe(true);
    await shot('configure-1-nodes');
    await page.getByTestId('wizard-next').click();
    expect(await current()).toBe('addresses');
    await expect.poll(() => page.getByTestId('mosip-row').count()).toBe(4);
    await shot('configure-2-addresses');
    await page.getByTestId('wizard-next').click();
  }, 60_000);

  it('numbers the nodes from 101, adds a partner, the queue and the freezing policy', async () => {
    await page.getByTestId('add-userview').click();
    const uv = page.getByTestId('userview-range').first();
    await uv.locator('[data-field="first"]').fill('101');
    await uv.locator('[data-field="host"]').fill(FIRST);
    await uv.locator('[data-field="count"]').fill('4');
    await expect.poll(() => page.locator('[data-testid="numbering-preview"] [data-number="104"]').count()).toBe(1);
    await shot('configure-3-numbering');
    await page.getByTestId('wizard-next').click();

    await page.getByTestId('add-partner').click();
    const partner = page.getByTestId('partner').first();
    await partner.locator('[data-field="name"]').fill('bmos');
    await partner.locator('[data-field="description"]').fill('The bmos cluster');
    await partner.locator('[data-field="priority"]').fill('45');
    await partner.locator('[data-field="canGo"]').uncheck();
    await partner.getByTestId('partner-range').first().locator('[data-field="host"]').fill('10.99.0.1');
    await partner.getByTestId('partner-range').first().locator('[data-field="count"]').fill('8');
    await expect.poll(() => page.getByTestId('step-ok').isVisible()).toBe(true);
    await shot('configure-4-partners');
    await page.getByTestId('wizard-next').click();

    await page.locator('[data-testid="step-queue"] [data-field="priority"]').fill('40');
    await shot('configure-5-queue');
    await page.getByTestId('wizard-next').click();

    await page.getByTestId('add-freeze-dir').click();
    await page.getByTestId('freeze-dir').first().locator('[data-field="path"]').fill('/tmp');
    await page.getByTestId('add-freeze-class').click();
    const line = page.getByTestId('freeze-class').first();
    await line.locator('[data-field="blue"]').fill('8');
    await expect.poll(() => page.getByTestId('step-issues').innerText()).toMatch(/red/i);
    await line.locator('[data-field="blue"]').fill('4');
    await expect.poll(() => page.getByTestId('step-ok').isVisible()).toBe(true);
    await shot('configure-6-freezing');
    await page.getByTestId('wizard-next').click();
    expect(await current()).toBe('review');
  }, 60_000);

  it('reviews per node, applies to every node, and reads back the same files everywhere', async () => {
    await expect.poll(() => page.getByTestId('review-node').count()).toBe(4);
    for (const k of [1, 2, 3, 4]) {
      const node = page.locator(`[data-testid="review-node"][data-node-id="${nodeIds.get(k)}"]`);
      await expect.poll(() => node.locator('[data-testid="file-diff"][data-status="created"]').count()).toBe(5);
    }
    await shot('configure-7-review');
    await page.getByTestId('apply-config').click();
    await page.getByTestId('config-confirm-confirm').click();
    await expect.poll(() => page.getByTestId('apply-state').innerText(), { timeout: 60_000 }).toBe('done');
    await page.getByTestId('apply-progress').scrollIntoViewIfNeeded();
    await shot('configure-8-applied');
    for (const k of [1, 2, 3, 4]) {
      expect(await readOn(k, 'mosix.map')).toBe(MAP);
      expect(await readOn(k, 'userview.map')).toBe(USERVIEW);
      expect(await readOn(k, 'partners/bmos')).toMatch(/^The bmos cluster\n45 0 1 \d\n10\.99\.0\.1 8 /);
      expect(await readOn(k, 'queue.conf')).toMatch(/40/);
      expect(await readOn(k, 'freeze.conf')).toMatch(/^\/tmp\b/m);
    }
    await expect.poll(() => page.getByTestId('apply-config').isDisabled()).toBe(true);
    expect(await page.getByTestId('apply-blocked').innerText()).toMatch(/Nothing to apply/);
  }, 120_000);

  it('shows the new numbering on the map view and under the monitor’s bars', async () => {
    await page.getByTestId('tab-map').click();
    await expect.poll(() => page.getByTestId('map-number').count(), { timeout: 15_000 }).toBe(4);
    for (const k of [1, 2, 3, 4])
      expect(
        await page.locator(`[data-testid="map-number"][data-number="${100 + k}"]`).getAttribute('data-node-id'),
      ).toBe(nodeIds.get(k));
    expect(await page.getByTestId('map-partners').innerText()).toMatch(/bmos[\s\S]*pri=45,dontgo/);
    await shot('map-view');
    await page.getByRole('button', { name: 'Dark theme' }).click();
    await shot('map-view-dark');
    await page.getByRole('button', { name: 'Light theme' }).click();
    await page.getByTestId('tab-monitor').click();
    for (const k of [1, 2, 3, 4]) {
      // The chart's accessible table carries the label drawn under each bar.
      const label = page.locator(`[data-testid="monitor"] tbody tr[data-node-id="${nodeIds.get(k)}"] td.num`).first();
      await expect.poll(() => label.textContent(), { timeout: 15_000 }).toBe(String(100 + k));
    }
    await shot('monitor-map-numbers');
  }, 60_000);

  it('stops an apply when a file changed on a node behind its back, and rolls back', async () => {
    await page.getByTestId('tab-configure').click();
    await step('queue').click();
    await page.locator('[data-testid="step-queue"] [data-field="priority"]').fill('30');
    await step('review').click();
    await cluster.run(3, ['sh', '-c', 'echo "priority 10" > /etc/mosix/queue.conf']);
    await page.getByTestId('apply-config').click();
    await page.getByTestId('config-confirm-confirm').click();
    await expect
      .poll(() => page.getByTestId('apply-state').innerText(), { timeout: 60_000 })
      .toMatch(/declined|failed/);
    const conflict = page.locator(
      `[data-testid="apply-node"][data-node-id="${nodeIds.get(3)}"] [data-testid="apply-conflict"]`,
    );
    await expect.poll(() => conflict.innerText()).toMatch(/queue\.conf[\s\S]*priority 10/);
    await page.getByTestId('apply-progress').scrollIntoViewIfNeeded();
    await shot('configure-conflict');
    for (const k of [1, 2, 4]) expect(await readOn(k, 'queue.conf')).toMatch(/40/);

    await expect
      .poll(() => page.locator('[data-testid="config-backups"] li').count(), { timeout: 15_000 })
      .toBeGreaterThan(0);
    await page.locator('[data-testid="config-backups"] li').first().getByTestId('rollback').click();
    await page.getByTestId('config-confirm-confirm').click();
    await expect.poll(() => page.getByTestId('apply-state').innerText(), { timeout: 60_000 }).toBe('done');
    for (const k of [1, 2, 3, 4]) expect(await readOn(k, 'mosix.map')).toBeNull();
    await shot('configure-rolled-back');
  }, 120_000);

  it('will not apply while a node is dead, and says which and why', async () => {
    await cluster.linkDown(4);
    try {
      const dead = page.locator(`[data-testid="sidebar-node"][data-node-id="${nodeIds.get(4)}"][data-state="dead"]`);
      await expect.poll(() => dead.count(), { timeout: 30_000 }).toBe(1);
      await page.getByTestId('tab-map').click();
      await page.getByTestId('tab-configure').click();
      await step('queue').click();
      await page.locator('[data-testid="step-queue"] [data-field="priority"]').fill('20');
      // The review reads every node again when it opens.
      await step('review').click();
      await expect
        .poll(() => page.getByTestId('apply-blocked').innerText(), { timeout: 15_000 })
        .toMatch(/node4 could not be read/);
      expect(await page.getByTestId('apply-config').isDisabled()).toBe(true);
      await shot('configure-dead-node');
    } finally {
      await cluster.linkUp(4);
    }
  }, 90_000);
});
