/** Tasks that run outside the runner (applies of /etc/mosix): listed, recorded once ended, kept out of the record on close. */
import { describe, expect, it } from 'vitest';
import type { TaskRecord } from '../../../../../electron/api';
import { silentLog } from '../../../../../electron/hub/log';
import { TaskRecordStore } from '../../../../../electron/hub/tasks/taskRecord';
import { TaskRunner } from '../../../../../electron/hub/tasks/taskRunner';

const configure = (id: string, state: TaskRecord['state'], createdAt = 1): TaskRecord => ({
  id,
  clusterId: 'lab',
  nodeId: '*',
  nodeName: '2 nodes',
  action: { kind: 'configure', applyId: `apply-${id}` },
  target: { files: ['mosix.map'] },
  progress: [
    { nodeId: 'n1', nodeName: 'node1', phase: 'staged', text: 'staged mosix.map' },
    { nodeId: 'n2', nodeName: 'node2', phase: 'staging', text: 'staging 1 file(s)' },
  ],
  state,
  log: [],
  by: 'admin',
  createdAt,
  seen: false,
});

function setup() {
  const events: TaskRecord[] = [];
  const record = new TaskRecordStore();
  const runner = new TaskRunner({ onChange: (t) => events.push(t), record, localUser: 'admin', log: silentLog });
  return { events, record, runner };
}

describe('tasks shown by others', () => {
  it('lists a running one, replaces it as it changes and records it once it ends', () => {
    const { runner, record, events } = setup();
    runner.show(configure('a', 'running', 1));
    runner.show(configure('b', 'running', 2));
    runner.show(configure('a', 'running', 1));
    expect(runner.list().map((t) => t.id)).toEqual(['b', 'a']);
    expect(record.size).toBe(0);
    runner.show({ ...configure('a', 'failed', 1), outcome: 'node2 refused' });
    expect(runner.list().map((t) => [t.id, t.state])).toEqual([
      ['b', 'running'],
      ['a', 'failed'],
    ]);
    expect(record.list()[0]).toMatchObject({ id: 'a', progress: [{ phase: 'staged' }, { phase: 'staging' }] });
    expect(events).toHaveLength(4);
    expect(runner.seen(['a'])).toBe(1);
  });

  it('does not record one still running when the hub closes (its journal brings it back)', () => {
    const { runner, record } = setup();
    runner.show(configure('a', 'running'));
    runner.close();
    expect(record.size).toBe(0);
    expect(runner.list()).toEqual([]);
  });
});
