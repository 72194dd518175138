import { describe, expect, it } from 'vitest';
import {
  keepPresent,
  NO_SELECTION,
  select,
  type SelectMode,
  type Selection,
} from '../../../../../renderer/src/features/processes/selection';

const ORDER = ['a', 'b', 'c', 'd', 'e'];
const sel = (keys: string[], anchor: string | null): Selection => ({ keys: new Set(keys), anchor });
const picked = (s: Selection) => [[...s.keys].sort(), s.anchor];

describe('select', () => {
  it.each<[string, Selection, string, SelectMode, unknown]>([
    ['a click picks one', sel(['a', 'b'], 'a'), 'c', 'only', [['c'], 'c']],
    ['Ctrl adds one', sel(['a'], 'a'), 'c', 'toggle', [['a', 'c'], 'c']],
    ['Ctrl on a selected one removes it', sel(['a', 'c'], 'a'), 'c', 'toggle', [['a'], 'c']],
    ['Shift extends down from the anchor', sel(['b'], 'b'), 'd', 'range', [['b', 'c', 'd'], 'b']],
    ['Shift extends up from the anchor', sel(['d'], 'd'), 'b', 'range', [['b', 'c', 'd'], 'd']],
    ['Shift keeps what Ctrl added', sel(['a', 'd'], 'd'), 'e', 'range', [['a', 'd', 'e'], 'd']],
    ['Shift with no anchor picks one', NO_SELECTION, 'c', 'range', [['c'], 'c']],
    ['Shift from an anchor filtered away picks one', sel(['z'], 'z'), 'c', 'range', [['c'], 'c']],
  ])('%s', (_name, start, key, mode, want) => {
    expect(picked(select(start, ORDER, key, mode))).toEqual(want);
  });
});

describe('keepPresent', () => {
  it('drops rows that are gone and the anchor with them', () => {
    expect(picked(keepPresent(sel(['a', 'x'], 'x'), new Set(ORDER)))).toEqual([['a'], null]);
  });
  it('returns the same selection when nothing went', () => {
    const s = sel(['a'], 'a');
    expect(keepPresent(s, new Set(ORDER))).toBe(s);
  });
});
