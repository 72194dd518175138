import { describe, expect, it } from 'vitest';
import { diffRows, sameRow } from '../../../../../../agent/src/engines/linux/processes/diff';
import type { ProcRow } from '../../../../../../agent/src/protocol/procTypes';
import { jobRow, row } from './rowFixtures';

const A = row({ pid: 10 });
const B = row({ pid: 20, user: 'bob' });
const C = jobRow(30, 7, 'r-a');
const FREEZE = { code: 'M' as const, by: 'alice', method: 'sigstop' as const, at: 1 };

const before = (...rows: ProcRow[]): Map<number, ProcRow> => new Map(rows.map((r) => [r.pid, r]));

const cases: { name: string; previous: ProcRow[]; current: ProcRow[]; upserted: ProcRow[]; removed: number[] }[] = [
  { name: 'nothing changed', previous: [A, B, C], current: [A, B, C], upserted: [], removed: [] },
  {
    name: 'equal rows that are new objects',
    previous: [A, B],
    current: [{ ...A }, { ...B }],
    upserted: [],
    removed: [],
  },
  { name: 'a new process', previous: [A, B], current: [A, B, C], upserted: [C], removed: [] },
  { name: 'a process that ended', previous: [A, B, C], current: [A, C], upserted: [], removed: [20] },
  {
    name: 'a changed CPU share',
    previous: [A, B],
    current: [A, { ...B, cpuPercent: 99.5 }],
    upserted: [{ ...B, cpuPercent: 99.5 }],
    removed: [],
  },
  {
    name: 'a state change',
    previous: [A, B],
    current: [{ ...A, state: 'T' }, B],
    upserted: [{ ...A, state: 'T' }],
    removed: [],
  },
  {
    name: 'a freeze',
    previous: [A],
    current: [{ ...A, frz: 'M', freeze: FREEZE }],
    upserted: [{ ...A, frz: 'M', freeze: FREEZE }],
    removed: [],
  },
  {
    name: 'the same freeze as a new object',
    previous: [{ ...A, frz: 'M', freeze: FREEZE }],
    current: [{ ...A, frz: 'M', freeze: { ...FREEZE } }],
    upserted: [],
    removed: [],
  },
  {
    name: 'a freeze by someone else',
    previous: [{ ...A, frz: 'M', freeze: FREEZE }],
    current: [{ ...A, frz: 'M', freeze: { ...FREEZE, by: 'root' } }],
    upserted: [{ ...A, frz: 'M', freeze: { ...FREEZE, by: 'root' } }],
    removed: [],
  },
  {
    name: 'a recycled pid (new start time)',
    previous: [A],
    current: [{ ...A, startedAt: A.startedAt + 5000, command: 'make' }],
    upserted: [{ ...A, startedAt: A.startedAt + 5000, command: 'make' }],
    removed: [],
  },
  { name: 'everything replaced', previous: [A, B], current: [C], upserted: [C], removed: [10, 20] },
  { name: 'an empty table', previous: [A, B, C], current: [], upserted: [], removed: [10, 20, 30] },
  { name: 'a first table after an empty one', previous: [], current: [A], upserted: [A], removed: [] },
];

describe('diffRows', () => {
  it.each(cases)('reports $name', ({ previous, current, upserted, removed }) => {
    expect(diffRows(before(...previous), current)).toEqual({ upserted, removed });
  });
});

describe('sameRow', () => {
  it.each(Object.keys(A) as (keyof ProcRow)[])('sees a change in %s', (key) => {
    const changed = { ...A, [key]: key === 'freeze' ? FREEZE : `${String(A[key])}x` } as ProcRow;
    expect(sameRow(A, changed)).toBe(false);
  });
});
