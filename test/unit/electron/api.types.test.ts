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
  // @ts-expect-error no such event
  hub.on('node.exploded', () => undefined);
}

describe('hub API name tables', () => {
  it('know exactly the methods and events of the contract', () => {
    expect(Object.keys(METHODS).sort()).toEqual([
      'app.info',
      'clusters.list',
      'metrics.subscribe',
      'metrics.unsubscribe',
    ]);
    expect(Object.keys(EVENTS).sort()).toEqual(['metrics.sample', 'node.state']);
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
    { name: 'a real event', value: 'metrics.sample', want: true },
    { name: 'an inherited property', value: 'constructor', want: false },
    { name: 'undefined', value: undefined, want: false },
  ])('isEventName: $name', ({ value, want }) => expect(isEventName(value)).toBe(want));
});
