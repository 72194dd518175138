/** Adding a test cluster through the app's own dialog, as a user does, and accepting its host keys. */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { TestCluster } from '../cluster/testCluster';

/** Adds `cluster` under `name` through "Add cluster…", accepts every host key, and waits until all nodes are up. */
export async function addClusterInApp(page: Page, cluster: TestCluster, name: string): Promise<void> {
  await page.getByRole('button', { name: 'Add cluster…' }).click();
  const dialog = page.getByTestId('add-cluster-dialog');
  await dialog.getByLabel('Name', { exact: true }).fill(name);
  await dialog.getByLabel('Hosts', { exact: true }).fill(cluster.nodes.map((n) => n.address).join(' '));
  await dialog.getByLabel('User', { exact: true }).fill('root');
  await dialog.getByLabel('Identity file', { exact: true }).fill(cluster.keyPath);
  await dialog.getByRole('button', { name: 'Add', exact: true }).click();
  await expect.poll(() => dialog.isVisible(), { timeout: 10_000 }).toBe(false);
  await expect.poll(() => page.getByTestId('hostkey-prompt').count(), { timeout: 15_000 }).toBe(cluster.nodes.length);
  await page.getByRole('button', { name: 'Accept all' }).click();
  const up = page.locator(
    `[data-testid="sidebar-cluster"]:has-text("${name}") [data-testid="sidebar-node"][data-state="up"]`,
  );
  await expect.poll(() => up.count(), { timeout: 30_000 }).toBe(cluster.nodes.length);
}
