import { describe, expect, it } from 'vitest';
import type { TaskNodeProgress, TaskRecord } from '../../../../../electron/api';
import { progressSummary, progressTone } from '../../../../../renderer/src/features/tasks/taskProgress';

const node = (nodeId: string, phase: TaskNodeProgress['phase']): TaskNodeProgress => ({
  nodeId,
  nodeName: nodeId,
  phase,
  text: '',
});
const task = (progress?: TaskNodeProgress[]): TaskRecord => ({
  id: '1',
  clusterId: 'lab',
  nodeId: '*',
  nodeName: '3 nodes',
  action: { kind: 'configure', applyId: 'apply-1' },
  target: { files: ['mosix.map'] },
  ...(progress && { progress }),
  state: 'running',
  log: [],
  by: 'admin',
  createdAt: 1,
  seen: false,
});

describe('a task over several nodes', () => {
  it.each<[string, TaskNodeProgress[] | undefined, string]>([
    ['a task on one node', undefined, ''],
    ['all switched', [node('a', 'switched'), node('b', 'switched')], '2 switched'],
    [
      'mid-way, in the order of an apply',
      [node('a', 'staging'), node('b', 'declined'), node('c', 'staged'), node('d', 'staged')],
      '2 staged · 1 staging · 1 declined',
    ],
  ])('sums up %s', (_name, progress, want) => expect(progressSummary(task(progress))).toBe(want));

  it.each<[TaskNodeProgress['phase'], string]>([
    ['switched', 'ok'],
    ['discarded', 'ok'],
    ['staging', 'active'],
    ['declined', 'bad'],
    ['unknown', 'bad'],
  ])('tones %s as %s', (phase, tone) => expect(progressTone(node('a', phase))).toBe(tone));
});
