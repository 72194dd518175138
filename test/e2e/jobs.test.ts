/**
 * Run job and the jobs list as an admin uses them, in Debian's Chromium, on four test nodes of
 * different CPUs and memory with a CPU burner on one: best node lands where the dialog said by
 * the figures it showed, -m beyond every node's free memory is refused before anything starts,
 * node 3 by number, a set of six lines with -S2, coloured output tailed live, a pasted mosrun
 * line filling the dialog, and the links to and from the process view.
 */
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import { bestNode, type PlacementNode } from '../../agent/src/mosrun/placement';
import { ARTIFACTS } from '../support/appInBrowser';
import { addClusterInApp } from '../support/clusterInApp';
import { useAppOnCluster } from './support/appOnCluster';
import { startInNode } from './support/nodeFigures';

const app = useAppOnCluster({
  name: 'e2e39',
  nodes: 4,
  subnet: 39,
  cpus: { 1: 1, 2: 2, 3: 1, 4: 2 },
  mem: { 1: '512M', 2: '1G', 3: '768M', 4: '1536M' },
});
const page = (): Page => app.page();
const dialog = () => page().getByTestId('run-dialog');
const shot = (name: string) => page().screenshot({ path: join(ARTIFACTS, `${name}.png`) });
const rows = () => page().locator('[data-testid^="job-row-"]');
const stops: (() => Promise<void>)[] = [];

async function setTheme(theme: 'dark' | 'light'): Promise<void> {
  const now = () => page().evaluate(() => document.documentElement.dataset.theme);
  if ((await now()) !== theme) await page().getByTestId('theme-toggle').click();
  await expect.poll(now).toBe(theme);
}

/** Opens the dialog with its key and types a program and its arguments. */
async function openWith(program: string, args: string[] = []): Promise<void> {
  await page().keyboard.press('r');
  await expect.poll(() => dialog().isVisible()).toBe(true);
  await dialog().getByTestId('run-program').fill(program);
  for (const [i, a] of args.entries()) {
    await dialog().getByTestId('run-add-arg').click();
    await dialog().getByTestId(`run-arg-${i}`).fill(a);
  }
}

/** The figures table and the node the dialog names, read in one go so they are of one moment. */
async function figuresAndChoice(): Promise<{ nodes: PlacementNode[]; named: string | null }> {
  return page().evaluate(() => {
    const nodes = [...document.querySelectorAll<HTMLElement>('[data-testid="run-figure-row"]')].map((r) => ({
      id: r.dataset.node!,
      name: r.dataset.node!,
      up: r.dataset.up === 'true',
      accepts: r.dataset.accepts === 'yes' ? (true as const) : r.dataset.accepts!,
      availableMb: Number(r.dataset.freeMb),
      load: Number(r.dataset.load),
      cpus: Number(r.dataset.cpus),
      speed: Number(r.dataset.speed),
    }));
    const named = document.querySelector('[data-testid="run-plan-node"]')?.textContent?.trim() ?? null;
    return { nodes, named };
  });
}

let rowsBefore = 0;
/** Starts what the dialog says; the node it named at that moment. */
async function start(): Promise<string> {
  rowsBefore = await rows().count();
  const named = (await dialog().getByTestId('run-plan-node').textContent())!.trim();
  await dialog().getByTestId('run-start').click();
  await expect.poll(() => dialog().isVisible(), { timeout: 15_000 }).toBe(false);
  return named;
}

const cellText = async (row: Locator, i: number) => (await row.locator('td').nth(i).textContent())!.trim();
const nodeIndex = (name: string) => Number(/^node(\d)$/.exec(name)![1]);

/** The job just started (the list has one row more, newest first) once it has a PID; its node and pid. */
async function newestJob(): Promise<{ row: Locator; node: string; pid: number }> {
  await expect.poll(() => rows().count(), { timeout: 10_000 }).toBe(rowsBefore + 1);
  const row = rows().first();
  await expect.poll(async () => Number(await cellText(row, 3)), { timeout: 10_000 }).toBeGreaterThan(0);
  return { row, node: (await row.getAttribute('data-node'))!, pid: Number(await cellText(row, 3)) };
}

/** The command line of `pid` inside node k, as its own /proc has it. */
async function cmdlineIn(k: number, pid: number): Promise<string> {
  const out = await app.cluster().run(k, ['cat', `/proc/${pid}/cmdline`]);
  return out.stdout.replaceAll('\0', ' ').trim();
}

describe('Run job on a test cluster', () => {
  // A test that failed with the dialog open must not fail every test after it.
  beforeEach(async () => {
    if (app.opened() && (await dialog().isVisible())) await page().keyboard.press('Escape');
  });
  it('opens the Jobs tab with nothing started yet', async () => {
    await addClusterInApp(page(), app.cluster(), 'Lab');
    // A burner on node 4 (the most memory): best node must weigh load, not memory alone.
    stops.push(await startInNode(app.cluster(), 4, 'while :; do :; done & while :; do :; done'));
    await page().getByTestId('tab-jobs').click();
    await expect.poll(() => page().url()).toMatch(/\/jobs$/);
    await expect.poll(() => page().getByTestId('jobs-empty').isVisible(), { timeout: 10_000 }).toBe(true);
    await shot('jobs-empty');
  }, 90_000);

  it('a job on "best node" lands on the node the dialog named, the one the rule picks from its figures', async () => {
    await openWith('sleep', ['300']);
    await expect.poll(() => dialog().getByTestId('run-line').textContent()).toBe('mosrun -b sleep 300');
    await expect.poll(async () => (await figuresAndChoice()).nodes.filter((n) => n.accepts === true).length).toBe(4);
    const { nodes, named } = await figuresAndChoice();
    const rule = bestNode(nodes);
    expect(rule.node?.name, JSON.stringify(nodes)).toBe(named);
    await shot('jobs-run-dialog-best');
    const said = await start();
    const job = await newestJob();
    expect(job.node).toBe(said);
    expect(await cmdlineIn(nodeIndex(said), job.pid)).toBe('sleep 300');
    expect(await job.row.getByTestId('job-state').textContent()).toBe('running');
  }, 60_000);

  it('a job with -m larger than any node has free is refused with that reason before it starts', async () => {
    const before = await rows().count();
    await openWith('sleep', ['1']);
    await dialog().getByTestId('run-memory').fill('100000');
    await expect
      .poll(() => dialog().getByTestId('run-refused').textContent())
      .toMatch(/^No node has 100,000 MB free for its -m100000: the most is [\d,]+ MB on node\d\.$/);
    expect(await dialog().getByTestId('run-start').isDisabled()).toBe(true);
    expect(await dialog().getByTestId('run-line').textContent()).toBe('mosrun -b -m100000 sleep 1');
    await shot('jobs-run-dialog-refused');
    await page().keyboard.press('Escape');
    await page().waitForTimeout(1500);
    expect(await rows().count()).toBe(before);
  });

  it('a job on node 3 by number lands on node 3', async () => {
    await openWith('sleep', ['301']);
    await dialog().getByTestId('run-where-node').check();
    await dialog().getByTestId('run-node').fill('3');
    await expect.poll(() => dialog().getByTestId('run-plan-node').textContent()).toBe('node3');
    expect(await dialog().getByTestId('run-line').textContent()).toBe('mosrun -3 sleep 301');
    expect(await start()).toBe('node3');
    const job = await newestJob();
    expect(job.node).toBe('node3');
    expect(await cmdlineIn(3, job.pid)).toBe('sleep 301');
  });

  it('a set of 6 lines with -S2 never has more than 2 running and ends with 6 exit statuses', async () => {
    await page().keyboard.press('r');
    await dialog().getByTestId('run-mode-set').check();
    const lines = [0, 1, 2, 3, 4, 5].map((k) => `sh -c "sleep 2; exit ${k}"`);
    await dialog().getByTestId('run-set-lines').fill(lines.join('\n'));
    await dialog().getByTestId('run-max-jobs').fill('2');
    await dialog().getByTestId('run-where-host').check();
    await dialog().getByTestId('run-host').fill('node2');
    await expect.poll(() => dialog().getByTestId('run-line').textContent()).toBe('mosrun -S2 -rnode2 commands');
    await expect.poll(() => dialog().getByTestId('run-set-note').textContent()).toMatch(/at most 2 lines at once/);
    await shot('jobs-run-dialog-set');
    await start();
    const set = page().locator('[data-testid^="job-set-"]').first();
    const running = set.locator('[data-testid="job-set-line"][data-state="running"]');
    const ended = set.locator(
      '[data-testid="job-set-line"][data-state="done"], [data-testid="job-set-line"][data-state="failed"]',
    );
    let most = 0;
    const until = Date.now() + 40_000;
    while ((await ended.count()) < 6 && Date.now() < until) {
      most = Math.max(most, await running.count());
      await page().waitForTimeout(150);
    }
    expect(await ended.count()).toBe(6);
    expect(most).toBe(2);
    expect(await set.getByTestId('job-set-summary').textContent()).toBe(
      '6 lines, at most 2 at once: 0 running, 0 waiting, 1 done, 5 failed',
    );
    const failed = await set.locator('[data-state="failed"]').allTextContents();
    for (const k of [1, 2, 3, 4, 5])
      expect(failed.some((t) => t.includes(`exit ${k}"`) || t.includes(`exit ${k}`))).toBe(true);
    // The six runs are in the jobs list on node2, each with its own exit status.
    const setRows = page().locator('[data-testid^="job-row-"][data-node="node2"]', { hasText: 'sleep 2; exit' });
    await expect.poll(() => setRows.count(), { timeout: 5000 }).toBe(6);
    const exits = await setRows.getByTestId('job-exit').allTextContents();
    expect(exits.map(Number).sort()).toEqual([0, 1, 2, 3, 4, 5]);
    await shot('jobs-set');
  }, 60_000);

  it('the output of a job that prints coloured lines appears live in the jobs list', async () => {
    const script = 'for i in 1 2 3 4 5; do printf "\\033[31mred line %s\\033[0m plain\\n" $i; sleep 1; done';
    await openWith('sh', ['-c', script]);
    await dialog().getByTestId('run-where-node').check();
    await dialog().getByTestId('run-node').fill('1');
    await start();
    const job = await newestJob();
    const terminal = page().getByTestId('job-output-terminal');
    await expect.poll(() => terminal.textContent(), { timeout: 10_000 }).toMatch(/red line 1 plain/);
    // Live: the first lines are there while the job still runs.
    expect(await job.row.getByTestId('job-state').textContent()).toBe('running');
    const red = terminal.locator('span[class*="xterm-fg-1"]').first();
    expect(await red.textContent()).toMatch(/^red line \d$/);
    await shot('jobs-output');
    await expect.poll(() => terminal.textContent(), { timeout: 15_000 }).toMatch(/red line 5 plain/);
    await expect
      .poll(() => page().getByTestId('job-output-state').textContent(), { timeout: 10_000 })
      .toMatch(/complete/);
    // The output file ends as the job does; the list shows the exit at its next read.
    await expect.poll(() => job.row.getByTestId('job-exit').textContent(), { timeout: 5000 }).toBe('0');
    await setTheme('dark');
    await shot('jobs-output-dark');
    await setTheme('light');
  }, 60_000);

  it('a pasted mosrun line fills the dialog; a bad one names its option', async () => {
    await page().keyboard.press('r');
    await dialog().getByTestId('run-paste').fill('mosrun -x sleep 5');
    await dialog().getByTestId('run-paste-fill').click();
    await expect.poll(() => dialog().getByTestId('run-paste-error').textContent()).toMatch(/-x/);
    await dialog().getByTestId('run-paste').fill('mosrun -3 -m100 -J20 -D00:01:30 sleep 30');
    await dialog().getByTestId('run-paste-fill').click();
    expect(await dialog().getByTestId('run-where-node').isChecked()).toBe(true);
    expect(await dialog().getByTestId('run-node').inputValue()).toBe('3');
    expect(await dialog().getByTestId('run-memory').inputValue()).toBe('100');
    expect(await dialog().getByTestId('run-job-id').inputValue()).toBe('20');
    expect(await dialog().getByTestId('run-due').inputValue()).toBe('00:01:30');
    expect(await dialog().getByTestId('run-program').inputValue()).toBe('sleep');
    expect(await dialog().getByTestId('run-arg-0').inputValue()).toBe('30');
    const line = (await dialog().getByTestId('run-line').textContent())!;
    expect(line.split(' ').sort()).toEqual('mosrun -3 -m100 -J20 -D00:01:30 sleep 30'.split(' ').sort());
    await expect.poll(() => dialog().getByTestId('run-plan-node').textContent()).toBe('node3');
    await shot('jobs-run-dialog-pasted');
    // The modal keeps the theme button out of reach: paint the other theme as the button would.
    const paint = (t: string) => page().evaluate((theme) => (document.documentElement.dataset.theme = theme), t);
    const was = (await page().evaluate(() => document.documentElement.dataset.theme))!;
    await paint(was === 'dark' ? 'light' : 'dark');
    await shot(`jobs-run-dialog-pasted-${was === 'dark' ? 'light' : 'dark'}`);
    await paint(was);
    // MOSIX-only options are off on plain Linux, with the reason; a pasted one is refused, not dropped.
    await dialog().getByTestId('run-paste').fill('mosrun -b -L -q60 sleep 5');
    await dialog().getByTestId('run-paste-fill').click();
    await expect.poll(() => dialog().getByTestId('run-refused').textContent()).toMatch(/-q needs MOSIX's queue/);
    expect(await dialog().getByTestId('run-start').isDisabled()).toBe(true);
    await page().keyboard.press('Escape');
  });

  it('a started job is found in the process view, and the process view links back', async () => {
    const row = page().locator('[data-testid^="job-row-"][data-state="running"]').first();
    const pid = Number(await cellText(row, 3));
    const node = (await row.getAttribute('data-node'))!;
    await row.getByTestId('job-in-processes').click();
    await expect.poll(() => page().url()).toMatch(new RegExp(`/processes\\?node=[^&]+&pid=${pid}$`));
    const selected = page().locator(`[role="row"][aria-selected="true"]`);
    await expect.poll(() => selected.count(), { timeout: 10_000 }).toBe(1);
    expect(await selected.textContent()).toContain(String(pid));
    expect(await page().getByTestId('process-focus').textContent()).toContain(`PID ${pid} on ${node}`);
    await page().getByTestId('process-back-to-job').click();
    await expect.poll(() => page().url()).toMatch(/\/jobs\?/);
    await expect.poll(() => page().locator('tr.marked').getAttribute('data-node')).toBe(node);
  });

  it('a dead node: its jobs are said to be unreadable, and the dialog will not start on it', async () => {
    await app.cluster().stopNode(4);
    stops.length = 0; // the burner died with node 4
    await expect
      .poll(() => page().getByTestId('jobs-unreachable').textContent(), { timeout: 20_000 })
      .toMatch(/^node4: its jobs are not shown — node4 is (dead|connecting)/);
    await openWith('sleep', ['5']);
    await dialog().getByTestId('run-where-node').check();
    await dialog().getByTestId('run-node').fill('4');
    await expect
      .poll(() => dialog().getByTestId('run-refused').textContent())
      .toMatch(/^node4 is \w+.*nothing was started\.$/);
    const row4 = dialog().locator('[data-testid="run-figure-row"][data-node="node4"]');
    expect(await row4.getAttribute('data-up')).toBe('false');
    await shot('jobs-run-dialog-dead-node');
    await page().keyboard.press('Escape');
    await shot('jobs-dead-node');
  }, 40_000);

  it('an ended job is forgotten after a confirmation', async () => {
    const ended = page().locator('[data-testid^="job-row-"][data-state="exited"]');
    const before = await ended.count();
    await ended.first().getByTestId('job-forget').click();
    await page().getByTestId('job-forget-dialog-confirm').click();
    await expect.poll(() => ended.count(), { timeout: 5000 }).toBe(before - 1);
    for (const stop of stops) await stop();
  });
});
