/**
 * The process view's click-to-seen for a freeze (issue 10, item 7): a test cluster of 2 nodes
 * (bench34, subnet 34) added in the app in Debian's Chromium, sleepers on node 2, and from the
 * click on Freeze in a row's context menu to the first animation frame whose FRZ cell reads `M`,
 * timed in the page; Continue between repetitions, timed the same way.
 */
import type { Page } from 'playwright-core';
import type { HubEvents, TaskRecord } from '../../electron/api';
import { startTestCluster, type TestCluster } from '../cluster/testCluster';
import { type AppInBrowser, openAppInBrowser } from '../support/appInBrowser';
import { sleep } from './support/format';

export interface FreezeSeenResult {
  repetitions: number;
  /** Click on Freeze → first frame whose row reads FRZ `M`, ms, one per repetition that got there. */
  seenMs: number[];
  /** Click on Continue → FRZ `-` again, ms. */
  continuedMs: number[];
  /**
   * Where a freeze's time goes: click → the hub's `task.changed` saying done, and click → the
   * first `procs.batch` whose row has FRZ `M`, as the page's socket received them, ms.
   */
  taskDoneMs: number[];
  batchMs: number[];
  problem?: string;
}

const FREEZE_TEST_CLUSTER = { name: 'bench34', nodes: 2, subnet: 34 } as const;
const FRZ_SELECTOR = (nodeId: string, pid: number): string =>
  `[data-testid="process-table"] [role="row"][data-node-id="${nodeId}"][data-pid="${pid}"] [data-column="frz"]`;

/** Polls `check` every 100 ms until it holds, or throws `what` after `ms`. */
async function until(what: string, ms: number, check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what} within ${ms / 1000} s`);
    await sleep(100);
  }
}

/** Adds the test cluster through the Add cluster dialog, as a user does (clusterInApp.ts, without vitest). */
async function addCluster(page: Page, cluster: TestCluster, name: string): Promise<void> {
  await page.getByRole('button', { name: 'Add cluster…' }).click();
  const dialog = page.getByTestId('add-cluster-dialog');
  await dialog.getByLabel('Name', { exact: true }).fill(name);
  await dialog.getByLabel('Hosts', { exact: true }).fill(cluster.nodes.map((n) => n.address).join(' '));
  await dialog.getByLabel('User', { exact: true }).fill('root');
  await dialog.getByLabel('Identity file', { exact: true }).fill(cluster.keyPath);
  await dialog.getByRole('button', { name: 'Add', exact: true }).click();
  await until('the add dialog did not close', 10_000, async () => !(await dialog.isVisible()));
  await until(
    'the host keys were not all asked about',
    15_000,
    async () => (await page.getByTestId('hostkey-prompt').count()) === cluster.nodes.length,
  );
  await page.getByRole('button', { name: 'Accept all' }).click();
  const up = page.locator(
    `[data-testid="sidebar-cluster"]:has-text("${name}") [data-testid="sidebar-node"][data-state="up"]`,
  );
  await until('the nodes were not all up', 30_000, async () => (await up.count()) === cluster.nodes.length);
}

/**
 * In the page: from the click on `action`'s menu item (its event's time) to the first animation
 * frame whose FRZ cell reads `want`. Resolves with the ms, or -1 after `timeoutMs`.
 */
const CLICK_TO_SEEN = `([action, selector, want, timeoutMs]) => new Promise((resolve) => {
  let clickedAt = 0;
  const item = '[data-testid="process-menu"] [data-action="' + action + '"]';
  const onClick = (e) => { if (e.target instanceof Element && e.target.closest(item)) clickedAt = e.timeStamp; };
  document.addEventListener('click', onClick, true);
  const started = performance.now();
  const frame = () => {
    const cell = document.querySelector(selector);
    const clickEpoch = performance.timeOrigin + clickedAt;
    if (clickedAt && cell && cell.textContent.trim() === want) {
      document.removeEventListener('click', onClick, true);
      return resolve({ ms: performance.now() - clickedAt, clickEpoch });
    }
    if (performance.now() - started > timeoutMs) {
      document.removeEventListener('click', onClick, true);
      return resolve({ ms: -1, clickEpoch });
    }
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
})`;

/** What the page's hub socket brought for one watched process: when (epoch ms) its task was done and FRZ M first came. */
interface Watch {
  pid: number;
  taskDoneAt: number;
  frozenBatchAt: number;
}

/** Watches the page's hub socket for the watched process's `task.changed` (done) and `procs.batch` with FRZ M. */
function watchSocket(page: Page, watch: Watch): void {
  page.on('websocket', (ws) =>
    ws.on('framereceived', ({ payload }) => {
      if (typeof payload !== 'string') return;
      const at = Date.now();
      if (payload.startsWith('{"event":"task.changed"') && !watch.taskDoneAt) {
        const { task } = (JSON.parse(payload) as { payload: { task: TaskRecord } }).payload;
        if ('pid' in task.target && task.target.pid === watch.pid && task.state === 'done') watch.taskDoneAt = at;
      } else if (
        payload.startsWith('{"event":"procs.batch"') &&
        !watch.frozenBatchAt &&
        payload.includes('"frz":"M"')
      ) {
        const batch = (JSON.parse(payload) as { payload: HubEvents['procs.batch'] }).payload;
        const frozen = batch.nodes.some((n) => n.upserted.some((r) => r.pid === watch.pid && r.frz === 'M'));
        if (frozen) watch.frozenBatchAt = at;
      }
    }),
  );
}

async function timedAction(
  page: Page,
  nodeId: string,
  pid: number,
  action: string,
  want: string,
): Promise<{ ms: number; clickEpoch: number }> {
  const row = page.locator(`[data-testid="process-table"] [role="row"][data-node-id="${nodeId}"][data-pid="${pid}"]`);
  const seen = page.evaluate(
    `(${CLICK_TO_SEEN})(${JSON.stringify([action, FRZ_SELECTOR(nodeId, pid), want, 15_000])})`,
  );
  await row.click({ button: 'right' });
  await page.locator(`[data-testid="process-menu"] [data-action="${action}"]`).click();
  return (await seen) as { ms: number; clickEpoch: number };
}

export async function benchFreezeSeen(repetitions: number): Promise<FreezeSeenResult> {
  let cluster: TestCluster | undefined;
  let opened: AppInBrowser | undefined;
  const seenMs: number[] = [];
  const continuedMs: number[] = [];
  const taskDoneMs: number[] = [];
  const batchMs: number[] = [];
  const watch: Watch = { pid: 0, taskDoneAt: 0, frozenBatchAt: 0 };
  const problems: string[] = [];
  try {
    cluster = await startTestCluster({ ...FREEZE_TEST_CLUSTER });
    opened = await openAppInBrowser({});
    const { page } = opened;
    // The page's hub socket is open already: reloaded, it opens one the watch sees.
    watchSocket(page, watch);
    await page.reload();
    await addCluster(page, cluster, 'Bench34');
    const node2 = page.locator(
      `[data-testid="sidebar-node"]:has([data-testid="sidebar-node-link"]:text-is("${cluster.node(2).hostname}"))`,
    );
    const nodeId = (await node2.getAttribute('data-node-id')) as string;
    // A few sleepers on node 2, frozen and continued in turn.
    const pids: number[] = [];
    for (let i = 1; i <= 4; i++) {
      const out = await cluster.run(2, ['sh', '-c', `(exec sleep 3400${i}) >/dev/null 2>&1 </dev/null & echo $!`]);
      pids.push(Number(out.stdout.trim()));
    }
    await page.getByTestId('tab-processes').click();
    await page.getByTestId('process-search').fill('sleep 3400');
    for (const pid of pids)
      await until(
        `process ${pid} was not in the table`,
        15_000,
        async () => (await page.locator(FRZ_SELECTOR(nodeId, pid)).count()) === 1,
      );
    for (let i = 0; i < repetitions; i++) {
      const pid = pids[i % pids.length] as number;
      // At a random phase of the 1 s ticks: right after the last change was seen, a click would
      // always land just after a tick, and always wait the longest for the next one.
      await sleep(500 + Math.random() * 1000);
      Object.assign(watch, { pid, taskDoneAt: 0, frozenBatchAt: 0 });
      const frozen = await timedAction(page, nodeId, pid, 'freeze', 'M');
      if (frozen.ms < 0) problems.push(`repetition ${i + 1}: FRZ of ${pid} did not read M within 15 s`);
      else seenMs.push(frozen.ms);
      // The task may end after the row shows it frozen: it is awaited before Continue.
      await until(`the freeze of ${pid} was not done`, 15_000, async () => watch.taskDoneAt > 0).catch((err: Error) =>
        problems.push(`repetition ${i + 1}: ${err.message}`),
      );
      if (watch.taskDoneAt) taskDoneMs.push(watch.taskDoneAt - frozen.clickEpoch);
      if (watch.frozenBatchAt) batchMs.push(watch.frozenBatchAt - frozen.clickEpoch);
      watch.pid = 0;
      await sleep(500 + Math.random() * 1000);
      const continued = await timedAction(page, nodeId, pid, 'continue', '-');
      if (continued.ms < 0) problems.push(`repetition ${i + 1}: FRZ of ${pid} did not read - within 15 s`);
      else continuedMs.push(continued.ms);
    }
    const leftProblems = opened.problems();
    if (leftProblems.length > 0) problems.push(`the page had problems: ${leftProblems.slice(0, 3).join('; ')}`);
  } catch (err) {
    problems.push(err instanceof Error ? err.message : String(err));
  } finally {
    await opened?.close().catch(() => undefined);
    await cluster?.down().catch((err: unknown) => problems.push(`cluster down: ${String(err)}`));
  }
  return {
    repetitions,
    seenMs,
    continuedMs,
    taskDoneMs,
    batchMs,
    ...(problems.length > 0 && { problem: problems.slice(0, 4).join('; ') }),
  };
}
