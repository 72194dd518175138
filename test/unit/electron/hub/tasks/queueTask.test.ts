import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { QueueEntry, TaskRecord, TaskRequest } from '../../../../../electron/api';
import type { Cluster } from '../../../../../electron/hub/clusters/cluster';
import { AgentCallError } from '../../../../../electron/hub/errors';
import { silentLog } from '../../../../../electron/hub/log';
import type { NodeSession } from '../../../../../electron/hub/nodes/nodeSession';
import { TaskRecordStore } from '../../../../../electron/hub/tasks/taskRecord';
import { TaskRunner } from '../../../../../electron/hub/tasks/taskRunner';
import { FakeNode } from './fakeNode';

beforeEach(() => vi.useFakeTimers({ now: 1_000_000 }));
afterEach(() => vi.useRealTimers());

const job = (pid: number, position: number, priority: number | null = 50): QueueEntry => ({
  position,
  pid,
  user: 'alice',
  memMb: null,
  grid: false,
  priority,
  running: priority === null,
  from: 'here',
  jobId: null,
  command: 'testload',
  seenSince: 0,
});

/** A node whose fake mosq keeps `jobs`; `act` says what each operation does to them. */
function setup(jobs: QueueEntry[], act: (jobs: QueueEntry[], p: Record<string, unknown>) => QueueEntry[]) {
  const events: TaskRecord[] = [];
  const runner = new TaskRunner({
    onChange: (t) => events.push(t),
    record: new TaskRecordStore(),
    localUser: 'admin',
    log: silentLog,
    perCluster: 8,
  });
  const node = new FakeNode('n1', 'node1');
  let queue = jobs;
  node.actions['queue.list'] = () => ({ at: Date.now(), jobs: queue, problems: [] });
  node.actions['queue.act'] = (_n, params) => {
    queue = act(queue, params);
    return { pid: params.pid, op: params.op, requested: true };
  };
  const cluster = { id: 'lab', name: 'lab', kind: 'ssh', nodes: [node] as unknown as NodeSession[] } as Cluster;
  const last = (id: string) => events.filter((e) => e.id === id).at(-1);
  return { runner, node, cluster, last };
}

const item = (pid: number, op: 'delete' | 'run' | 'advance' | 'retard' | 'cngpri', priority?: number): TaskRequest => ({
  nodeId: 'n1',
  target: { pid },
  action: priority === undefined ? { kind: 'queue', op } : { kind: 'queue', op, priority },
});

describe('queue tasks', () => {
  it('advance: sent once, done when the queue shows the job one place up', async () => {
    const swap = (jobs: QueueEntry[]) => [job(11, 1), job(10, 2)].concat(jobs.slice(2));
    const { runner, node, cluster, last } = setup([job(10, 1), job(11, 2)], swap);
    const [t] = runner.start(cluster, [item(11, 'advance')]);
    await vi.advanceTimersByTimeAsync(0);
    expect(last(t!.id)).toMatchObject({ state: 'done', outcome: 'seen job 11: position 1, PRI 50' });
    expect(last(t!.id)?.log.map((l) => l.text)).toContain('sent advance in the queue for process 11 to node1');
    expect(node.calls.map((c) => c.method)).toEqual(['queue.list', 'queue.act', 'queue.list']);
    expect(node.calls[1]?.params).toEqual({ op: 'advance', pid: 11 });
  });

  it('cngpri passes the priority and ends done when the job shows it', async () => {
    const { runner, node, cluster, last } = setup([job(10, 1)], (jobs, p) =>
      jobs.map((j) => (j.pid === p.pid ? { ...j, priority: p.priority as number } : j)),
    );
    const [t] = runner.start(cluster, [item(10, 'cngpri', 20)]);
    await vi.advanceTimersByTimeAsync(0);
    expect(last(t!.id)?.state).toBe('done');
    expect(node.calls[1]?.params).toEqual({ op: 'cngpri', pid: 10, priority: 20 });
  });

  it('is declined without sending what mosq would ignore (the first of its group advanced)', async () => {
    const { runner, node, cluster, last } = setup([job(10, 1), job(11, 2)], (j) => j);
    const [t] = runner.start(cluster, [item(10, 'advance')]);
    await vi.advanceTimersByTimeAsync(0);
    expect(last(t!.id)).toMatchObject({
      state: 'declined',
      outcome: 'not sent: job 10 is already first among the waiting jobs of priority 50',
    });
    expect(node.count('queue.act')).toBe(0);
  });

  it('times out when mosq took it and the queue never shows it, and says what it saw', async () => {
    const { runner, cluster, last } = setup([job(10, 1)], (j) => j);
    const [t] = runner.start(cluster, [item(10, 'run')]);
    await vi.advanceTimersByTimeAsync(10_500);
    expect(last(t!.id)).toMatchObject({
      state: 'timed-out',
      outcome: 'not seen in the queue within 10 s (still waiting (job 10: position 1, PRI 50))',
    });
  });

  it('a refusal of the node is declined; a lost link fails and is not sent again', async () => {
    const { runner, node, cluster, last } = setup([job(10, 1)], () => {
      throw new AgentCallError(1003, 'mosq: permission denied', {});
    });
    const [a] = runner.start(cluster, [item(10, 'delete')]);
    await vi.advanceTimersByTimeAsync(0);
    expect(last(a!.id)).toMatchObject({ state: 'declined', outcome: 'mosq: permission denied' });
    node.actions['queue.act'] = () => node.hold();
    const [b] = runner.start(cluster, [item(10, 'delete')]);
    await vi.advanceTimersByTimeAsync(0);
    node.drop();
    await vi.advanceTimersByTimeAsync(0);
    expect(last(b!.id)?.state).toBe('failed');
    expect(last(b!.id)?.outcome).toMatch(/^the link was lost/);
    node.reconnect();
    await vi.advanceTimersByTimeAsync(5000);
    expect(node.count('queue.act')).toBe(2);
  });
});
