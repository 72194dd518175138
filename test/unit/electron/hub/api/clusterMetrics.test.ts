import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EventName, HubEvents, MetricsSample } from '../../../../../electron/api';
import { clusterMetrics } from '../../../../../electron/hub/api/clusterMetrics';
import type { ConnectionState } from '../../../../../electron/hub/api/connection';
import type { Cluster } from '../../../../../electron/hub/clusters/cluster';
import type { NodeSession } from '../../../../../electron/hub/nodes/nodeSession';

type Listener = (s: MetricsSample) => void;

function fakeNode(id: string, latest?: MetricsSample) {
  const listeners = new Set<Listener>();
  const node = {
    snapshot: { id },
    latestSample: latest,
    metrics: {
      add: (_p: unknown, l: Listener) => {
        listeners.add(l);
        return () => listeners.delete(l);
      },
    },
  } as unknown as NodeSession;
  return { node, send: (s: MetricsSample) => listeners.forEach((l) => l(s)), listeners };
}

const at = (n: number) => ({ at: n }) as MetricsSample;

let events: { event: EventName; payload: unknown }[];
const conn: ConnectionState = {
  emit: (event, payload) => events.push({ event, payload }),
  subscriptions: new Map(),
};
const batches = () =>
  events.filter((e) => e.event === 'metrics.batch').map((e) => e.payload as HubEvents['metrics.batch']);

beforeEach(() => {
  vi.useFakeTimers();
  events = [];
});
afterEach(() => vi.useRealTimers());

describe('a cluster metrics subscription', () => {
  it('sends one batch per tick with every node that sent a sample, whatever the number of nodes', () => {
    const nodes = Array.from({ length: 200 }, (_, i) => fakeNode(`n${i}`));
    const cluster: Cluster = { id: 'c', name: 'c', kind: 'ssh', nodes: nodes.map((n) => n.node) };
    const sub = clusterMetrics(conn, cluster, 's1', 1000);
    vi.advanceTimersByTime(0);
    expect(batches()).toEqual([]); // nothing known yet: no empty batch
    nodes.forEach((n, i) => n.send(at(i)));
    nodes[0]!.send(at(999)); // a second sample in the same tick replaces the first
    vi.advanceTimersByTime(1000);
    expect(batches()).toHaveLength(1);
    const [batch] = batches();
    expect(batch!.samples).toHaveLength(200);
    expect(batch!.samples[0]).toEqual({ nodeId: 'n0', sample: at(999) });
    vi.advanceTimersByTime(3000);
    expect(batches()).toHaveLength(1); // quiet nodes, no events
    sub.stop();
    expect(nodes.every((n) => n.listeners.size === 0)).toBe(true);
  });

  it('sends the newest figures it already has at once, before the first tick', () => {
    const a = fakeNode('a', at(5));
    const b = fakeNode('b');
    const sub = clusterMetrics(conn, { id: 'c', name: 'c', kind: 'ssh', nodes: [a.node, b.node] }, 's1', 1000);
    vi.advanceTimersByTime(0);
    expect(batches()).toEqual([{ subscriptionId: 's1', clusterId: 'c', samples: [{ nodeId: 'a', sample: at(5) }] }]);
    sub.stop();
  });

  it('follows nodes that join and leave', () => {
    const a = fakeNode('a');
    const cluster: Cluster = { id: 'c', name: 'c', kind: 'ssh', nodes: [a.node] };
    const sub = clusterMetrics(conn, cluster, 's1', 1000);
    const b = fakeNode('b');
    cluster.nodes = [b.node];
    sub.sync();
    expect(a.listeners.size).toBe(0);
    b.send(at(1));
    vi.advanceTimersByTime(1000);
    expect(batches()[0]!.samples.map((s) => s.nodeId)).toEqual(['b']);
    sub.stop();
  });
});
