/**
 * The hub's side of watching many nodes, with synthetic node streams (no SSH): 200 nodes each
 * delivering a real-shaped sample once a second into the hub's history rings and one window's
 * batched cluster subscription, serialised as the WebSocket would. Side by side in one run with
 * the old way (one serialised event per node sample), so the ratio survives a noisy machine.
 */
import type { EventName, MetricsSample } from '../../electron/api';
import { clusterMetrics } from '../../electron/hub/api/clusterMetrics';
import type { ConnectionState } from '../../electron/hub/api/connection';
import type { Cluster } from '../../electron/hub/clusters/cluster';
import { HistoryRing } from '../../electron/hub/metrics/historyRing';
import type { NodeSession } from '../../electron/hub/nodes/nodeSession';
import { syntheticSample } from '../support/syntheticSamples';
import { sleep } from './support/format';

export interface StreamResult {
  nodes: number;
  seconds: number;
  /** Share of one core, in percent. */
  batchedCpuPercent: number;
  perNodeCpuPercent: number;
  batchedEventsPerSecond: number;
  perNodeEventsPerSecond: number;
  historyBytesPerNode: number;
  historyBytesTotal: number;
}

interface SyntheticNode {
  session: NodeSession;
  send(s: MetricsSample): void;
  ring: HistoryRing;
}

function syntheticNode(k: number): SyntheticNode {
  const listeners = new Set<(s: MetricsSample) => void>();
  const ring = new HistoryRing();
  const session = {
    snapshot: { id: `n${k}` },
    latestSample: undefined,
    metrics: {
      add: (_p: unknown, l: (s: MetricsSample) => void) => {
        listeners.add(l);
        return () => listeners.delete(l);
      },
    },
  } as unknown as NodeSession;
  return {
    session,
    ring,
    send: (s) => {
      ring.push(Date.now(), s);
      for (const l of listeners) l(s);
    },
  };
}

/** Runs the nodes for `seconds`, each sending at its own phase within the second, as real agents do. */
async function drive(nodes: SyntheticNode[], seconds: number, onSample?: (k: number, s: MetricsSample) => void) {
  const timers = nodes.map((node, k) =>
    setTimeout(
      () => {
        const tick = (): void => {
          const s = syntheticSample(k, Date.now());
          node.send(s);
          onSample?.(k, s);
        };
        tick();
        timers[k] = setInterval(tick, 1000);
      },
      (k * 1000) / nodes.length,
    ),
  );
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await sleep(seconds * 1000);
  const cpu = process.cpuUsage(cpu0);
  const elapsed = (performance.now() - t0) / 1000;
  timers.forEach((t) => clearInterval(t));
  return { cpuPercent: ((cpu.user + cpu.system) / 1e6 / elapsed) * 100, elapsed };
}

export async function benchStreams(nodeCount: number, seconds: number): Promise<StreamResult> {
  let wire = 0;
  let events = 0;
  const conn: ConnectionState = {
    emit: (event: EventName, payload: unknown) => {
      wire += JSON.stringify({ event, payload }).length;
      events++;
    },
    subscriptions: new Map(),
  };
  // Batched: what the hub does now.
  const nodes = Array.from({ length: nodeCount }, (_, k) => syntheticNode(k));
  const cluster: Cluster = { id: 'bench', name: 'bench', kind: 'ssh', nodes: nodes.map((n) => n.session) };
  const sub = clusterMetrics(conn, cluster, 'sub', 1000);
  const batched = await drive(nodes, seconds);
  sub.stop();
  const batchedEvents = events;
  // Per node: one event for every sample, as the hub did before.
  events = 0;
  const perNodeNodes = Array.from({ length: nodeCount }, (_, k) => syntheticNode(k));
  const perNode = await drive(perNodeNodes, seconds, (k, s) =>
    conn.emit('metrics.batch', {
      subscriptionId: 'sub',
      clusterId: 'bench',
      samples: [{ nodeId: `n${k}`, sample: s }],
    }),
  );
  // `wire` is only there so the serialising, the cost being measured, cannot be optimised away.
  void wire;
  const perRing = nodes[0]?.ring.bytes ?? 0;
  return {
    nodes: nodeCount,
    seconds,
    batchedCpuPercent: batched.cpuPercent,
    perNodeCpuPercent: perNode.cpuPercent,
    batchedEventsPerSecond: batchedEvents / batched.elapsed,
    perNodeEventsPerSecond: events / perNode.elapsed,
    historyBytesPerNode: perRing,
    historyBytesTotal: perRing * nodeCount,
  };
}
