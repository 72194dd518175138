import { describe, expect, it } from 'vitest';
import { clusterTotals } from '../../../../../renderer/src/features/monitor/clusterTotals';
import { cluster, GiB } from './monitorFixtures';

describe('clusterTotals', () => {
  it('sums the up nodes that reported, and counts the rest as dead', () => {
    const totals = clusterTotals(cluster());
    expect(totals).toMatchObject({ up: 3, dead: 2, reporting: 2, cpus: 6, frozen: 2, guests: 3 });
    // The dead node's stale load of 99 is left out.
    expect(totals.load).toBeCloseTo(2.12, 9);
    expect(totals.memoryUsedBytes).toBeCloseTo(4.1 * GiB, 0);
    expect(totals.memoryTotalBytes).toBeCloseTo(23.8 * GiB, 0);
    expect(totals.guestsReason).toBeUndefined();
  });

  const nulls = [
    {
      name: 'every reporting node is linux',
      nodes: () => cluster().slice(1, 3),
      reason: 'plain Linux nodes take no guest processes',
    },
    { name: 'no node has reported', nodes: () => cluster().slice(2), reason: 'no node has reported yet' },
    { name: 'the cluster is empty', nodes: () => [], reason: 'no node has reported yet' },
  ];

  it.each(nulls)('gives guests null with a reason when $name', ({ nodes, reason }) => {
    const totals = clusterTotals(nodes());
    expect(totals.guests).toBeNull();
    expect(totals.guestsReason).toBe(reason);
  });

  it('counts a linux-only cluster', () => {
    expect(clusterTotals(cluster().slice(1))).toMatchObject({
      up: 2,
      dead: 2,
      reporting: 1,
      cpus: 4,
      load: 0.6,
      memoryUsedBytes: 1 * GiB,
      memoryTotalBytes: 16 * GiB,
      frozen: 0,
      guests: null,
    });
  });

  it('gives zeros, not NaN, for a cluster with nothing up', () => {
    expect(clusterTotals(cluster().slice(3))).toMatchObject({
      up: 0,
      dead: 2,
      reporting: 0,
      cpus: 0,
      load: 0,
      memoryUsedBytes: 0,
      memoryTotalBytes: 0,
      frozen: 0,
    });
  });
});
