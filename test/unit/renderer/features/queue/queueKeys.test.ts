import { describe, expect, it } from 'vitest';
import { moveSelection } from '../../../../../renderer/src/features/queue/queueKeys';

describe('moveSelection', () => {
  it.each([
    [[], null, 1, null],
    [[5, 6, 7], null, 1, 5],
    [[5, 6, 7], null, -1, 7],
    [[5, 6, 7], 5, 1, 6],
    [[5, 6, 7], 7, 1, 7],
    [[5, 6, 7], 5, -1, 5],
    [[5, 6, 7], 6, -1, 5],
    [[5, 6, 7], 9, 1, 5],
  ] as [number[], number | null, number, number | null][])('%j from %s by %i -> %s', (pids, from, by, want) =>
    expect(moveSelection(pids, from, by)).toBe(want),
  );
});
