/**
 * The whole path as a user takes it, in Debian's Chromium: add the test cluster through the
 * dialog, check and accept the host keys, and see every node live; then pull one node's cable.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { passwordHash, startTestCluster, type TestCluster } from '../cluster/testCluster';
import { type AppInBrowser, ARTIFACTS, openAppInBrowser } from '../support/appInBrowser';

const NODES = 4;
/** The nodes take this root password too, for the password step. */
const PASSWORD = 'e2e-30 password';
let cluster: TestCluster;
let home: string;
let opened: AppInBrowser;
let page: Page;

beforeAll(async () => {
  cluster = await startTestCluster({
    name: 'e2e30',
    nodes: NODES,
    subnet: 30,
    rootPasswordHash: await passwordHash(PASSWORD),
  });
  home = mkdtempSync(join(tmpdir(), 'mosdesk-e2e-home-'));
  opened = await openAppInBrowser({ home });
  ({ page } = opened);
});

afterAll(async () => {
  await opened?.close();
  await cluster?.down();
  if (home) rmSync(home, { recursive: true, force: true });
});

const cards = (): ReturnType<Page['getByTestId']> => page.getByTestId('node-card');

describe('adding an SSH cluster in the app', () => {
  it('adds the cluster through the dialog', async () => {
    await page.getByRole('button', { name: 'Add cluster…' }).click();
    const dialog = page.getByTestId('add-cluster-dialog');
    await dialog.getByLabel('Name', { exact: true }).fill('Test cluster');
    await dialog.getByLabel('Hosts', { exact: true }).fill(`10.210.30.11-10.210.30.${10 + NODES}`);
    await dialog.getByLabel('User', { exact: true }).fill('root');
    await dialog.getByLabel('Identity file', { exact: true }).fill(cluster.keyPath);
    await page.screenshot({ path: join(ARTIFACTS, 'add-cluster-dialog.png') });
    await dialog.getByRole('button', { name: 'Add', exact: true }).click();
    await expect.poll(() => dialog.isVisible(), { timeout: 10_000 }).toBe(false);
  });

  it('shows each host key with the fingerprint ssh-keygen gives, and accepts them', async () => {
    const prompts = page.getByTestId('hostkey-prompt');
    await expect.poll(() => prompts.count(), { timeout: 15_000 }).toBe(NODES);
    const shown = await page.getByTestId('hostkey-fingerprint').allTextContents();
    expect(shown.map((s) => s.trim()).sort()).toEqual(cluster.nodes.map((n) => n.hostKeyFingerprint).sort());
    await page.screenshot({ path: join(ARTIFACTS, 'host-keys.png') });
    await page.getByRole('button', { name: 'Accept all' }).click();
  });

  it('shows every node live with its own hostname and load', async () => {
    await expect
      .poll(() => page.locator('[data-testid="node-card"][data-state="up"]').count(), { timeout: 20_000 })
      .toBe(NODES);
    const names = await page.getByTestId('node-hostname').allTextContents();
    expect(names.sort()).toEqual(cluster.nodes.map((n) => n.hostname).sort());
    await expect
      .poll(
        async () =>
          (await page.getByTestId('node-load-1').allTextContents()).filter((t) => /^\d+\.\d{2}$/.test(t.trim())).length,
        {
          timeout: 15_000,
        },
      )
      .toBe(NODES);
    const inSidebar = page.getByTestId('sidebar-cluster').filter({ hasText: 'Test cluster' });
    expect(await inSidebar.locator('[data-testid="sidebar-node"][data-state="up"]').count()).toBe(NODES);
    await page.screenshot({ path: join(ARTIFACTS, 'ssh-cluster.png') });
  });

  it('shows a node dead within 5 s of its link going down, and live again after', async () => {
    const node2 = page.locator(`[data-testid="node-card"][data-node-id="n2"]`);
    await cluster.linkDown(2);
    const cut = Date.now();
    await expect.poll(() => node2.getAttribute('data-state'), { timeout: 8000, interval: 100 }).toBe('dead');
    expect(Date.now() - cut).toBeLessThan(5000);
    await expect
      .poll(() => node2.getByTestId('node-reason').textContent())
      .toMatch(/stopped answering|no answer from the agent/);
    await page.screenshot({ path: join(ARTIFACTS, 'node-dead.png') });
    await cluster.linkUp(2);
    await expect.poll(() => node2.getAttribute('data-state'), { timeout: 20_000 }).toBe('up');
    expect(await cards().count()).toBe(NODES);
  });

  it("changes one node's SSH settings: a wrong key fails with the reason, a password gets it in, the key again brings it back with the password forgotten", async () => {
    const wrong = join(home, 'wrong_key');
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', wrong]);
    const node3 = page.locator(`[data-testid="node-card"][data-node-id="n3"]`);
    const dialog = page.getByTestId('ssh-settings-dialog');
    await node3.getByTestId('node-ssh-settings').click();
    await dialog.getByLabel('Identity file', { exact: true }).fill(wrong);
    await dialog.getByTestId('ssh-agent-choice').selectOption('off');
    await dialog.getByTestId('ssh-settings-save').click();
    await expect.poll(() => node3.getAttribute('data-state'), { timeout: 10_000 }).toBe('auth-failed');
    await expect.poll(() => node3.getByTestId('node-reason').textContent()).toContain(`tried key ${wrong}`);
    await page.screenshot({ path: join(ARTIFACTS, 'node-auth-failed.png') });

    // The password, typed into the node's settings, gets it in after the wrong key.
    const passwordLogins = (): number => cluster.sshdLog(3).split('Accepted password for root').length - 1;
    const before = passwordLogins();
    await node3.getByTestId('node-ssh-settings').click();
    await dialog.getByTestId('ssh-password').fill(PASSWORD);
    await page.screenshot({ path: join(ARTIFACTS, 'node-ssh-settings.png') });
    await dialog.getByTestId('ssh-settings-save').click();
    await expect.poll(() => node3.getAttribute('data-state'), { timeout: 15_000 }).toBe('up');
    expect(passwordLogins()).toBeGreaterThan(before);
    // Neither in the page's text nor left in any input (v-model sets the value, not the attribute).
    const shown = await page.evaluate(() =>
      [document.body.innerText, ...[...document.querySelectorAll('input')].map((i) => i.value)].join('\n'),
    );
    expect(shown).not.toContain(PASSWORD);

    // Back to the cluster's key, the node's own password forgotten.
    await node3.getByTestId('node-ssh-settings').click();
    await expect(dialog.getByTestId('ssh-password').inputValue()).resolves.toBe('');
    // The box says a password of its own is saved, never what it is.
    const placeholder = (): Promise<string | null> => dialog.getByTestId('ssh-password').getAttribute('placeholder');
    await expect.poll(placeholder).toBe('its own is saved (empty keeps it)');
    await page.screenshot({ path: join(ARTIFACTS, 'node-ssh-settings-saved.png') });
    await dialog.getByLabel('Identity file', { exact: true }).fill('');
    await dialog.getByTestId('ssh-agent-choice').selectOption('inherit');
    await dialog.getByTestId('forget-secrets').check();
    await dialog.getByTestId('ssh-settings-save').click();
    await expect.poll(() => node3.getAttribute('data-state'), { timeout: 15_000 }).toBe('up');

    // The password is really gone: with the wrong key again, nothing gets the node in.
    await node3.getByTestId('node-ssh-settings').click();
    await expect.poll(placeholder).toBe('none saved');
    await dialog.getByLabel('Identity file', { exact: true }).fill(wrong);
    await dialog.getByTestId('ssh-agent-choice').selectOption('off');
    await dialog.getByTestId('ssh-settings-save').click();
    await expect.poll(() => node3.getAttribute('data-state'), { timeout: 10_000 }).toBe('auth-failed');
    await expect.poll(() => node3.getByTestId('node-reason').textContent()).toContain(`tried key ${wrong}`);
    expect(await node3.getByTestId('node-reason').textContent()).not.toContain('password');
    await node3.getByTestId('node-ssh-settings').click();
    await dialog.getByLabel('Identity file', { exact: true }).fill('');
    await dialog.getByTestId('ssh-agent-choice').selectOption('inherit');
    await dialog.getByTestId('ssh-settings-save').click();
    await expect.poll(() => node3.getAttribute('data-state'), { timeout: 15_000 }).toBe('up');
  });

  it('forgets a node and adds it back, with live figures again', async () => {
    const node4 = page.locator(`[data-testid="node-card"][data-node-id="n4"]`);
    await node4.getByTestId('node-forget').click();
    await page.getByTestId('node-forget-dialog-confirm').click();
    await expect.poll(() => cards().count(), { timeout: 10_000 }).toBe(NODES - 1);
    await page.getByTestId('add-nodes').click();
    const dialog = page.getByTestId('add-nodes-dialog');
    await dialog.getByLabel('Hosts', { exact: true }).fill(`10.210.30.${10 + NODES}`);
    await dialog.getByTestId('add-nodes-submit').click();
    // Its host key was accepted before: no question this time.
    const back = page.locator('[data-testid="node-card"][data-state="up"]').filter({ hasText: `node${NODES}` });
    await expect.poll(() => back.count(), { timeout: 15_000 }).toBe(1);
    await expect
      .poll(async () => /^\d+\.\d{2}$/.test(((await back.getByTestId('node-load-1').textContent()) ?? '').trim()), {
        timeout: 15_000,
      })
      .toBe(true);
    expect(await page.getByTestId('hostkey-prompt').count()).toBe(0);
    await page.screenshot({ path: join(ARTIFACTS, 'node-added-back.png') });
  });

  it('trusts a reinstalled node anew only when asked: Forget old key…, then its new fingerprint', async () => {
    const fresh = await cluster.rekey(2);
    await cluster.restart(2);
    const node2 = page.locator(`[data-testid="node-card"][data-node-id="n2"]`);
    await expect.poll(() => node2.getAttribute('data-state'), { timeout: 30_000 }).toBe('hostkey-changed');
    expect(await node2.getByTestId('node-reason').textContent()).toContain('REMOTE HOST IDENTIFICATION HAS CHANGED');
    await page.screenshot({ path: join(ARTIFACTS, 'node-hostkey-changed.png') });
    await node2.getByTestId('node-forget-hostkey').click();
    await page.getByTestId('forget-hostkey-dialog-confirm').waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'forget-hostkey-dialog.png') });
    await page.getByTestId('forget-hostkey-dialog-confirm').click();
    await expect
      .poll(async () => (await page.getByTestId('hostkey-fingerprint').allTextContents()).map((t) => t.trim()), {
        timeout: 10_000,
      })
      .toEqual([fresh.hostKeyFingerprint]);
    await page.screenshot({ path: join(ARTIFACTS, 'host-key-renewed.png') });
    await page.getByTestId('hostkey-dialog').getByRole('button', { name: 'Accept', exact: true }).click();
    await expect.poll(() => node2.getAttribute('data-state'), { timeout: 15_000 }).toBe('up');
  });
});
