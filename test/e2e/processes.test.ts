/**
 * The process view as an admin uses it, in Debian's Chromium, on four test nodes: processes
 * started on given nodes, sort, filter, search and tree, freeze and continue from the context
 * menu as the node's /proc sees it, a whole Job ID killed over two nodes after a confirmation,
 * drags that are refused with the reason, and a freeze lost with its link that is not resent.
 */
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCluster, type TestCluster } from '../cluster/testCluster';
import { type AppInBrowser, openAppInBrowser } from '../support/appInBrowser';
import { addClusterInApp } from '../support/clusterInApp';
import { processViewPage } from './support/processView';
import { runJobOnNode } from './support/jobOnNode';

let cluster: TestCluster;
let opened: AppInBrowser;
let page: Page;
const nodeIds = new Map<number, string>();
const { shot, rowOf, cell, taskRows, openDrawer, dragOnto } = processViewPage(() => page, nodeIds);

beforeAll(async () => {
  cluster = await startTestCluster({ name: 'e2e32', nodes: 4, subnet: 32 });
  opened = await openAppInBrowser({});
  ({ page } = opened);
}, 180_000);

afterAll(async () => {
  if (process.env.DEBUG_HUB) console.log(opened?.app.stderr());
  await opened?.close();
  await cluster?.down();
});

/** Starts `script` in the background in node k; its pid there. */
async function startIn(k: number, script: string): Promise<number> {
  const out = await cluster.run(k, ['sh', '-c', `(${script}) >/dev/null 2>&1 </dev/null & echo $!`]);
  return Number(out.stdout.trim());
}
/** The kernel's state letter of pid in node k, or null when it is gone. */
async function procState(k: number, pid: number): Promise<string | null> {
  const out = await cluster.run(k, ['cat', `/proc/${pid}/stat`]);
  return out.code === 0
    ? out.stdout.slice(out.stdout.lastIndexOf(')') + 2, out.stdout.lastIndexOf(')') + 3) || null
    : null;
}
async function menuOn(row: Locator, action: string): Promise<void> {
  await row.click({ button: 'right' });
  await page.locator(`[data-testid="process-menu"] [data-action="${action}"]`).click();
}

describe('the process view of a test cluster', () => {
  it('opens from the Processes tab with every node’s processes', async () => {
    await addClusterInApp(page, cluster, 'Lab');
    for (const n of cluster.nodes) {
      const li = page.locator(
        `[data-testid="sidebar-node"]:has([data-testid="sidebar-node-link"]:text-is("${n.hostname}"))`,
      );
      await expect.poll(() => li.count(), { timeout: 15_000 }).toBe(1);
      nodeIds.set(n.index, (await li.getAttribute('data-node-id'))!);
    }
    await page.getByTestId('tab-processes').click();
    await expect.poll(() => page.url()).toMatch(/\/processes$/);
    // The table draws only the rows in view: narrow it to each node's agent.
    await page.getByTestId('process-search').fill('mosdesk-agent');
    for (const k of [1, 2, 3, 4])
      await expect
        .poll(() => page.locator(`[role="row"][data-node-id="${nodeIds.get(k)}"]`).count(), { timeout: 15_000 })
        .toBeGreaterThan(0);
    await page.getByTestId('process-search').fill('');
  }, 90_000);

  it('shows processes started on given nodes on the right node, with the right columns', async () => {
    const a = await startIn(2, 'exec sleep 1001');
    const b = await startIn(3, 'exec sleep 1002');
    await page.getByTestId('process-search').fill('sleep 100');
    await expect.poll(() => rowOf(2, a).count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => rowOf(3, b).count(), { timeout: 10_000 }).toBe(1);
    const row = rowOf(2, a);
    expect(await cell(row, 'node')).toBe('node2');
    expect(await cell(row, 'user')).toBe('root');
    expect(await cell(row, 'stat')).toBe('S');
    expect(await cell(row, 'command')).toBe('sleep 1001');
    expect(await cell(row, 'frz')).toBe('-');
    expect(await cell(row, 'class')).toBe('native');
    await page.getByTestId('process-search').fill('');
    await shot('processes');
  });

  it('searches, filters by node, sorts and shows the tree', async () => {
    await page.locator('body').click({ position: { x: 5, y: 5 } }); // out of the search box: '/' goes to the view
    await page.keyboard.press('/');
    await page.keyboard.type('sleep 100');
    const rows = page.locator('[data-testid="process-table"] [role="row"][data-key]');
    await expect.poll(() => rows.count()).toBe(2);
    await page.getByTestId('process-add-filter').selectOption({ label: 'Node: node2' });
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().getAttribute('data-node-id')).toBe(nodeIds.get(2));
    await page.locator('[data-testid="process-chip"] button').click();
    await page.getByTestId('process-search').fill('');
    await page.locator('[role="columnheader"][data-column="pid"]').click();
    const pids = (await rows.evaluateAll((trs) => trs.map((tr) => Number(tr.getAttribute('data-pid'))))).slice(0, 30);
    expect(pids).toEqual([...pids].sort((x, y) => y - x));
    // A parent and its child: the child comes right under it, one level in.
    const parent = await startIn(1, 'exec sh -c "sleep 1003; true"');
    await expect.poll(() => rowOf(1, parent).count(), { timeout: 10_000 }).toBe(1);
    await page.getByTestId('process-search').fill('1003');
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('t');
    await expect.poll(() => rows.count()).toBe(2);
    const tree = await rows.evaluateAll((trs) =>
      trs.map((tr) => [tr.getAttribute('data-pid'), tr.getAttribute('data-depth')]),
    );
    expect(tree[0]).toEqual([String(parent), '0']);
    expect(tree[1]![1]).toBe('1');
    await page.keyboard.press('t');
    await page.getByTestId('process-search').fill('');
  });
});

describe('job control from the table', () => {
  it('freezes a process from the context menu: FRZ M, stopped in /proc, the task done; then continues it', async () => {
    const pid = await startIn(2, 'exec sleep 1010');
    await page.getByTestId('process-search').fill('sleep 1010');
    const row = rowOf(2, pid);
    await expect.poll(() => row.count(), { timeout: 10_000 }).toBe(1);
    await menuOn(row, 'freeze');
    await expect.poll(() => cell(row, 'frz'), { timeout: 10_000 }).toBe('M');
    expect(await procState(2, pid)).toBe('T');
    await openDrawer();
    const task = taskRows().filter({ hasText: `freeze ${pid} on node2` });
    await expect.poll(() => task.first().getAttribute('data-state'), { timeout: 10_000 }).toBe('done');
    await shot('tasks-drawer');
    await menuOn(row, 'continue');
    await expect.poll(() => cell(row, 'frz'), { timeout: 10_000 }).toBe('-');
    expect(await procState(2, pid)).not.toBe('T');
    await expect
      .poll(() =>
        taskRows()
          .filter({ hasText: `continue ${pid} on node2` })
          .first()
          .getAttribute('data-state'),
      )
      .toBe('done');
  });

  it('kills every process of a Job ID on two nodes after a confirmation that counts them', async () => {
    const a = await runJobOnNode(cluster, 1, 42, ['sleep', '1100']);
    await runJobOnNode(cluster, 4, 42, ['sleep', '1101']);
    const members = page.locator('[data-testid="process-table"] [role="row"]:has([data-column="jobid"]:text-is("42"))');
    await page.getByTestId('process-search').fill('sleep 110');
    // Each node's rows come in its own batch: wait until both nodes have shown theirs.
    const nodesShown = async () =>
      new Set(await members.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-node-id')))).size;
    await expect.poll(nodesShown, { timeout: 10_000 }).toBe(2);
    const count = await members.count();
    await menuOn(rowOf(1, a), 'job-signal-KILL');
    const dialog = page.getByTestId('process-confirm');
    await expect
      .poll(() => dialog.locator('h2').innerText())
      .toBe(`Send SIGKILL: ${count} processes on 2 nodes (every process of Job ID 42 of root)?`);
    await shot('process-confirm-job');
    await page.getByTestId('process-confirm-confirm').click();
    await expect.poll(() => members.count(), { timeout: 15_000 }).toBe(0);
    for (const k of [1, 4]) expect((await cluster.run(k, ['pgrep', '-f', 'sleep 110'])).stdout.trim()).toBe('');
    await page.getByTestId('process-search').fill('');
  });
});

describe('dragging a process onto a node', () => {
  it('onto another plain Linux node: the target says why, and no task starts', async () => {
    const pid = await startIn(2, 'exec sleep 1020');
    await page.getByTestId('process-search').fill('sleep 1020');
    const row = rowOf(2, pid);
    await expect.poll(() => row.count(), { timeout: 10_000 }).toBe(1);
    const before = await taskRows().count();
    const seen = await dragOnto(row, 3, 'process-drag');
    expect(seen.verdict).toBe('refused');
    expect(seen.text).toMatch(/Plain Linux cannot/i);
    await expect.poll(() => page.getByTestId('action-note').innerText()).toContain('Not moved to node3');
    expect(await taskRows().count()).toBe(before);
  });

  it('onto a dead node: the target says it is not reachable', async () => {
    const pid = await startIn(2, 'exec sleep 1021');
    await page.getByTestId('process-search').fill('sleep 1021');
    const row = rowOf(2, pid);
    await expect.poll(() => row.count(), { timeout: 10_000 }).toBe(1);
    await cluster.linkDown(4);
    try {
      const dead = page.locator(`[data-testid="sidebar-node"][data-node-id="${nodeIds.get(4)}"]`);
      await expect.poll(() => dead.getAttribute('data-state'), { timeout: 8000 }).toBe('dead');
      const seen = await dragOnto(row, 4);
      expect(seen.verdict).toBe('refused');
      expect(seen.text).toContain('not reachable');
    } finally {
      await cluster.linkUp(4);
    }
  });
});

describe('a freeze sent while its node’s link is down', () => {
  it('ends failed, and is not sent again when the link comes back', async () => {
    const pid = await startIn(3, 'exec sleep 1030');
    await page.getByTestId('process-search').fill('sleep 1030');
    const row = rowOf(3, pid);
    await expect.poll(() => row.count(), { timeout: 10_000 }).toBe(1);
    await row.click({ button: 'right' });
    await cluster.linkDown(3);
    try {
      await page.locator('[data-testid="process-menu"] [data-action="freeze"]').click();
      await openDrawer();
      const task = taskRows()
        .filter({ hasText: `freeze ${pid} on node3` })
        .first();
      await expect.poll(() => task.getAttribute('data-state'), { timeout: 30_000 }).toBe('failed');
    } finally {
      await cluster.linkUp(3);
    }
    const back = page.locator(`[data-testid="sidebar-node"][data-node-id="${nodeIds.get(3)}"]`);
    await expect.poll(() => back.getAttribute('data-state'), { timeout: 30_000 }).toBe('up');
    await page.waitForTimeout(3000);
    expect(await procState(3, pid)).toBe('S');
    expect(
      await taskRows()
        .filter({ hasText: `freeze ${pid} on node3` })
        .first()
        .getAttribute('data-state'),
    ).toBe('failed');
  }, 90_000);
});
