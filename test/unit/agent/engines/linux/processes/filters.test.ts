import { describe, expect, it } from 'vitest';
import { filterRows, limitRows, type ProcFilter } from '../../../../../../agent/src/engines/linux/processes/filters';
import { jobRow, row } from './rowFixtures';

/** Out of pid order on purpose: the filter sorts. */
const TABLE = [
  row({ pid: 300, user: 'bob' }),
  row({ pid: 1, user: 'root', uid: 0, command: '/sbin/init' }),
  jobRow(501, 7, 'r-a'),
  jobRow(502, 7, 'r-a'),
  jobRow(600, 0, 'r-b', 'bob'),
  row({ pid: 42, user: 'alice' }),
];

const cases: { name: string; filter: ProcFilter; want: number[] }[] = [
  { name: 'no filter', filter: {}, want: [1, 42, 300, 501, 502, 600] },
  { name: "scope 'all'", filter: { scope: 'all' }, want: [1, 42, 300, 501, 502, 600] },
  { name: "scope 'local' (every home is here)", filter: { scope: 'local' }, want: [1, 42, 300, 501, 502, 600] },
  { name: "scope 'away' (nothing migrates)", filter: { scope: 'away' }, want: [] },
  { name: "scope 'guests' (no guests)", filter: { scope: 'guests' }, want: [] },
  { name: "scope 'jobs'", filter: { scope: 'jobs' }, want: [501, 502, 600] },
  { name: 'a Job ID', filter: { jobId: 7 }, want: [501, 502] },
  { name: 'Job ID 0 (the default)', filter: { jobId: 0 }, want: [600] },
  { name: 'a Job ID nobody has', filter: { jobId: 99 }, want: [] },
  { name: 'a user', filter: { user: 'bob' }, want: [300, 600] },
  { name: 'a user with no processes', filter: { user: 'carol' }, want: [] },
  { name: 'user and scope together', filter: { user: 'alice', scope: 'jobs' }, want: [501, 502] },
  { name: 'user and Job ID together', filter: { user: 'bob', jobId: 7 }, want: [] },
];

describe('filterRows', () => {
  it.each(cases)('keeps the rows of $name, in pid order', ({ filter, want }) => {
    expect(filterRows(TABLE, filter).map((r) => r.pid)).toEqual(want);
  });
});

describe('limitRows', () => {
  const sorted = filterRows(TABLE, {});
  it.each([
    { name: 'no limit', limit: undefined, want: [1, 42, 300, 501, 502, 600], truncated: false },
    { name: 'a limit above the count', limit: 10, want: [1, 42, 300, 501, 502, 600], truncated: false },
    { name: 'a limit equal to the count', limit: 6, want: [1, 42, 300, 501, 502, 600], truncated: false },
    { name: 'a limit below the count', limit: 2, want: [1, 42], truncated: true },
    { name: 'a limit of one', limit: 1, want: [1], truncated: true },
  ])('keeps the first rows for $name', ({ limit, want, truncated }) => {
    const result = limitRows(sorted, limit);
    expect(result.rows.map((r) => r.pid)).toEqual(want);
    expect(result.truncated).toBe(truncated);
  });
});
