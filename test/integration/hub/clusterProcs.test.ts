/**
 * The process table of a live 4-node SSH cluster: every node's whole table comes within 5 s of
 * `procs.subscribe`, whether the nodes were still connecting or long up, and again on every new
 * subscription (each opens fresh agent streams, so each is a new chance to lose the first,
 * whole table). Root only; subnet 33.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClusterSummary, HubEvents } from '../../../electron/api';
import { startHubOnCluster, waitNodeState, type HubOnCluster } from '../../support/sshHub';

const SUBNET = 33;
const NODES = ['n1', 'n2', 'n3', 'n4'];
let on: HubOnCluster;
let added: ClusterSummary;

beforeAll(async () => {
  on = await startHubOnCluster({ name: 'dbg33', nodes: 4, subnet: SUBNET });
}, 120_000);

afterAll(async () => {
  await on?.close();
});

/** The nodes whose whole table (with rows) has come to this subscription so far, from event `from` on. */
function nodesWithTable(subscriptionId: string, from: number): Set<string> {
  const seen = new Set<string>();
  for (const e of on.h.events.slice(from)) {
    if (e.event !== 'procs.batch') continue;
    const batch = e.payload as HubEvents['procs.batch'];
    if (batch.subscriptionId !== subscriptionId) continue;
    for (const part of batch.nodes) if (part.full && !part.down && part.upserted.length > 0) seen.add(part.nodeId);
  }
  return seen;
}

/** Subscribes, waits until every node has sent its whole table (5 s at most), and unsubscribes. */
async function everyNodeTableWithin5s(): Promise<void> {
  const from = on.h.events.length;
  const { subscriptionId } = await on.h.ok('procs.subscribe', { clusterId: added.id });
  try {
    await expect
      .poll(() => [...nodesWithTable(subscriptionId, from)].sort(), { timeout: 5000, interval: 50 })
      .toEqual(NODES);
  } finally {
    await on.h.ok('procs.unsubscribe', { subscriptionId });
  }
}

describe('the process view of a live cluster', () => {
  it('has every node’s table within 5 s of a subscribe made while the nodes still connect', async () => {
    added = await on.h.ok('clusters.add', {
      name: 'Procs',
      hosts: `10.210.${SUBNET}.11-14`,
      settings: { user: 'root', identityFile: on.cluster.keyPath },
    });
    expect(added.nodes.map((n) => n.id)).toEqual(NODES);
    await everyNodeTableWithin5s();
    await Promise.all(NODES.map((id) => waitNodeState(on.h, added.id, id, 'up')));
  }, 60_000);

  it('has every node’s table within 5 s of each of many subscribes once all are up', async () => {
    for (let round = 0; round < 15; round++) await everyNodeTableWithin5s();
  }, 120_000);
});
