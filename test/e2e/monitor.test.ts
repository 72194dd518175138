/**
 * The cluster monitor as an admin uses it, in Debian's Chromium, on four test nodes of different
 * sizes: every mmon key against what each node's own /proc says, a CPU burner on one node, a
 * cut link, `<` `>` between clusters, and the node page's 15 minutes of history.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCluster, type TestCluster } from '../cluster/testCluster';
import { type AppInBrowser, ARTIFACTS, openAppInBrowser } from '../support/appInBrowser';
import { addClusterInApp } from '../support/clusterInApp';
import { ROOT } from '../support/dist';
import { type MonitorRow, monitorRows, monitorTitle } from './support/monitorRows';
import * as proc from './support/nodeFigures';

const CPUS = { 1: 1, 2: 2, 3: 1, 4: 2 };
const MEM = { 1: '512M', 2: '1G', 3: '768M', 4: '1536M' };
const MIB = 1024 ** 2;
const MEM_BYTES = [512 * MIB, 1024 * MIB, 768 * MIB, 1536 * MIB];
let cluster: TestCluster;
let opened: AppInBrowser;
let page: Page;
let clusterId: string;
const startedAt = Date.now();

beforeAll(async () => {
  cluster = await startTestCluster({ name: 'e2e31', nodes: 4, subnet: 31, cpus: CPUS, mem: MEM });
  opened = await openAppInBrowser({});
  ({ page } = opened);
}, 180_000);

afterAll(async () => {
  await opened?.close();
  await cluster?.down();
});

const rows = () => monitorRows(page, clusterId);
const rowOf = async (k: number): Promise<MonitorRow> => {
  const row = (await rows()).get(cluster.node(k).hostname);
  if (!row) throw new Error(`no row for node ${k} among ${[...(await rows()).keys()].join(', ')}`);
  return row;
};
const shot = (name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
const ks = [1, 2, 3, 4];

/**
 * A rate on screen against the node's own counters over the same seconds: the mean of what the
 * table showed each second, and the counter's growth over that time.
 */
async function shownAndMeasured(
  k: number,
  segment: number,
  counter: () => Promise<number>,
): Promise<{ shown: number; measured: number }> {
  const before = await counter();
  const t0 = Date.now();
  const shown: number[] = [];
  for (let i = 0; i < 4; i++) {
    await page.waitForTimeout(1000);
    shown.push((await rowOf(k)).raw[segment]!);
  }
  const measured = ((await counter()) - before) / ((Date.now() - t0) / 1000);
  return { shown: shown.reduce((a, b) => a + b, 0) / shown.length, measured };
}

/** Close enough for two readings of a moving rate a second apart: within `share` of it, or `floor` of each other. */
const near = ({ shown, measured }: { shown: number; measured: number }, share: number, floor: number): boolean =>
  Math.abs(shown - measured) <= Math.max(floor, share * measured);

/** Presses `key` until the title is `title` (a display resumes its last sub-view, as mmon). */
async function show(key: string, title: RegExp): Promise<void> {
  for (let i = 0; i < 5 && !title.test(await monitorTitle(page, clusterId)); i++) await page.keyboard.press(key);
  expect(await monitorTitle(page, clusterId)).toMatch(title);
}

async function setTheme(theme: 'dark' | 'light'): Promise<void> {
  const now = () => page.evaluate(() => document.documentElement.dataset.theme);
  if ((await now()) !== theme) await page.getByTestId('theme-toggle').click();
  expect(await now()).toBe(theme);
}

/** Moves along the chart until the tooltip names the node, then clicks there, as a user finds a bar. */
async function clickBarOf(name: string): Promise<void> {
  const canvas = page.locator(`[data-testid="monitor"][data-cluster-id="${clusterId}"] canvas`);
  const box = (await canvas.boundingBox())!;
  for (let x = 2; x < box.width; x += 4) {
    await page.mouse.move(box.x + x, box.y + box.height / 2);
    const tip = page.locator('[role="tooltip"]');
    if ((await tip.count()) > 0 && (await tip.innerText()).startsWith(name)) {
      await page.mouse.click(box.x + x, box.y + box.height / 2);
      return;
    }
  }
  throw new Error(`no bar of ${name} under the mouse`);
}

describe('a cluster added in the app', () => {
  it('opens its monitor', async () => {
    await setTheme('dark');
    await addClusterInApp(page, cluster, 'Lab');
    await expect.poll(() => page.url(), { timeout: 10_000 }).toMatch(/#\/c\/[^/]+\/monitor$/);
    clusterId = decodeURIComponent(/#\/c\/([^/]+)\/monitor$/.exec(page.url())![1]!);
    await expect
      .poll(async () => [...(await rows()).values()].filter((r) => r.kind === 'value').length, { timeout: 10_000 })
      .toBe(4);
  }, 60_000);
});

describe('the monitor, key by key, against each node’s /proc', () => {
  it('l: load per CPU is /proc/loadavg over the node’s CPUs; + frozen and frozen are 0', async () => {
    await show('l', /^Load per CPU$/);
    for (const k of ks) {
      const { load, cpus } = await proc.loadAndCpus(cluster, k);
      expect(cpus).toBe(CPUS[k as 1]);
      await expect
        .poll(async () => Math.abs((await rowOf(k)).raw[0]! - load / cpus), { timeout: 8000 })
        .toBeLessThan(0.2);
    }
    await show('l', /^Load \+ frozen$/);
    for (const k of ks) expect((await rowOf(k)).raw[1]).toBe(0);
    await show('l', /^Frozen processes$/);
    for (const k of ks) expect((await rowOf(k)).raw).toEqual([0]);
  });

  it('m: memory bars are each node’s own total; swap and disk as the node has them', async () => {
    await show('m', /^Memory$/);
    for (const k of ks) {
      const mem = await proc.meminfo(cluster, k);
      expect(mem.MemTotal).toBe(MEM_BYTES[k - 1]);
      const [used, free] = (await rowOf(k)).raw as [number, number];
      expect(used + free).toBe(mem.MemTotal);
      expect(Math.abs(used - (mem.MemTotal! - mem.MemAvailable!))).toBeLessThan(48 * MIB);
    }
    await shot('monitor-memory');
    await show('m', /^Swap$/);
    for (const k of ks) {
      const swapTotal = (await proc.meminfo(cluster, k)).SwapTotal ?? 0;
      const row = await rowOf(k);
      if (swapTotal === 0) expect([row.kind, row.state]).toEqual(['na', 'n/a: this node has no swap space']);
      else expect(row.raw[0]! + row.raw[1]!).toBe(swapTotal);
    }
    await show('m', /^Disk space$/);
    for (const k of ks) {
      const disk = await proc.rootDisk(cluster, k);
      const [used, free] = (await rowOf(k)).raw as [number, number];
      expect(used + free).toBe(disk.size);
      expect(Math.abs(used - disk.used)).toBeLessThan(256 * MIB);
    }
  });

  it('g: guests and priority are n/a on plain Linux nodes, with the reason', async () => {
    await show('g', /^Local and guest processes$/);
    for (const k of ks) expect((await rowOf(k)).kind).toBe('na');
    expect((await rowOf(1)).state).toMatch(/^n\/a: .*guest/);
    await show('g', /^Priority$/);
    for (const k of ks) expect((await rowOf(k)).kind).toBe('na');
  });

  it('i: disk read, write and both are the node’s /proc/diskstats rates', async () => {
    // A steady writer, so there is a rate to compare (the test nodes share the host's disks: see test/cluster/README.md).
    const stop = await proc.startInNode(
      cluster,
      1,
      // About 8 MB/s in small steady steps: enough to measure, light on a shared CI disk.
      'while :; do dd if=/dev/zero of=/root/io.bin bs=64k count=16 oflag=direct 2>/dev/null; sleep 0.1; done',
    );
    try {
      await show('i', /^Disk write$/);
      // A rate needs two samples: the first second after the connection has none.
      for (const k of ks) await expect.poll(async () => (await rowOf(k)).kind, { timeout: 5000 }).toBe('value');
      const write = await shownAndMeasured(1, 0, async () => (await proc.diskBytes(cluster, 1)).written);
      expect(write.measured).toBeGreaterThan(1_000_000);
      expect(near(write, 0.5, 1_000_000), JSON.stringify(write)).toBe(true);
      await show('i', /^Disk read$/);
      const read = await shownAndMeasured(2, 0, async () => (await proc.diskBytes(cluster, 2)).read);
      expect(near(read, 0.5, 1_000_000), JSON.stringify(read)).toBe(true);
      await show('i', /^Disk read \+ write$/);
      expect((await rowOf(1)).raw).toHaveLength(2);
      expect((await rowOf(1)).raw[1]).toBeGreaterThan(200_000);
    } finally {
      await stop();
      await cluster.run(1, ['rm', '-f', '/root/io.bin']);
    }
  });

  it('o: network out follows the one node that sends, and NFS RPC says whether the node has a client', async () => {
    // 1.4 MB/s of UDP from node 3 only: its bar, and no other, must carry it.
    const stop = await proc.startInNode(
      cluster,
      3,
      `exec node -e "const d=require('dgram').createSocket('udp4');const b=Buffer.alloc(1400);setInterval(()=>{for(let i=0;i<10;i++)d.send(b,9,'${cluster.hostAddress}')},10)"`,
    );
    try {
      await show('o', /^Network out$/);
      await expect.poll(async () => (await rowOf(3)).raw[0]!, { timeout: 10_000 }).toBeGreaterThan(500_000);
      const out = await shownAndMeasured(3, 0, async () => (await proc.netBytes(cluster, 3)).tx);
      expect(near(out, 0.3, 50_000), JSON.stringify(out)).toBe(true);
      for (const k of [1, 2, 4]) expect((await rowOf(k)).raw[0]).toBeLessThan(100_000);
      await shot('monitor-network-out');
      await show('o', /^Network in \+ out$/);
      expect((await rowOf(3)).raw).toHaveLength(2);
      expect((await rowOf(3)).raw[1]).toBeGreaterThan(500_000);
      await show('o', /^Network in$/);
      for (const k of [1, 3]) {
        const inRate = await shownAndMeasured(k, 0, async () => (await proc.netBytes(cluster, k)).rx);
        expect(near(inRate, 0.3, 20_000), `node ${k}: ${JSON.stringify(inRate)}`).toBe(true);
      }
    } finally {
      await stop();
    }
    await show('o', /^NFS RPC$/);
    for (const k of ks) {
      const row = await rowOf(k);
      if (await proc.hasNfsClient(cluster, k)) expect(row.kind).not.toBe('na');
      else expect(row.state).toBe('n/a: this node has no NFS client');
    }
  });

  it('s: speed, status, version and uptime are the node’s', async () => {
    await show('s', /^CPU speed/);
    for (const k of ks) {
      const mhz = await proc.cpuinfoMhz(cluster, k);
      expect(Math.abs((await rowOf(k)).raw[0]! - mhz) / mhz).toBeLessThan(0.3);
    }
    await show('s', /^Status$/);
    for (const k of ks) expect((await rowOf(k)).caption).toBe('up');
    await show('s', /^Version/);
    const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
    for (const k of ks) expect((await rowOf(k)).caption).toBe(version);
    await show('s', /^Uptime$/);
    for (const k of ks) {
      const seconds = await proc.uptimeSec(cluster, k);
      expect(Math.abs((await rowOf(k)).raw[0]! * 86_400 - seconds)).toBeLessThan(5);
    }
  });
});

describe('a CPU burner on one node', () => {
  it('raises that node’s load and utilisation bars and no other’s', async () => {
    const stop = await proc.startInNode(cluster, 1, 'while :; do :; done');
    try {
      await show('u', /^Utilisation/);
      // Node 1's one CPU is the host's first, which the rest of a busy machine shares: the
      // burner gets at least half of it, the idle nodes next to nothing.
      await expect.poll(async () => (await rowOf(1)).raw[0]!, { timeout: 10_000 }).toBeGreaterThan(40);
      for (const k of [2, 3, 4]) expect((await rowOf(k)).raw[0]).toBeLessThan(20);
      await show('l', /^Load per CPU$/);
      // LXCFS's load average climbs as the kernel's does: 0.4 of one CPU takes about half a minute.
      await expect.poll(async () => (await rowOf(1)).raw[0]!, { timeout: 90_000, interval: 2000 }).toBeGreaterThan(0.4);
      // Node 3's load still decays from the network test's sender: the burner's node must lead clearly.
      const burning = (await rowOf(1)).raw[0]!;
      for (const k of [2, 3, 4]) expect((await rowOf(k)).raw[0]).toBeLessThan(burning - 0.1);
      await shot('monitor-load');
      await setTheme('light');
      await shot('monitor-load-light');
      await setTheme('dark');
    } finally {
      await stop();
    }
  }, 120_000);
});

describe('a node whose link is cut', () => {
  it('is marked dead within 5 s while the others keep moving, and comes back by itself', async () => {
    await show('s', /^Uptime$/);
    const before = await rows();
    const cutAt = Date.now();
    await cluster.linkDown(4);
    try {
      await expect.poll(async () => (await rowOf(4)).kind, { timeout: 5000, interval: 200 }).toBe('dead');
      expect(Date.now() - cutAt).toBeLessThan(5000);
      const after = await rows();
      for (const k of [1, 2, 3]) {
        const name = cluster.node(k).hostname;
        expect(after.get(name)!.raw[0]).toBeGreaterThan(before.get(name)!.raw[0]!);
      }
      await expect.poll(() => page.getByTestId('dead-nodes').innerText()).toContain(cluster.node(4).hostname);
      await show('l', /^Load per CPU$/);
      await shot('monitor-dead-node');
    } finally {
      await cluster.linkUp(4);
    }
    await expect.poll(async () => (await rowOf(4)).kind, { timeout: 60_000, interval: 500 }).toBe('value');
  }, 90_000);
});

describe('two clusters', () => {
  it('> and < switch between them and keep the display', async () => {
    await show('m', /^Memory$/);
    await page.keyboard.press('>');
    await expect.poll(() => page.url()).not.toContain(`/c/${encodeURIComponent(clusterId)}/`);
    const other = page.locator('[data-testid="monitor"]');
    await expect.poll(() => other.getAttribute('data-display')).toBe('memory');
    await page.keyboard.press('<');
    await expect.poll(() => page.url()).toContain(`/c/${encodeURIComponent(clusterId)}/monitor`);
  });
});

describe('the node page', () => {
  it('shows at least 60 s of history at once when the cluster has run that long', async () => {
    const waited = Date.now() - startedAt;
    if (waited < 70_000) await page.waitForTimeout(70_000 - waited);
    await clickBarOf(cluster.node(2).hostname);
    await expect.poll(() => page.url()).toContain('/n/');
    const charts = page.getByTestId('node-charts');
    await expect
      .poll(async () => Number(await charts.getAttribute('data-history-seconds')), { timeout: 5000 })
      .toBeGreaterThanOrEqual(60);
    await page.waitForTimeout(1500); // the charts draw on the next frames
    await shot('node-page');
  }, 120_000);
});
