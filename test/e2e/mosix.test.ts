/**
 * The mosix engine as an admin meets it, in Debian's Chromium, on a mixed test cluster: nodes 1
 * and 2 run the MOSIX stand-in, 3 and 4 plain Linux. MOSIX processes in the process view with
 * their WHERE / FROM / FRZ, a testload dragged onto the other MOSIX node that really moves (and
 * one the stand-in declines), and the queue view: list, reorder by drag, re-prioritise, release,
 * delete; "This computer" has no queue and says why. Subnet 38.
 */
import { describe, expect, it } from 'vitest';
import { addClusterInApp } from '../support/clusterInApp';
import { useAppOnCluster } from './support/appOnCluster';
import { processViewPage } from './support/processView';

const on = useAppOnCluster({ name: 'e2e38', nodes: 4, subnet: 38, mosix: { nodes: [1, 2] } });
const nodeIds = new Map<number, string>();
const { shot, rowOf, cell, taskRows, openDrawer, dragOnto } = processViewPage(on.page, nodeIds);
/** The testload of Job ID 5 on node 1. */
let job5 = 0;

/** Runs `mosrun <args>` on node k in the background; the PID MOSIX knows it by (mosrun execs the program). */
async function mosrunOn(k: number, args: string): Promise<number> {
  const r = await on.cluster().run(k, ['sh', '-c', `mosrun ${args} </dev/null >/dev/null 2>&1 & echo $!`]);
  expect(r.code, r.stderr).toBe(0);
  return Number(r.stdout.trim());
}

async function taskState(text: string, timeout = 45_000): Promise<string | null> {
  await openDrawer();
  const task = taskRows().filter({ hasText: text }).first();
  await expect
    .poll(async () => ((await task.count()) ? await task.getAttribute('data-state') : null), { timeout })
    .toMatch(/done|declined|failed|timed-out/);
  return task.getAttribute('data-state');
}

describe('a mixed cluster of MOSIX and plain Linux nodes', () => {
  it('shows a MOSIX process with its Job ID, WHERE, FROM and FRZ', async () => {
    await addClusterInApp(on.page(), on.cluster(), 'Mixed');
    for (const n of on.cluster().nodes) {
      const li = on
        .page()
        .locator(`[data-testid="sidebar-node"]:has([data-testid="sidebar-node-link"]:text-is("${n.hostname}"))`);
      nodeIds.set(n.index, (await li.getAttribute('data-node-id'))!);
    }
    const pid = (job5 = await mosrunOn(1, '-J5 testload -t 900'));
    await on.page().getByTestId('tab-processes').click();
    // NMIGS and ORIGPID are not shown by default: turned on as an admin does.
    await on.page().getByTestId('process-columns').click();
    for (const id of ['nmigs', 'origpid']) await on.page().locator(`.menu input[data-column="${id}"]`).check();
    await on.page().getByRole('button', { name: 'Done' }).click();
    await on.page().getByTestId('process-search').fill('testload');
    const row = rowOf(1, pid);
    await expect.poll(() => row.count(), { timeout: 15_000 }).toBe(1);
    // mosrun records it, then execs the program under the same PID.
    await expect.poll(() => cell(row, 'command'), { timeout: 15_000 }).toBe('testload -t 900');
    expect(await cell(row, 'where')).toBe('here');
    expect(await cell(row, 'from')).toBe('here');
    expect(await cell(row, 'frz')).toBe('-');
    expect(await cell(row, 'class')).toBe('local');
    expect(await cell(row, 'jobid')).toBe('5');
    expect(await cell(row, 'nmigs')).toBe('0');
  }, 90_000);

  it('moves a dragged testload to the other MOSIX node: done, WHERE updated, the guest there', async () => {
    const pid = job5;
    const row = rowOf(1, pid);
    await dragOnto(row, 2, 'mosix-drag');
    expect(await taskState(`migrate ${pid} on node1`)).toBe('done');
    await expect.poll(() => cell(row, 'where'), { timeout: 10_000 }).not.toBe('here');
    expect(await cell(row, 'nmigs')).toBe('1');
    // The guest: on node 2, from node 1, with the deputy's PID as its ORIGPID.
    const guest = on.page().locator(`[data-testid="process-table"] [role="row"][data-node-id="${nodeIds.get(2)}"]`);
    await on.page().getByTestId('process-search').fill('remote');
    await expect.poll(() => guest.count(), { timeout: 15_000 }).toBeGreaterThan(0);
    expect(await cell(guest.first(), 'from')).not.toBe('here');
    expect(await cell(guest.first(), 'origpid')).toBe(String(pid));
    await shot('mosix-processes');
    await on.page().getByTestId('process-search').fill('testload');
  }, 90_000);

  it('ends a migration the node declines as declined', async () => {
    const pid = await mosrunOn(1, '-J6 testload -t 900');
    const row = rowOf(1, pid);
    await expect.poll(() => row.count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => cell(row, 'command'), { timeout: 15_000 }).toBe('testload -t 900');
    on.cluster().setMosixDecline(true);
    try {
      await dragOnto(row, 2);
      expect(await taskState(`migrate ${pid} on node1`, 60_000)).toBe('declined');
    } finally {
      on.cluster().setMosixDecline(false);
    }
    expect(await cell(row, 'where')).toBe('here');
  }, 90_000);
});

const queueRow = (pid: number) => on.page().locator(`[data-testid="queue-row"][data-pid="${pid}"]`);
const queuePids = async () =>
  (await on
    .page()
    .locator('[data-testid="queue-row"][data-state="waiting"]')
    .evaluateAll((rs) => rs.map((r) => Number(r.getAttribute('data-pid'))))) as number[];
const idle = () => expect.poll(() => on.page().getByTestId('queue-busy').count(), { timeout: 30_000 }).toBe(0);

describe('the queue view', () => {
  const pids: number[] = [];

  it('lists the jobs queued on both MOSIX nodes, each with why it waits', async () => {
    await on.page().getByTestId('tab-queue').click();
    await expect.poll(() => on.page().url()).toMatch(/\/queue$/);
    await expect.poll(() => on.page().getByTestId('queue-empty').count(), { timeout: 15_000 }).toBe(1);
    await shot('queue-empty');
    // One at a time: the queue is first come, first served.
    for (const [k, args] of [
      [1, '-q50 -J21 testload -t 900'],
      [2, '-q50 -J22 -m999999 testload -t 900'],
      [1, '-q50 -J23 testload -t 900'],
    ] as const) {
      pids.push(await mosrunOn(k, args));
      await expect.poll(queuePids, { timeout: 15_000 }).toEqual(pids);
    }
    expect(await queueRow(pids[1]!).locator('[data-column="mem"]').innerText()).toBe('999999');
    // FROM by the node's name, whichever node the queue was read on.
    expect(await queueRow(pids[0]!).locator('[data-column="from"]').innerText()).toBe('node1');
    expect(await queueRow(pids[1]!).locator('[data-column="from"]').innerText()).toBe('node2');
    await expect
      .poll(() => queueRow(pids[1]!).getByTestId('queue-why').innerText())
      .toMatch(/not enough free memory for its -m999999[\s\S]*behind 1 job of its priority/);
    expect(await on.page().getByTestId('queue-source').innerText()).toMatch(/mosq listall on node[12]/);
    await shot('queue');
    await on.page().getByRole('button', { name: 'Dark theme' }).click();
    await shot('queue-dark');
    await on.page().getByRole('button', { name: 'Light theme' }).click();
  }, 60_000);

  it('reorders by dragging within a priority group, and by advance and retard', async () => {
    const [a, b, c] = pids as [number, number, number];
    await queueRow(c).dragTo(queueRow(a));
    await idle();
    await expect.poll(queuePids, { timeout: 10_000 }).toEqual([c, a, b]);
    await queueRow(c).locator('[data-action="retard"]').click();
    await idle();
    await expect.poll(queuePids, { timeout: 10_000 }).toEqual([a, b, c]);
    await queueRow(b).locator('[data-action="advance"]').click();
    await idle();
    await expect.poll(queuePids, { timeout: 10_000 }).toEqual([b, a, c]);
  }, 90_000);

  it('re-prioritises a job, checking what is typed', async () => {
    const [a, b, c] = pids as [number, number, number];
    await queueRow(c).locator('[data-action="cngpri"]').click();
    const input = on.page().getByTestId('queue-priority-input');
    await input.fill('high');
    await on.page().getByTestId('queue-priority-set').click();
    expect(await on.page().getByTestId('queue-priority-error').innerText()).toMatch(/whole number/);
    await input.fill('10');
    await on.page().getByTestId('queue-priority-set').click();
    await idle();
    await expect.poll(queuePids, { timeout: 10_000 }).toEqual([c, b, a]);
    expect(await queueRow(c).locator('[data-column="pri"]').innerText()).toBe('10');
  }, 60_000);

  it('releases a job with Run now and deletes one after asking', async () => {
    const [a, b] = pids as [number, number, number];
    await queueRow(a).locator('[data-action="run"]').click();
    await idle();
    await expect.poll(() => queueRow(a).getAttribute('data-state'), { timeout: 10_000 }).toBe('running');
    expect(await queueRow(a).locator('[data-column="pri"]').innerText()).toBe('RUN');
    await queueRow(b).locator('[data-action="delete"]').click();
    await on.page().getByTestId('queue-delete-confirm').click();
    await idle();
    await expect.poll(() => queueRow(b).count(), { timeout: 10_000 }).toBe(0);
    // Its waiting process has ended on its node.
    await expect
      .poll(async () => (await on.cluster().run(2, ['kill', '-0', String(b)])).code, { timeout: 10_000 })
      .not.toBe(0);
  }, 60_000);

  it('says why there is no queue on a cluster without MOSIX', async () => {
    await on.page().goto(new URL('#/c/local/queue', on.opened().app.url).href);
    await expect.poll(() => on.page().getByTestId('queue-unavailable').count(), { timeout: 15_000 }).toBe(1);
    expect(await on.page().getByTestId('queue-unavailable').innerText()).toMatch(/queue/i);
    await shot('queue-unavailable');
  }, 30_000);
});
