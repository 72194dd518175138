import { describe, expect, it } from 'vitest';
import type { TaskRecord } from '../../../../../electron/api';
import { actionText, drawerLine, needsLook, withTask } from '../../../../../renderer/src/features/tasks/taskList';

const task = (id: string, over: Partial<TaskRecord> = {}): TaskRecord => ({
  id,
  clusterId: 'lab',
  nodeId: 'n2',
  nodeName: 'node2',
  action: { kind: 'freeze' },
  target: { pid: 4711 },
  state: 'queued',
  log: [],
  by: 'admin',
  createdAt: Number(id),
  seen: false,
  ...over,
});

describe('the task list', () => {
  it('keeps the newest first and replaces a task that changed', () => {
    let list = withTask([], task('1'));
    list = withTask(list, task('2'));
    list = withTask(list, task('1', { state: 'done' }));
    expect(list.map((t) => [t.id, t.state])).toEqual([
      ['2', 'queued'],
      ['1', 'done'],
    ]);
  });

  it.each<[string, TaskRecord[], string]>([
    ['nothing yet', [], 'No tasks yet: actions on processes show here.'],
    ['running ones', [task('1', { state: 'running' }), task('2')], '2 running'],
    [
      'a failure not seen',
      [task('1', { state: 'failed' }), task('2', { state: 'running' })],
      '1 running · 1 not done, not seen',
    ],
    ['a failure seen', [task('1', { state: 'failed', seen: true })], 'Last: freeze 4711 on node2 — failed'],
  ])('the drawer line with %s', (_name, tasks, line) => {
    expect(drawerLine(tasks)).toBe(line);
  });

  it.each<[string, Partial<TaskRecord>, string]>([
    ['a freeze', {}, 'freeze 4711 on node2'],
    [
      'a signal to a Job ID',
      { action: { kind: 'signal', signal: 'KILL' }, target: { jobId: 7, user: 'alice' } },
      'SIGKILL to Job ID 7 of alice on node2',
    ],
    ['a migration', { action: { kind: 'migrate', to: 'n3' } }, 'migrate 4711 on node2 to n3'],
    ['a queue advance', { action: { kind: 'queue', op: 'advance' } }, 'queue: advance 4711 on node2'],
    ['a queue run', { action: { kind: 'queue', op: 'run' } }, 'queue: run now 4711 on node2'],
    [
      'a new priority',
      { action: { kind: 'queue', op: 'cngpri', priority: 10 } },
      'queue: priority 10 for 4711 on node2',
    ],
    ['a checkpoint that exits', { action: { kind: 'checkpoint', then: 'exit' } }, 'checkpoint and exit 4711 on node2'],
  ])('says %s in words', (_name, over, text) => {
    expect(actionText(task('1', over))).toBe(text);
  });

  it('needs a look only when it ended badly and was not seen', () => {
    expect(
      [
        task('1', { state: 'done' }),
        task('2', { state: 'declined' }),
        task('3', { state: 'timed-out', seen: true }),
      ].map(needsLook),
    ).toEqual([false, true, false]);
  });
});
