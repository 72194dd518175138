import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TaskRecord, TaskRequest } from '../../../../../electron/api';
import type { Cluster } from '../../../../../electron/hub/clusters/cluster';
import { HubError } from '../../../../../electron/hub/errors';
import { silentLog } from '../../../../../electron/hub/log';
import type { NodeSession } from '../../../../../electron/hub/nodes/nodeSession';
import { TaskRecordStore } from '../../../../../electron/hub/tasks/taskRecord';
import { TaskRunner } from '../../../../../electron/hub/tasks/taskRunner';
import { FakeNode, LINUX_MIGRATE } from './fakeNode';

beforeEach(() => vi.useFakeTimers({ now: 1_000_000 }));
afterEach(() => vi.useRealTimers());

function clusterOf(id: string, nodes: FakeNode[]): Cluster {
  return { id, name: id, kind: 'ssh', nodes: nodes as unknown as NodeSession[] };
}

function setup(perCluster = 8) {
  const events: TaskRecord[] = [];
  const record = new TaskRecordStore();
  const runner = new TaskRunner({
    onChange: (t) => events.push(t),
    record,
    localUser: 'admin',
    log: silentLog,
    perCluster,
  });
  const n1 = new FakeNode('n1', 'node1');
  const cluster = clusterOf('lab', [n1, new FakeNode('n3', 'node3')]);
  const last = (id: string): TaskRecord | undefined => events.filter((e) => e.id === id).at(-1);
  const statesOf = (id: string): string[] =>
    events
      .filter((e) => e.id === id)
      .map((e) => e.state)
      .filter((s, i, all) => s !== all[i - 1]);
  return { events, record, runner, n1, cluster, last, statesOf };
}

const freeze = (pid: number, nodeId = 'n1'): TaskRequest => ({ nodeId, target: { pid }, action: { kind: 'freeze' } });

describe('TaskRunner', () => {
  it('makes queued tasks, runs them and ends done once the node shows the outcome', async () => {
    const { runner, n1, cluster, last, statesOf } = setup();
    n1.add(4711);
    const [made] = runner.start(cluster, [{ ...freeze(4711), command: 'sleep 60' }]);
    expect(made).toMatchObject({ state: 'queued', by: 'admin', nodeName: 'node1', command: 'sleep 60', seen: false });
    expect(made?.createdAt).toBe(1_000_000);
    await vi.advanceTimersByTimeAsync(0);
    const done = last(made!.id);
    expect(statesOf(made!.id)).toEqual(['queued', 'running', 'done']);
    expect(done).toMatchObject({ state: 'done', outcome: 'seen frozen (process 4711: FRZ M, state T, WHERE here)' });
    expect(done?.seen).toBe(true);
    expect(done?.log.map((l) => l.text)).toEqual([
      'queued by admin',
      'sent freeze for process 4711 to node1',
      'node1 applied it to 1 process (sigstop)',
      'done: seen frozen (process 4711: FRZ M, state T, WHERE here)',
    ]);
    expect(n1.calls.map((c) => c.method)).toEqual(['proc.freeze', 'procs.list']);
    expect(runner.list().map((t) => t.id)).toEqual([made!.id]);
  });

  it('keeps watching every ~200 ms until the outcome shows, the second read only of its user', async () => {
    const { runner, n1, cluster, last } = setup();
    n1.add(4711);
    // The agent answers at once; the kernel shows the stop a little later.
    n1.actions['proc.freeze'] = (node) => {
      setTimeout(() => Object.assign(node.procs.get(4711)!, { state: 'T' }), 500);
      Object.assign(node.procs.get(4711)!, { frz: 'M' });
      return { pids: [4711], method: 'sigstop' };
    };
    const [t] = runner.start(cluster, [freeze(4711)]);
    await vi.advanceTimersByTimeAsync(450);
    expect(last(t!.id)?.state).toBe('running');
    await vi.advanceTimersByTimeAsync(200);
    expect(last(t!.id)?.state).toBe('done');
    const lists = n1.calls.filter((c) => c.method === 'procs.list');
    expect(lists.length).toBe(4);
    expect(lists.map((c) => c.params)).toEqual([{}, { user: 'alice' }, { user: 'alice' }, { user: 'alice' }]);
  });

  it('runs at most the bound per cluster at once, the rest in order, and other clusters beside them', async () => {
    const { runner, n1, cluster, statesOf } = setup(2);
    const releases: (() => void)[] = [];
    n1.actions['proc.signal'] = (node, params) =>
      new Promise((resolve) =>
        releases.push(() => {
          node.procs.delete(params.pid as number);
          resolve({ pids: [params.pid], method: 'signal' });
        }),
      );
    for (const pid of [1, 2, 3, 4, 5]) n1.add(pid + 100);
    const tasks = runner.start(
      cluster,
      [101, 102, 103, 104, 105].map((pid) => ({
        nodeId: 'n1',
        target: { pid },
        action: { kind: 'signal', signal: 'KILL' },
      })),
    );
    const other = new FakeNode('o1');
    other.add(9);
    const [elsewhere] = runner.start(clusterOf('other', [other]), [freeze(9, 'o1')]);
    await vi.advanceTimersByTimeAsync(0);
    expect(n1.count('proc.signal')).toBe(2);
    expect(statesOf(elsewhere!.id).at(-1)).toBe('done');
    expect(tasks.map((t) => statesOf(t.id).at(-1))).toEqual(['running', 'running', 'queued', 'queued', 'queued']);
    for (let round = 0; round < 3; round++) {
      releases.splice(0).forEach((release) => release());
      await vi.advanceTimersByTimeAsync(0);
      expect(n1.count('proc.signal')).toBeLessThanOrEqual(2 * (round + 2));
    }
    expect(n1.calls.filter((c) => c.method === 'proc.signal').map((c) => c.params.pid)).toEqual([
      101, 102, 103, 104, 105,
    ]);
    expect(tasks.map((t) => statesOf(t.id).at(-1))).toEqual(['done', 'done', 'done', 'done', 'done']);
  });

  it("ends declined with the agent's reason when the node refuses", async () => {
    const { runner, n1, cluster, last } = setup();
    n1.add(4711);
    const [migrate, ghost] = runner.start(cluster, [
      { nodeId: 'n1', target: { pid: 4711 }, action: { kind: 'migrate', to: 'n3' } },
      freeze(4712),
    ]);
    await vi.advanceTimersByTimeAsync(0);
    expect(last(migrate!.id)).toMatchObject({ state: 'declined', outcome: LINUX_MIGRATE, seen: false });
    expect(last(migrate!.id)?.log[1]?.text).toBe('sent migrate to node3 for process 4711 to node1');
    expect(n1.calls.find((c) => c.method === 'proc.migrate')?.params).toEqual({ pid: 4711, to: 'node3' });
    expect(last(ghost!.id)).toMatchObject({
      state: 'declined',
      outcome: 'No process 4712 on this node (it may have ended).',
    });
    expect(n1.count('procs.list')).toBe(0);
  });

  it('ends failed when the link drops while the action is in flight, and never sends it again', async () => {
    const { runner, n1, cluster, last } = setup();
    n1.add(4711);
    n1.actions['proc.freeze'] = (node) => node.hold();
    const [t] = runner.start(cluster, [freeze(4711)]);
    await vi.advanceTimersByTimeAsync(100);
    n1.drop('the connection was reset');
    await vi.advanceTimersByTimeAsync(0);
    expect(last(t!.id)).toMatchObject({
      state: 'failed',
      outcome: 'the link was lost (the connection was reset); it is not sent again by itself',
    });
    n1.reconnect();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(n1.count('proc.freeze')).toBe(1);
    expect(n1.calls.length).toBe(1);
  });

  it('ends failed when the link drops while the outcome is awaited', async () => {
    const { runner, n1, cluster, last } = setup();
    n1.add(4711);
    n1.actions['proc.freeze'] = () => ({ pids: [4711], method: 'sigstop' }); // never shows
    const [t] = runner.start(cluster, [freeze(4711)]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(last(t!.id)?.state).toBe('running');
    n1.drop();
    n1.reconnect();
    await vi.advanceTimersByTimeAsync(1000);
    expect(last(t!.id)?.state).toBe('failed');
    expect(last(t!.id)?.outcome).toMatch(/^the link was lost/);
    const reads = n1.count('procs.list');
    await vi.advanceTimersByTimeAsync(20_000);
    expect(n1.count('procs.list')).toBe(reads);
    expect(n1.count('proc.freeze')).toBe(1);
  });

  it('does not send to a node that is down, and does not send it later', async () => {
    const { runner, n1, cluster, last } = setup();
    n1.drop('Connection refused');
    const [t] = runner.start(cluster, [freeze(4711)]);
    await vi.advanceTimersByTimeAsync(0);
    expect(last(t!.id)).toMatchObject({
      state: 'failed',
      outcome: expect.stringMatching(/^not sent: node1 is dead \(Connection refused\)/),
    });
    n1.reconnect();
    await vi.advanceTimersByTimeAsync(30_000);
    expect(n1.calls).toEqual([]);
  });

  it('ends timed-out when a process outlives SIGTERM by 10 s', async () => {
    const { runner, n1, cluster, last } = setup();
    n1.add(4711);
    n1.ignoresTerm = true;
    const [t] = runner.start(cluster, [
      { nodeId: 'n1', target: { pid: 4711 }, action: { kind: 'signal', signal: 'TERM' } },
    ]);
    await vi.advanceTimersByTimeAsync(9_900);
    expect(last(t!.id)?.state).toBe('running');
    await vi.advanceTimersByTimeAsync(400);
    expect(last(t!.id)).toMatchObject({
      state: 'timed-out',
      outcome: 'still running 10 s after SIGTERM (1 process still there (process 4711: FRZ -, state S, WHERE here))',
    });
    expect(last(t!.id)!.endedAt! - last(t!.id)!.startedAt!).toBeGreaterThanOrEqual(10_000);
  });

  it('ends a migration declined when the process has not moved at all 10 s after the request', async () => {
    const { runner, n1, cluster, last } = setup();
    n1.add(4711);
    n1.actions['proc.migrate'] = () => ({ pids: [4711] }); // MOSIX accepted it; nothing moves
    const [t] = runner.start(cluster, [{ nodeId: 'n1', target: { pid: 4711 }, action: { kind: 'migrate', to: 'n3' } }]);
    await vi.advanceTimersByTimeAsync(9_500);
    expect(last(t!.id)?.state).toBe('running');
    await vi.advanceTimersByTimeAsync(800);
    expect(last(t!.id)).toMatchObject({
      state: 'declined',
      outcome: expect.stringContaining(
        'process 4711 did not move in 10 s: MOSIX took the request but kept it on node1',
      ),
    });
  });

  it('waits 30 s for a migration that is on its way', async () => {
    const { runner, n1, cluster, last } = setup();
    n1.add(4711);
    n1.actions['proc.migrate'] = () => ({ pids: [4711] });
    const [t] = runner.start(cluster, [{ nodeId: 'n1', target: { pid: 4711 }, action: { kind: 'migrate', to: 'n3' } }]);
    await vi.advanceTimersByTimeAsync(2_000);
    n1.procs.get(4711)!.where = 'node2'; // moved, not yet where it was sent
    await vi.advanceTimersByTimeAsync(27_000);
    expect(last(t!.id)?.state).toBe('running');
    n1.procs.get(4711)!.where = 'node3';
    await vi.advanceTimersByTimeAsync(300);
    expect(last(t!.id)).toMatchObject({ state: 'done', outcome: expect.stringContaining('seen on node3') });
  });

  it('ends done at once for what cannot be observed, and timed-out when the agent never answers', async () => {
    const { runner, n1, cluster, last } = setup();
    n1.add(4711);
    n1.actions['proc.continue'] = () => {
      throw new HubError('timeout', 'The agent did not answer "proc.continue" within 10 s.');
    };
    const [usr1, cont] = runner.start(cluster, [
      { nodeId: 'n1', target: { pid: 4711 }, action: { kind: 'signal', signal: 'USR1' } },
      { nodeId: 'n1', target: { pid: 4711 }, action: { kind: 'continue' } },
    ]);
    await vi.advanceTimersByTimeAsync(0);
    expect(last(usr1!.id)).toMatchObject({ state: 'done', outcome: 'sent; nothing to observe for SIGUSR1' });
    expect(last(cont!.id)).toMatchObject({
      state: 'timed-out',
      outcome: expect.stringContaining('it is not sent again'),
    });
    expect(n1.count('procs.list')).toBe(0);
  });

  it('watches every process of a Job ID of the agent user', async () => {
    const { runner, n1, cluster, last } = setup();
    n1.add(10, { jobId: 7 });
    n1.add(11, { jobId: 7 });
    n1.add(12, { jobId: 8 });
    const [t] = runner.start(cluster, [
      { nodeId: 'n1', target: { jobId: 7 }, action: { kind: 'signal', signal: 'KILL' } },
    ]);
    await vi.advanceTimersByTimeAsync(0);
    expect(last(t!.id)).toMatchObject({ state: 'done', outcome: 'gone: Job ID 7 is no longer on node1' });
    expect(n1.calls.at(-1)).toEqual({ method: 'procs.list', params: { jobId: 7, user: 'alice' } });
    expect([...n1.procs.keys()]).toEqual([12]);
  });

  it('refuses an unknown node or migration target, starting none', () => {
    const { runner, cluster, events } = setup();
    expect(() => runner.start(cluster, [freeze(1), freeze(2, 'nope')])).toThrow(
      expect.objectContaining({ code: 'not-found' }),
    );
    expect(() =>
      runner.start(cluster, [{ nodeId: 'n1', target: { pid: 1 }, action: { kind: 'migrate', to: 'nope' } }]),
    ).toThrow(expect.objectContaining({ code: 'not-found' }));
    expect(events).toEqual([]);
  });

  it('lists running before ended, newest first, and marks ended ones seen', async () => {
    const { runner, n1, cluster, events } = setup();
    n1.add(1);
    const [declined] = runner.start(cluster, [freeze(2)]);
    await vi.advanceTimersByTimeAsync(1);
    n1.actions['proc.freeze'] = (node) => node.hold();
    const [held] = runner.start(cluster, [freeze(1)]);
    await vi.advanceTimersByTimeAsync(1);
    expect(runner.list().map((t) => [t.id, t.state])).toEqual([
      [held!.id, 'running'],
      [declined!.id, 'declined'],
    ]);
    expect(runner.list(1)).toHaveLength(1);
    const before = events.length;
    expect(runner.seen([declined!.id, held!.id, 'unknown'])).toBe(1);
    expect(runner.seen([declined!.id])).toBe(0);
    expect(events.slice(before)).toEqual([expect.objectContaining({ id: declined!.id, seen: true })]);
  });

  it('ends every task that has not ended when it closes, records them, and starts no more', async () => {
    const { runner, n1, cluster, record, last } = setup(1);
    n1.add(1);
    n1.actions['proc.freeze'] = (node) => node.hold();
    const [running, queued] = runner.start(cluster, [freeze(1), freeze(1)]);
    await vi.advanceTimersByTimeAsync(0);
    runner.close();
    expect(last(running!.id)).toMatchObject({
      state: 'failed',
      outcome: expect.stringContaining('mosdesk was closed'),
    });
    expect(last(queued!.id)).toMatchObject({
      state: 'failed',
      outcome: 'not sent: mosdesk was closed before its turn',
    });
    expect(record.size).toBe(2);
    expect(() => runner.start(cluster, [freeze(1)])).toThrow(expect.objectContaining({ code: 'unavailable' }));
    n1.drop();
    await vi.advanceTimersByTimeAsync(1000);
    expect(last(running!.id)?.log.at(-1)?.text).toMatch(/^failed: mosdesk was closed/);
    expect(n1.count('proc.freeze')).toBe(1);
  });
});
