import { describe, expect, it } from 'vitest';
import { type Component, createSSRApp } from 'vue';
import { renderToString } from 'vue/server-renderer';
import type { Hello, NodeStatus } from '../../../../../electron/api';
import { HUB_KEY } from '../../../../../renderer/src/hub/useHub';
import { useClustersStore } from '../../../../../renderer/src/features/clusters/clustersStore';
import { FakeHub, piniaWith } from '../../support/fakeHub';
import { cluster, nodeView } from '../../support/views';

// tsc -p test has no types for .vue files (vue-tsc checks the components themselves): a path in
// a variable keeps tsc from resolving it, and Vite still compiles the component.
const DIR = '../../../../../renderer/src/features/nodePage';
const component = async (name: string): Promise<Component> =>
  ((await import(/* @vite-ignore */ `${DIR}/${name}.vue`)) as { default: Component }).default;
const NodeCapabilities = await component('NodeCapabilities');
const NodePage = await component('NodePage');
const NodeStatusList = await component('NodeStatusList');

/**
 * The repo has no DOM in unit tests, so components are rendered to HTML on the server side:
 * what they show for given props and store contents (mounted hooks do not run there).
 */
async function html(component: Component, props: Record<string, unknown>, setup?: (hub: FakeHub) => void) {
  const hub = new FakeHub();
  const pinia = piniaWith(hub);
  setup?.(hub);
  const app = createSSRApp(component, props).provide(HUB_KEY, hub).use(pinia);
  return (await renderToString(app)).replace(/<!--[\s\S]*?-->/g, '');
}

/** The text of each `<div>` row of a `<dl>`: "label: value". */
function rowsOf(markup: string, testid: string): string[] {
  const dl = new RegExp(`<dl[^>]*data-testid="${testid}"[^>]*>([\\s\\S]*?)</dl>`).exec(markup)?.[1] ?? '';
  return [...dl.matchAll(/<dt[^>]*>([\s\S]*?)<\/dt>\s*<dd[^>]*>([\s\S]*?)<\/dd>/g)].map(
    ([, dt, dd]) => `${text(dt ?? '')}: ${text(dd ?? '')}`,
  );
}
const text = (s: string): string =>
  s
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/\s+/g, ' ')
    .trim();

const STATUS: NodeStatus = {
  status: 'Running normally (linux engine: no MOSIX kernel)',
  load: 1.5,
  loadPerCpu: 0.375,
  speed: { perCpuMhz: 3400.4, totalMhz: 13601.6, source: 'cpufreq' },
  cpus: 4,
  frozen: 2,
  utilPercent: 37.25,
  avail: true,
  procs: 3,
  accept: { yes: false, reason: 'Plain Linux cannot receive migrated processes; MOSIX is needed for that.' },
  memory: { availableBytes: 6 * 1024 ** 3, totalBytes: 16 * 1024 ** 3 },
  swap: { freeBytes: 0, totalBytes: 0 },
  daemons: [
    { name: 'MOSIX Daemon', state: 'not-applicable', reason: 'No MOSIX kernel here.' },
    { name: 'Remote Daemon', state: 'up', reason: 'ignored when up' },
  ],
  guests: { current: 0, max: 0 },
};

describe('NodeStatusList', () => {
  it('shows every status field with its unit, and accept with its reason', async () => {
    expect(rowsOf(await html(NodeStatusList, { status: STATUS }), 'node-status-list')).toEqual([
      'Status: Running normally (linux engine: no MOSIX kernel)',
      'Available: yes',
      'Accepts migrated processes: no — Plain Linux cannot receive migrated processes; MOSIX is needed for that.',
      'CPUs: 4',
      'Speed: 3400 MHz per CPU, 13602 MHz in all — clock from cpufreq',
      'Load (1 min): 1.50 (0.38 per CPU)',
      'CPU use: 37.3 %',
      'MOSIX processes here: 3',
      'Frozen processes: 2',
      'Guest processes: 0 of at most 0',
      'Memory: 6.0 GiB available of 16.0 GiB',
      'Swap: none configured',
    ]);
  });

  it('shows each daemon with its state, and the reason of one that is not up', async () => {
    expect(rowsOf(await html(NodeStatusList, { status: STATUS }), 'node-daemons')).toEqual([
      'MOSIX Daemon: not applicable — No MOSIX kernel here.',
      'Remote Daemon: running',
    ]);
  });

  it('says CPU use is not measured yet on a first reading', async () => {
    const rows = rowsOf(await html(NodeStatusList, { status: { ...STATUS, utilPercent: null } }), 'node-status-list');
    expect(rows).toContain('CPU use: not measured yet');
  });
});

const HELLO: Hello = {
  protocolVersion: 1,
  agentVersion: '0.1.0',
  engine: 'linux',
  engineReason: 'no MOSIX tools on this node (no mosctl on the PATH)',
  node: { hostname: 'n1', addresses: ['10.0.0.11'], kernel: '6.1.0', cpuModel: 'Xeon', cpuCount: 4 },
  user: { name: 'admin', uid: 1000, isRoot: false },
  jobFreezeMethod: 'cgroup',
  capabilities: {
    monitor: true,
    processes: true,
    freeze: 'Freezing other users’ processes needs root.',
    signal: true,
    run: true,
    migrate: 'Plain Linux cannot migrate processes.',
    checkpoint: 'No MOSIX kernel.',
    queue: 'No MOSIX queue.',
    grid: 'Not part of a grid.',
  },
};

describe('NodeCapabilities', () => {
  it('lists every capability as available or with its reason', async () => {
    expect(rowsOf(await html(NodeCapabilities, { hello: HELLO }), 'node-capabilities-list')).toEqual([
      'Monitor figures monitor: ✓ available',
      'Process table processes: ✓ available',
      'Freeze and continue processes freeze: – Freezing other users’ processes needs root.',
      'Send signals signal: ✓ available',
      'Run jobs (mosrun) run: ✓ available',
      'Migrate processes migrate: – Plain Linux cannot migrate processes.',
      'Checkpoint processes checkpoint: – No MOSIX kernel.',
      'Job queue queue: – No MOSIX queue.',
      'Grid (multi-cluster) grid: – Not part of a grid.',
    ]);
  });

  it('waits for the agent before it knows any', async () => {
    expect(text(await html(NodeCapabilities, { hello: undefined }))).toContain(
      "Capabilities Known once the node's agent has answered.",
    );
  });
});

describe('NodePage', () => {
  const withLab = () => {
    useClustersStore().clusters = [cluster('lab', [nodeView('n1', { state: 'up', hello: HELLO })], { name: 'Lab' })];
  };

  it.each([
    { name: 'a node the cluster does not have', clusterId: 'lab', nodeId: 'n9', says: 'No node n9 in this cluster' },
    { name: 'a cluster there is not', clusterId: 'gone', nodeId: 'n1', says: 'There is no cluster “gone”' },
  ])('says so for $name', async ({ clusterId, nodeId, says }) => {
    expect(text(await html(NodePage, { clusterId, nodeId }, withLab))).toContain(says);
  });

  it('says the clusters are loading before the list came', async () => {
    expect(text(await html(NodePage, { clusterId: 'lab', nodeId: 'n1' }))).toBe('Loading the clusters…');
  });

  it('shows the node, its capabilities, and honest words where figures are still to come', async () => {
    const markup = await html(NodePage, { clusterId: 'lab', nodeId: 'n1' }, withLab);
    const page = text(markup);
    expect(page).toMatch(/n1 up since \d/);
    expect(page).toContain('Loading the last 15 minutes…');
    expect(page).toContain('Reading the status…');
    expect(page).toContain('Send signals signal ✓ available');
    expect(markup).toContain('data-testid="process-view"'); // the node's processes, filtered to it
  });

  it('says why a node is not up, and offers Retry where the card does', async () => {
    const page = await html(NodePage, { clusterId: 'lab', nodeId: 'n1' }, () => {
      const node = nodeView('n1', { state: 'auth-failed', reason: 'admin@n1: publickey refused' });
      useClustersStore().clusters = [cluster('lab', [node])];
    });
    expect(text(page)).toContain('admin@n1: publickey refused');
    expect(page).toContain('data-testid="node-retry"');
    expect(text(page)).toContain('The node is not up, so its status is not being read.');
  });
});
