import { describe, expect, it } from 'vitest';
import {
  applyQueueOp,
  byPid,
  listallOrder,
  pruneDead,
  type QueueEntry,
  type QueueOp,
  waitingOrder,
} from '../../mosixStandIn/records';
import { entry, record, state } from './fixtures';

/** The tutorial's queue (reference/mosix.md §1.4): 21155 and 21667 waiting at 50, 21155 first. */
const tutorial = () =>
  state(
    [],
    [
      entry({ pid: 21666, state: 'running', seq: 1 }),
      entry({ pid: 21155, home: 2, seq: 2 }),
      entry({ pid: 21667, seq: 3 }),
    ],
  );

const pids = (entries: QueueEntry[]) => entries.map((e) => e.pid);

describe('the queue', () => {
  it('orders by priority, then first come first served; listall puts the started jobs first', () => {
    const s = state(
      [],
      [entry({ pid: 1, priority: 60, seq: 1 }), entry({ pid: 2, seq: 2 }), entry({ pid: 3, seq: 3 })],
    );
    s.queue.push(entry({ pid: 4, seq: 4, state: 'running' }));
    expect(pids(waitingOrder(s.queue))).toEqual([2, 3, 1]);
    expect(pids(listallOrder(s.queue))).toEqual([4, 2, 3, 1]);
  });

  const ops: { op: QueueOp; want: number[] }[] = [
    // The tutorial's `mosq cngpri 20 21155`... here on 21667, which then goes ahead of the priority-50 job.
    { op: { op: 'cngpri', pid: 21667, priority: 20 }, want: [21666, 21667, 21155] },
    { op: { op: 'advance', pid: 21667 }, want: [21666, 21667, 21155] },
    { op: { op: 'retard', pid: 21155 }, want: [21666, 21667, 21155] },
    { op: { op: 'retard', pid: 21667 }, want: [21666, 21155, 21667] },
    { op: { op: 'run', pid: 21667 }, want: [21666, 21667, 21155] },
    { op: { op: 'delete', pid: 21155 }, want: [21666, 21667] },
  ];
  for (const { op, want } of ops)
    it(`${op.op} ${op.pid} gives ${want.join(', ')}`, () => {
      const s = tutorial();
      applyQueueOp(s, op, 1);
      expect(pids(listallOrder(s.queue))).toEqual(want);
    });

  it('re-files a job under a new priority at the end of that priority group', () => {
    const s = state(
      [],
      [entry({ pid: 1, priority: 40, seq: 1 }), entry({ pid: 2, priority: 40, seq: 2 }), entry({ pid: 3, seq: 3 })],
    );
    s.seq = 4;
    applyQueueOp(s, { op: 'cngpri', pid: 3, priority: 40 }, 1);
    expect(pids(waitingOrder(s.queue))).toEqual([1, 2, 3]);
    applyQueueOp(s, { op: 'advance', pid: 3 }, 1);
    expect(pids(waitingOrder(s.queue))).toEqual([3, 1, 2]);
  });

  it('acts on waiting jobs only, and names a PID two nodes share', () => {
    const s = tutorial();
    expect(() => applyQueueOp(s, { op: 'run', pid: 21666 }, 1)).toThrow(/no job waiting in the queue with PID 21666/);
    s.queue.push(entry({ pid: 21155, home: 3 }));
    expect(() => applyQueueOp(s, { op: 'run', pid: 21155 }, 1)).toThrow(/nodes 2, 3: run this on its home/);
    expect(applyQueueOp(s, { op: 'run', pid: 21155 }, 3).home).toBe(3);
  });

  it("picks this node's item first among equal PIDs", () => {
    const items = [record({ home: 2, pid: 5 }), record({ home: 1, pid: 5 })];
    expect(byPid(items, 5, 1, 'process').home).toBe(1);
    expect(byPid(items, 5, 2, 'process').home).toBe(2);
    expect(() => byPid(items, 5, 3, 'process')).toThrow(/PID 5 is a process on nodes 2, 1/);
    expect(byPid(items.slice(0, 1), 5, 3, 'process').home).toBe(2);
  });

  it("forgets this node's ended processes and jobs only", () => {
    const s = state(
      [record({ home: 1, pid: 10 }), record({ home: 1, pid: 11 }), record({ home: 2, pid: 10 })],
      [entry({ home: 1, pid: 12 }), entry({ home: 2, pid: 12 })],
    );
    expect(pruneDead(s, 1, (pid) => pid === 11)).toBe(true);
    expect(s.procs.map((r) => `${r.home}:${r.pid}`)).toEqual(['1:11', '2:10']);
    expect(s.queue.map((e) => `${e.home}:${e.pid}`)).toEqual(['2:12']);
    expect(pruneDead(s, 1, () => true)).toBe(false);
  });
});
