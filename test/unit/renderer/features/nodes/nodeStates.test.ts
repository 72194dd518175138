import { describe, expect, it } from 'vitest';
import type { NodeState } from '../../../../../electron/api';
import { canRetry, NODE_STATES, stateInfo } from '../../../../../renderer/src/features/nodes/nodeStates';

const ALL: NodeState[] = [
  'connecting',
  'up',
  'dead',
  'hostkey-unknown',
  'hostkey-changed',
  'auth-failed',
  'no-node',
  'error',
];

describe('node states', () => {
  it('give every state of the contract its own label', () => {
    expect(Object.keys(NODE_STATES).sort()).toEqual([...ALL].sort());
    expect(new Set(ALL.map((s) => stateInfo(s).label)).size).toBe(ALL.length);
  });

  it.each([
    { state: 'hostkey-changed', want: true },
    { state: 'auth-failed', want: true },
    { state: 'no-node', want: true },
    { state: 'error', want: true },
    { state: 'dead', want: true },
    { state: 'up', want: false },
    { state: 'connecting', want: false },
    // The host-key dialog is the way out of this one, not a reconnect.
    { state: 'hostkey-unknown', want: false },
  ] as const)('offer Retry for $state: $want', ({ state, want }) => expect(canRetry(state)).toBe(want));

  it('read an unknown state from a newer hub as trouble, by its own name', () => {
    expect(stateInfo('sleeping' as NodeState)).toMatchObject({ label: 'sleeping', tone: 'bad' });
  });
});
