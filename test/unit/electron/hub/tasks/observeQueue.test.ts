import { describe, expect, it } from 'vitest';
import type { QueueEntry } from '../../../../../electron/api';
import {
  judgeQueue,
  type QueueAction,
  queueActionText,
  queueRefusal,
} from '../../../../../electron/hub/tasks/observeQueue';

const job = (pid: number, position: number, more: Partial<QueueEntry> = {}): QueueEntry => ({
  position,
  pid,
  user: 'alice',
  memMb: null,
  grid: false,
  priority: 50,
  running: false,
  from: 'here',
  jobId: null,
  command: 'testload',
  seenSince: 0,
  ...more,
});

const q = (op: QueueAction['op'], priority?: number): QueueAction =>
  priority === undefined ? { kind: 'queue', op } : { kind: 'queue', op, priority };

/** A queue of a running job (1), then 3 waiting of priority 50 (2, 3, 4) and one of 60 (5). */
const QUEUE = [
  job(101, 1, { running: true, priority: null }),
  job(102, 2),
  job(103, 3),
  job(104, 4),
  job(105, 5, { priority: 60 }),
];

describe('judgeQueue: what the queue says about a queue action', () => {
  it.each([
    {
      name: 'delete, gone',
      action: q('delete'),
      pid: 103,
      before: QUEUE[2],
      now: QUEUE.filter((j) => j.pid !== 103),
      want: 'done',
    },
    { name: 'delete, still there', action: q('delete'), pid: 103, before: QUEUE[2], now: QUEUE, want: 'waiting' },
    {
      name: 'run, RUN',
      action: q('run'),
      pid: 103,
      before: QUEUE[2],
      now: [job(103, 2, { running: true, priority: null })],
      want: 'done',
    },
    { name: 'run, left the queue', action: q('run'), pid: 103, before: QUEUE[2], now: [], want: 'done' },
    { name: 'run, still waiting', action: q('run'), pid: 103, before: QUEUE[2], now: QUEUE, want: 'waiting' },
    {
      name: 'cngpri, new priority',
      action: q('cngpri', 20),
      pid: 104,
      before: QUEUE[3],
      now: [job(104, 2, { priority: 20 })],
      want: 'done',
    },
    { name: 'cngpri, old priority', action: q('cngpri', 20), pid: 104, before: QUEUE[3], now: QUEUE, want: 'waiting' },
    { name: 'cngpri, gone', action: q('cngpri', 20), pid: 104, before: QUEUE[3], now: [], want: 'gone' },
    {
      name: 'cngpri, started meanwhile',
      action: q('cngpri', 20),
      pid: 104,
      before: QUEUE[3],
      now: [job(104, 1, { running: true, priority: null })],
      want: 'gone',
    },
    {
      name: 'advance, moved up',
      action: q('advance'),
      pid: 103,
      before: QUEUE[2],
      now: [job(103, 2), job(102, 3)],
      want: 'done',
    },
    { name: 'advance, not moved', action: q('advance'), pid: 103, before: QUEUE[2], now: QUEUE, want: 'waiting' },
    {
      name: 'advance, moved down',
      action: q('advance'),
      pid: 103,
      before: QUEUE[2],
      now: [job(103, 4)],
      want: 'waiting',
    },
    {
      name: 'advance, not seen before',
      action: q('advance'),
      pid: 103,
      before: undefined,
      now: [job(103, 1)],
      want: 'waiting',
    },
    { name: 'retard, moved down', action: q('retard'), pid: 103, before: QUEUE[2], now: [job(103, 4)], want: 'done' },
    { name: 'retard, not moved', action: q('retard'), pid: 103, before: QUEUE[2], now: QUEUE, want: 'waiting' },
    { name: 'retard, gone', action: q('retard'), pid: 103, before: QUEUE[2], now: [], want: 'gone' },
  ])('$name: $want', ({ action, pid, before, now, want }) => {
    expect(judgeQueue(action, pid, before, now).kind).toBe(want);
  });

  it('says what it saw, in words', () => {
    expect(judgeQueue(q('delete'), 103, QUEUE[2], []).text).toBe('job 103 is no longer in the queue');
    expect(judgeQueue(q('advance'), 103, QUEUE[2], QUEUE).text).toBe('not yet (job 103: position 3, PRI 50)');
    expect(judgeQueue(q('run'), 103, QUEUE[2], [job(103, 2, { running: true })]).text).toBe(
      'seen running (job 103: position 2, RUN)',
    );
  });
});

describe('queueRefusal: what is refused before anything is sent', () => {
  it.each([
    {
      name: 'not queued',
      action: q('run'),
      pid: 999,
      want: 'job 999 is not in the queue (it may have started, ended or been deleted)',
    },
    {
      name: 'run a running job',
      action: q('run'),
      pid: 101,
      want: 'job 101 already runs; only waiting jobs can be released',
    },
    {
      name: 'advance a running job',
      action: q('advance'),
      pid: 101,
      want: 'job 101 already runs; only waiting jobs can be re-queued',
    },
    { name: 'same priority', action: q('cngpri', 50), pid: 102, want: 'job 102 already has priority 50' },
    {
      name: 'advance the first of its group',
      action: q('advance'),
      pid: 102,
      want: 'job 102 is already first among the waiting jobs of priority 50',
    },
    {
      name: 'retard the last of its group',
      action: q('retard'),
      pid: 104,
      want: 'job 104 is already last among the waiting jobs of priority 50',
    },
    {
      name: 'advance the only one of its group',
      action: q('advance'),
      pid: 105,
      want: 'job 105 is already first among the waiting jobs of priority 60',
    },
    { name: 'advance the second', action: q('advance'), pid: 103, want: undefined },
    { name: 'retard the first', action: q('retard'), pid: 102, want: undefined },
    { name: 'delete a running job', action: q('delete'), pid: 101, want: undefined },
    { name: 'new priority', action: q('cngpri', 10), pid: 105, want: undefined },
    { name: 'run a waiting job', action: q('run'), pid: 104, want: undefined },
  ])('$name', ({ action, pid, want }) => {
    expect(queueRefusal(action, pid, QUEUE)).toBe(want);
  });
});

it('names each queue action for the task log', () => {
  expect(['delete', 'run', 'advance', 'retard'].map((op) => queueActionText(q(op as QueueAction['op'])))).toEqual([
    'delete from the queue',
    'run now',
    'advance in the queue',
    'retard in the queue',
  ]);
  expect(queueActionText(q('cngpri', 20))).toBe('change priority to 20');
});
