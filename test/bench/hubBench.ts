/**
 * The hub at scale, on the netns test cluster (root only): how long N nodes take to come up
 * from "Add" (host keys answered by the bench, the agent uploaded to each), how long a restarted
 * hub takes to bring them back (keys known, agents cached), and what the hub costs while it
 * streams every node's metrics once a second. The hub runs in this process, so its CPU time and
 * memory include the bench's small event bookkeeping.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { ClusterSummary, HubEvents } from '../../electron/api';
import { type HubHarness, startHub } from '../support/hubHarness';
import { statusKb } from '../support/procState';
import { startHubOnCluster, waitNodeState } from '../support/sshHub';
import { sleep } from './support/format';

/** The bench's own subnet (see test/cluster/README.md). */
const SUBNET = 250;

export interface HubResult {
  nodes: number;
  seconds: number;
  /** From clusters.add to every node up, with the agent uploaded to each. */
  firstUpMs: number;
  /** From a new hub on the same user data to every node up again. */
  restartUpMs: number;
  /** The hub's CPU time per second of streaming, and per node. */
  cpuPerSecond: number;
  samplesPerSecond: number;
  /** This process (hub and bench) at the end of the window. */
  rssBytes: number;
  /** The agents' private memory (RssAnon) on the nodes, summed: the figure that counts. */
  agentsAnonBytes: number;
  /** Their resident memory (VmRSS), summed: RssAnon plus the node binary's shared pages. */
  agentsRssBytes: number;
  problem?: string;
}

async function allUp(h: HubHarness, cluster: ClusterSummary, timeoutMs: number, from = 0): Promise<void> {
  await Promise.all(cluster.nodes.map((n) => waitNodeState(h, cluster.id, n.id, 'up', timeoutMs, from)));
}

/** RssAnon and VmRSS of every running agent on this machine (the bench's nodes, and any other test or demo cluster's). */
function agentsMemory(): { agentsAnonBytes: number; agentsRssBytes: number } {
  const total = { agentsAnonBytes: 0, agentsRssBytes: 0 };
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('mosdesk-agent-')) continue;
      // Both read before either is added, so an agent that ends between the reads counts in neither.
      const anon = statusKb(Number(pid), 'RssAnon') * 1024;
      const rss = statusKb(Number(pid), 'VmRSS') * 1024;
      total.agentsAnonBytes += anon;
      total.agentsRssBytes += rss;
    } catch {
      // Gone between the listing and the read.
    }
  }
  return total;
}

async function streamCost(h: HubHarness, clusterId: string, seconds: number) {
  const sub = await h.ok('metrics.subscribe', { clusterId, intervalMs: 1000 });
  await sleep(2000); // past the first samples and their one-off work
  const from = h.events.length;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await sleep(seconds * 1000);
  const cpu = process.cpuUsage(cpu0);
  const elapsed = (performance.now() - t0) / 1000;
  const samples = h.events
    .slice(from)
    .filter((e) => e.event === 'metrics.batch')
    .reduce((n, e) => n + (e.payload as HubEvents['metrics.batch']).samples.length, 0);
  await h.ok('metrics.unsubscribe', { subscriptionId: sub.subscriptionId });
  return { cpuPerSecond: (cpu.user + cpu.system) / 1e6 / elapsed, samplesPerSecond: samples / elapsed };
}

export async function benchHub(nodes: number, seconds: number): Promise<HubResult> {
  const env = await startHubOnCluster({ name: 'bench', nodes, subnet: SUBNET });
  try {
    const t0 = performance.now();
    const added = await env.h.ok('clusters.add', {
      name: 'Bench',
      hosts: `10.210.${SUBNET}.11-10.210.${SUBNET}.${10 + nodes}`,
      settings: { user: 'root', identityFile: env.cluster.keyPath },
    });
    await allUp(env.h, added, 120_000);
    const firstUpMs = performance.now() - t0;
    const cost = await streamCost(env.h, added.id, seconds);
    const rssBytes = process.memoryUsage().rss;
    const agents = agentsMemory();

    env.h.hub.close();
    const t1 = performance.now();
    const again = startHub(env.ws.hubOptions());
    let restartUpMs: number;
    try {
      await again.hub.clusters();
      await allUp(again, added, 120_000);
      restartUpMs = performance.now() - t1;
    } finally {
      again.hub.close();
    }
    return { nodes, seconds, firstUpMs, restartUpMs, ...cost, rssBytes, ...agents };
  } catch (err) {
    const problem = err instanceof Error ? err.message : String(err);
    return {
      ...{ nodes, seconds, firstUpMs: NaN, restartUpMs: NaN, cpuPerSecond: NaN, samplesPerSecond: NaN },
      ...{ rssBytes: NaN, agentsAnonBytes: NaN, agentsRssBytes: NaN, problem },
    };
  } finally {
    await env.close();
  }
}
