import { describe, expect, it } from 'vitest';
import {
  ACTIONS,
  actionState,
  confirmText,
  perJob,
  perProcess,
  sharedJob,
} from '../../../../../renderer/src/features/processes/processActions';
import { nodeView } from '../../support/views';
import { entry } from './procFixtures';

const hello = (caps: Record<string, true | string>) => ({ capabilities: caps }) as never;
const LINUX = {
  freeze: true,
  signal: true,
  migrate: 'Plain Linux cannot move a running process.',
  checkpoint: 'Needs CRIU.',
} as const;
const n1 = nodeView('1', { name: 'node1', state: 'up', hello: hello(LINUX) });
const n2 = nodeView('2', { name: 'node2', state: 'up', hello: hello(LINUX) });
const down = nodeView('3', { name: 'node3', state: 'dead' });
const def = (id: string) => ACTIONS.find((a) => a.id === id)!;

describe('actionState', () => {
  it.each([
    ['freeze on a linux node', 'freeze', [entry('1', { pid: 5 })], true, undefined],
    [
      'migrate home is refused with the engine’s reason',
      'home',
      [entry('1', { pid: 5 })],
      false,
      'node1: Plain Linux cannot move a running process.',
    ],
    ['checkpoint names what it needs', 'checkpoint', [entry('1', { pid: 5 })], false, 'node1: Needs CRIU.'],
    ['a dead node cannot act', 'freeze', [entry('3', { pid: 5 })], false, 'node3 is not up.'],
    ['one node that can is enough', 'freeze', [entry('3', { pid: 5 }), entry('2', { pid: 6 })], true, undefined],
    ['nothing selected', 'freeze', [], false, 'Select a process first.'],
  ])('%s', (_name, id, entries, enabled, reason) => {
    const state = actionState(def(id), entries, [n1, n2, down]);
    expect([state.enabled, state.reason]).toEqual([enabled, reason]);
  });
});

describe('tasks from a selection', () => {
  const table = [
    entry('1', { pid: 10, jobId: 7, user: 'alice' }),
    entry('1', { pid: 11, jobId: 7, user: 'alice' }),
    entry('2', { pid: 10, jobId: 7, user: 'alice' }),
    entry('2', { pid: 12, jobId: 7, user: 'bob' }),
    entry('2', { pid: 13, jobId: null }),
  ];
  it('makes one task per process', () => {
    expect(perProcess(table.slice(0, 2), { kind: 'freeze' }).map((r) => [r.nodeId, r.target])).toEqual([
      ['1', { pid: 10 }],
      ['1', { pid: 11 }],
    ]);
  });
  it('makes one task per node for a whole Job ID of one user, and counts what it hits', () => {
    const { requests, hits } = perJob(table, { jobId: 7, user: 'alice' }, { kind: 'signal', signal: 'KILL' });
    expect(requests.map((r) => [r.nodeId, r.target])).toEqual([
      ['1', { jobId: 7, user: 'alice' }],
      ['2', { jobId: 7, user: 'alice' }],
    ]);
    expect(hits).toEqual({ processes: 3, nodes: 2 });
    expect(confirmText(def('signal-KILL'), hits, { jobId: 7, user: 'alice' })).toBe(
      'Send SIGKILL: 3 processes on 2 nodes (every process of Job ID 7 of alice)?',
    );
  });
  it.each([
    ['one Job ID of one user', [table[0]!, table[2]!], { jobId: 7, user: 'alice' }],
    ['two users of one Job ID', [table[0]!, table[3]!], null],
    ['no Job ID', [table[4]!], null],
    ['nothing', [], null],
  ])('shares a job: %s', (_name, entries, want) => {
    expect(sharedJob(entries)).toEqual(want);
  });
  it('asks in the singular for one', () => {
    expect(confirmText(def('signal-TERM'), { processes: 1, nodes: 1 })).toBe('Send SIGTERM: 1 process on 1 node?');
  });
});
