/**
 * The whole path as a user takes it, in Debian's Chromium: add the test cluster through the
 * dialog, check and accept the host keys, and see every node live in the cluster's monitor and on
 * its own page; then pull one node's cable, change a node's SSH settings, forget one, rekey one.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { passwordHash, startTestCluster, type TestCluster } from '../cluster/testCluster';
import { type AppInBrowser, ARTIFACTS, openAppInBrowser } from '../support/appInBrowser';
import { type MonitorRow, monitorRows, monitorTitle } from './support/monitorRows';
import * as proc from './support/nodeFigures';

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

let clusterId: string;

/** This cluster's entry in the sidebar, its nodes listed (it is the one on screen). */
const sidebar = () => page.locator(`[data-testid="sidebar-cluster"][data-cluster-id="${clusterId}"]`);
const sidebarNodes = () => sidebar().getByTestId('sidebar-node');
const sidebarNode = (id: string) => sidebar().locator(`[data-testid="sidebar-node"][data-node-id="${id}"]`);
const stateOf = (id: string): Promise<string | null> => sidebarNode(id).getAttribute('data-state');
const rows = () => monitorRows(page, clusterId);
/** The monitor's row of node `id`, or undefined while it has none. */
const rowOf = async (id: string): Promise<MonitorRow | undefined> =>
  [...(await rows()).values()].find((r) => r.nodeId === id);
/** The load bar's figures in words, as the table says them: "load 0.03 (0.03 per CPU, 1 CPU)". */
const LOAD_TEXT = /^load \d+\.\d{2} \(\d+\.\d{2} per CPU, \d+ CPUs?\)$/;
const hasLoad = (row: MonitorRow | undefined): boolean =>
  row?.kind === 'value' && Number.isFinite(row.raw[0]) && row.raw[0]! >= 0 && LOAD_TEXT.test(row.text);

/** Presses `key` until the monitor's title is `title` (a display resumes its last sub-view, as mmon). */
async function show(key: string, title: RegExp): Promise<void> {
  for (let i = 0; i < 5 && !title.test(await monitorTitle(page, clusterId)); i++) await page.keyboard.press(key);
  expect(await monitorTitle(page, clusterId)).toMatch(title);
}

async function openMonitor(): Promise<void> {
  await sidebar().getByTestId('select-cluster').click();
  await expect.poll(() => page.url()).toMatch(/#\/c\/[^/]+\/monitor$/);
  await page.getByTestId('monitor').waitFor();
}

/** Opens node `id`'s page from its row in the sidebar, as a user does. */
async function openNode(id: string): Promise<void> {
  await sidebarNode(id).getByTestId('sidebar-node-link').click();
  await expect.poll(() => page.url()).toContain(`/n/${id}`);
  await expect.poll(() => page.getByTestId('node-page').getAttribute('data-node-id')).toBe(id);
}

/** The node page's state: its header's. */
const pageState = (): Promise<string | null> => page.getByTestId('node-page-header').getAttribute('data-state');
const pageReason = (): Promise<string | null> => page.getByTestId('node-reason').textContent();

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
    // The new cluster's monitor opens.
    await expect.poll(() => page.url(), { timeout: 10_000 }).toMatch(/#\/c\/[^/]+\/monitor$/);
    clusterId = decodeURIComponent(/#\/c\/([^/]+)\/monitor$/.exec(page.url())![1]!);
    expect(await sidebar().getByTestId('select-cluster').textContent()).toContain('Test cluster');
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
      .poll(() => sidebar().locator('[data-testid="sidebar-node"][data-state="up"]').count(), { timeout: 20_000 })
      .toBe(NODES);
    const names = await sidebar().getByTestId('sidebar-node-link').allTextContents();
    expect(names.map((n) => n.trim()).sort()).toEqual(cluster.nodes.map((n) => n.hostname).sort());
    expect(await page.getByTestId('cluster-up-count').textContent()).toBe(`${NODES}/${NODES} up`);
    // A load bar per node in the monitor, each with its figures.
    await show('l', /^Load per CPU$/);
    await expect.poll(async () => [...(await rows()).values()].filter(hasLoad).length, { timeout: 15_000 }).toBe(NODES);
    expect((await rows()).size).toBe(NODES);
    await page.screenshot({ path: join(ARTIFACTS, 'ssh-cluster.png') });
    // Each node's own: the load is the node's /proc/loadavg over its CPUs, and its page names it.
    for (let k = 1; k <= NODES; k++) {
      const { load, cpus } = await proc.loadAndCpus(cluster, k);
      await expect
        .poll(async () => Math.abs((await rowOf(`n${k}`))!.raw[0]! - load / cpus), { timeout: 8000 })
        .toBeLessThan(0.2);
    }
    for (let k = 1; k <= NODES; k++) {
      await openNode(`n${k}`);
      await expect.poll(() => page.getByTestId('node-page-name').textContent()).toBe(cluster.node(k).hostname);
      expect(await page.getByTestId('node-addresses').textContent()).toContain(cluster.node(k).address);
      expect(await pageState()).toBe('up');
      await expect
        .poll(() => page.locator('[data-testid="node-status-list"] [data-field="load"] dd').textContent(), {
          timeout: 10_000,
        })
        .toMatch(/^\d+\.\d{2} \(\d+\.\d{2} per CPU\)$/);
    }
    await page.screenshot({ path: join(ARTIFACTS, 'ssh-node-page.png') });
    await openMonitor();
  });

  it('shows a node dead within 5 s of its link going down, and live again after', async () => {
    await cluster.linkDown(2);
    const cut = Date.now();
    await expect.poll(() => stateOf('n2'), { timeout: 8000, interval: 100 }).toBe('dead');
    expect(Date.now() - cut).toBeLessThan(5000);
    await expect.poll(async () => (await rowOf('n2'))?.kind, { timeout: 5000, interval: 100 }).toBe('dead');
    expect(Date.now() - cut).toBeLessThan(5000);
    const reason = /stopped answering|no answer from the agent/;
    expect((await rowOf('n2'))!.text).toMatch(reason);
    await expect.poll(() => page.getByTestId('dead-nodes').innerText()).toMatch(reason);
    await page.screenshot({ path: join(ARTIFACTS, 'monitor-node-dead.png') });
    await openNode('n2');
    expect(await pageState()).toBe('dead');
    await expect.poll(pageReason).toMatch(reason);
    await page.screenshot({ path: join(ARTIFACTS, 'node-dead.png') });
    await cluster.linkUp(2);
    await expect.poll(pageState, { timeout: 20_000 }).toBe('up');
    expect(await stateOf('n2')).toBe('up');
    expect(await sidebarNodes().count()).toBe(NODES);
    await openMonitor();
    await expect.poll(async () => hasLoad(await rowOf('n2')), { timeout: 15_000 }).toBe(true);
    expect((await rows()).size).toBe(NODES);
  });

  it("changes one node's SSH settings: a wrong key fails with the reason, a password gets it in, the key again brings it back with the password forgotten", async () => {
    const wrong = join(home, 'wrong_key');
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', wrong]);
    await openNode('n3');
    const dialog = page.getByTestId('ssh-settings-dialog');
    const settings = page.getByTestId('node-ssh-settings');
    await settings.click();
    await dialog.getByLabel('Identity file', { exact: true }).fill(wrong);
    await dialog.getByTestId('ssh-agent-choice').selectOption('off');
    await dialog.getByTestId('ssh-settings-save').click();
    await expect.poll(pageState, { timeout: 10_000 }).toBe('auth-failed');
    await expect.poll(pageReason).toContain(`tried key ${wrong}`);
    expect(await stateOf('n3')).toBe('auth-failed');
    await expect.poll(() => page.getByTestId('node-own-settings').textContent()).toContain(`key ${wrong}`);
    await page.screenshot({ path: join(ARTIFACTS, 'node-auth-failed.png') });

    // The password, typed into the node's settings, gets it in after the wrong key.
    const passwordLogins = (): number => cluster.sshdLog(3).split('Accepted password for root').length - 1;
    const before = passwordLogins();
    await settings.click();
    await dialog.getByTestId('ssh-password').fill(PASSWORD);
    await page.screenshot({ path: join(ARTIFACTS, 'node-ssh-settings.png') });
    await dialog.getByTestId('ssh-settings-save').click();
    await expect.poll(pageState, { timeout: 15_000 }).toBe('up');
    expect(passwordLogins()).toBeGreaterThan(before);
    // Neither in the page's text nor left in any input (v-model sets the value, not the attribute).
    const shown = await page.evaluate(() =>
      [document.body.innerText, ...[...document.querySelectorAll('input')].map((i) => i.value)].join('\n'),
    );
    expect(shown).not.toContain(PASSWORD);

    // Back to the cluster's key, the node's own password forgotten.
    await settings.click();
    await expect(dialog.getByTestId('ssh-password').inputValue()).resolves.toBe('');
    // The box says a password of its own is saved, never what it is.
    const placeholder = (): Promise<string | null> => dialog.getByTestId('ssh-password').getAttribute('placeholder');
    await expect.poll(placeholder).toBe('its own is saved (empty keeps it)');
    await page.screenshot({ path: join(ARTIFACTS, 'node-ssh-settings-saved.png') });
    await dialog.getByLabel('Identity file', { exact: true }).fill('');
    await dialog.getByTestId('ssh-agent-choice').selectOption('inherit');
    await dialog.getByTestId('forget-secrets').check();
    await dialog.getByTestId('ssh-settings-save').click();
    await expect.poll(pageState, { timeout: 15_000 }).toBe('up');

    // The password is really gone: with the wrong key again, nothing gets the node in.
    await settings.click();
    await expect.poll(placeholder).toBe('none saved');
    await dialog.getByLabel('Identity file', { exact: true }).fill(wrong);
    await dialog.getByTestId('ssh-agent-choice').selectOption('off');
    await dialog.getByTestId('ssh-settings-save').click();
    await expect.poll(pageState, { timeout: 10_000 }).toBe('auth-failed');
    await expect.poll(pageReason).toContain(`tried key ${wrong}`);
    expect(await pageReason()).not.toContain('password');
    await settings.click();
    await dialog.getByLabel('Identity file', { exact: true }).fill('');
    await dialog.getByTestId('ssh-agent-choice').selectOption('inherit');
    await dialog.getByTestId('ssh-settings-save').click();
    await expect.poll(pageState, { timeout: 15_000 }).toBe('up');
    expect(await stateOf('n3')).toBe('up');
  });

  it('forgets a node and adds it back, with live figures again', async () => {
    await openNode('n4');
    await page.getByTestId('node-forget').click();
    await page.getByTestId('node-forget-dialog-confirm').click();
    await expect.poll(() => sidebarNodes().count(), { timeout: 10_000 }).toBe(NODES - 1);
    expect(await sidebarNode('n4').count()).toBe(0);
    expect(await page.getByTestId('cluster-up-count').textContent()).toBe(`${NODES - 1}/${NODES - 1} up`);
    await openMonitor();
    expect((await rows()).size).toBe(NODES - 1);
    expect(await rowOf('n4')).toBeUndefined();
    await page.getByTestId('add-nodes').click();
    const dialog = page.getByTestId('add-nodes-dialog');
    await dialog.getByLabel('Hosts', { exact: true }).fill(`10.210.30.${10 + NODES}`);
    await dialog.getByTestId('add-nodes-submit').click();
    // Its host key was accepted before: no question this time.
    const back = sidebar()
      .locator('[data-testid="sidebar-node"][data-state="up"]')
      .filter({ has: page.getByTestId('sidebar-node-link').getByText(cluster.node(NODES).hostname, { exact: true }) });
    await expect.poll(() => back.count(), { timeout: 15_000 }).toBe(1);
    const backId = (await back.getAttribute('data-node-id'))!;
    await expect.poll(async () => hasLoad(await rowOf(backId)), { timeout: 15_000 }).toBe(true);
    expect((await rows()).size).toBe(NODES);
    expect(await page.getByTestId('hostkey-prompt').count()).toBe(0);
    await page.screenshot({ path: join(ARTIFACTS, 'node-added-back.png') });
  });

  it('trusts a reinstalled node anew only when asked: Forget old key…, then its new fingerprint', async () => {
    const fresh = await cluster.rekey(2);
    await cluster.restart(2);
    await expect.poll(() => stateOf('n2'), { timeout: 30_000 }).toBe('hostkey-changed');
    await openNode('n2');
    expect(await pageState()).toBe('hostkey-changed');
    expect(await pageReason()).toContain('REMOTE HOST IDENTIFICATION HAS CHANGED');
    await page.screenshot({ path: join(ARTIFACTS, 'node-hostkey-changed.png') });
    await page.getByTestId('node-forget-hostkey').click();
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
    await expect.poll(pageState, { timeout: 15_000 }).toBe('up');
    expect(await stateOf('n2')).toBe('up');
    expect(await page.getByTestId('node-forget-hostkey').count()).toBe(0);
  });
});
