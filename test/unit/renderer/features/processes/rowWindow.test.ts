import { describe, expect, it } from 'vitest';
import { rowRange, scrollToShow } from '../../../../../renderer/src/features/processes/rowWindow';

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
