import { describe, expect, it } from 'vitest';
import {
  rowRange,
  scrollToShow,
  slotCapacity,
  slotRows,
} from '../../../../../renderer/src/features/processes/rowWindow';

describe('rowRange', () => {
  it.each<[string, number, number, number, { first: number; end: number }]>([
    ['the top: the view and the overscan below', 0, 240, 1000, { first: 0, end: 14 }],
    ['mid-table: overscan both sides', 2400, 240, 1000, { first: 96, end: 114 }],
    ['part of a row in view counts', 2412, 240, 1000, { first: 96, end: 115 }],
    ['the bottom: no rows past the last', 23760, 240, 1000, { first: 986, end: 1000 }],
    ['fewer rows than the view', 0, 240, 3, { first: 0, end: 3 }],
    ['an empty table', 0, 240, 0, { first: 0, end: 0 }],
    ['scrolled past a table that shrank: its last rows', 24000, 240, 10, { first: 6, end: 10 }],
  ])('%s', (_name, scrollTop, viewport, count, want) => {
    expect(rowRange(scrollTop, viewport, count, 24, 4)).toEqual(want);
  });
});

describe('scrollToShow', () => {
  it.each<[string, number, number, number]>([
    ['a row in view: no move', 5, 0, 0],
    ['a row above: to its top', 2, 240, 48],
    ['a row below: just enough to show it whole', 20, 0, 264],
  ])('%s', (_name, index, scrollTop, want) => {
    expect(scrollToShow(index, scrollTop, 240, 24)).toBe(want);
  });
});

describe('slotRows', () => {
  it.each<[string, number, number, number, number[]]>([
    ['the top: rows in their own slots', 0, 4, 4, [0, 1, 2, 3]],
    ["scrolled by one: row 4 takes row 0's slot, the others stay", 1, 5, 4, [4, 1, 2, 3]],
    ['scrolled by three', 3, 7, 4, [4, 5, 6, 3]],
    ['the bottom: a slot left empty', 8, 11, 4, [8, 9, 10, -1]],
    ['an empty table', 0, 0, 3, [-1, -1, -1]],
  ])('%s', (_name, first, end, capacity, want) => {
    expect(slotRows(first, end, capacity)).toEqual(want);
  });

  it('keeps every row of the window in one slot, and a row in the same slot as it scrolls', () => {
    const capacity = slotCapacity(240, 24, 4);
    let before: number[] | null = null;
    for (let top = 0; top < 5000; top += 37) {
      const { first, end } = rowRange(top, 240, 1000, 24, 4);
      expect(end - first).toBeLessThanOrEqual(capacity);
      const slots = slotRows(first, end, capacity);
      expect(slots.filter((i) => i >= 0).sort((a, b) => a - b)).toEqual(
        Array.from({ length: end - first }, (_, k) => first + k),
      );
      if (before)
        for (let s = 0; s < capacity; s++)
          if (slots.includes(before[s]!) && before[s]! >= 0) expect(slots[s]).toBe(before[s]);
      before = slots;
    }
  });
});
