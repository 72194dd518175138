import { describe, expect, it } from 'vitest';
import { EVENTS, type HubClient, isEventName, isMethod, METHODS } from '../../../electron/api';

/**
 * The hub API is a compile-time contract: `npm run typecheck` (tsc -p test) fails if any
 * line marked @ts-expect-error below stops being an error, i.e. if a wrong call compiles.
 */
function contract(hub: HubClient): void {
  void hub.call('metrics.subscribe', { clusterId: 'local', intervalMs: 1000 });
  // @ts-expect-error intervalMs must be a number
  void hub.call('metrics.subscribe', { clusterId: 'local', intervalMs: 'fast' });
  // @ts-expect-error clusterId is required
  void hub.call('metrics.subscribe', { intervalMs: 1000 });
  // @ts-expect-error no such method
  void hub.call('nodes.destroy', {});
  hub.on('node.state', (p) => void p.node.state);
  void hub.call('clusters.add', { name: 'c', hosts: 'n1-n4', settings: { user: 'root', port: 22 } });
  // @ts-expect-error settings are required
  void hub.call('clusters.add', { name: 'c', hosts: 'n1-n4' });
  // @ts-expect-error a port is a number
  void hub.call('clusters.add', { name: 'c', hosts: 'n1', settings: { port: '22' } });
  // @ts-expect-error accept is a boolean
  void hub.call('hostkeys.answer', { promptId: 'p', accept: 'yes' });
  // @ts-expect-error no such event
  hub.on('node.exploded', () => undefined);
  void hub.call('notices.dismiss', { noticeId: 'n' });
  // @ts-expect-error noticeId is required
  void hub.call('notices.dismiss', {});
  hub.on('notices.changed', (p) => void p.notices.map((n) => n.level));
  void hub.call('tasks.start', {
    clusterId: 'lab',
    items: [{ nodeId: 'n1', target: { jobId: 7, user: 'alice' }, action: { kind: 'signal', signal: 'KILL' } }],
  });
  void hub.call('tasks.start', {
    clusterId: 'lab',
    // @ts-expect-error no such signal
    items: [{ nodeId: 'n1', target: { pid: 1 }, action: { kind: 'signal', signal: 'BOOM' } }],
  });
  void hub.call('tasks.start', {
    clusterId: 'lab',
    // @ts-expect-error a migration needs its target
    items: [{ nodeId: 'n1', target: { pid: 1 }, action: { kind: 'migrate' } }],
  });
  hub.on('task.changed', (p) => void p.task.state);
}

describe('hub API name tables', () => {
  it('know exactly the methods and events of the contract', () => {
    expect(Object.keys(METHODS).sort()).toEqual([
      'app.info',
      'clusters.add',
      'clusters.configure',
      'clusters.list',
      'clusters.remove',
      'config.applies',
      'config.apply',
      'config.backups',
      'config.read',
      'config.rollback',
      'hostkeys.answer',
      'hostkeys.forget',
      'hostkeys.pending',
      'jobs.forget',
      'jobs.list',
      'jobs.output',
      'jobs.run',
      'jobs.runSet',
      'metrics.history',
      'metrics.status',
      'metrics.subscribe',
      'metrics.unsubscribe',
      'nodes.add',
      'nodes.reconnect',
      'nodes.remove',
      'notices.dismiss',
      'notices.list',
      'procs.resync',
      'procs.subscribe',
      'procs.unsubscribe',
      'queue.list',
      'secrets.saved',
      'tasks.list',
      'tasks.seen',
      'tasks.start',
    ]);
    expect(Object.keys(EVENTS).sort()).toEqual([
      'clusters.changed',
      'config.apply.changed',
      'hostkey.prompt',
      'hostkey.resolved',
      'metrics.batch',
      'node.state',
      'notices.changed',
      'procs.batch',
      'task.changed',
    ]);
    expect(typeof contract).toBe('function');
  });

  it.each([
    { name: 'a real method', value: 'clusters.list', want: true },
    { name: 'an unknown name', value: 'nodes.destroy', want: false },
    { name: 'an inherited property', value: 'toString', want: false },
    { name: 'a prototype trick', value: '__proto__', want: false },
    { name: 'a non-string', value: 42, want: false },
  ])('isMethod: $name', ({ value, want }) => expect(isMethod(value)).toBe(want));

  it.each([
    { name: 'a real event', value: 'metrics.batch', want: true },
    { name: 'an inherited property', value: 'constructor', want: false },
    { name: 'undefined', value: undefined, want: false },
  ])('isEventName: $name', ({ value, want }) => expect(isEventName(value)).toBe(want));
});
