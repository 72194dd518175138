import { describe, expect, it } from 'vitest';
import { COLUMNS, shownColumns } from '../../../../../renderer/src/features/processes/columns';
import { cpuTime, startTime } from '../../../../../renderer/src/features/processes/procTime';
import { entry } from './procFixtures';

const NOW = new Date(2026, 11, 3, 14, 30).getTime();
const text = (id: string, e: ReturnType<typeof entry>) => COLUMNS.find((c) => c.id === id)!.text(e, NOW);

describe('column texts', () => {
  const e = entry('1', {
    pid: 4242,
    user: 'alice',
    state: 'R',
    cpuPercent: 12.345,
    rssBytes: 3 * 1024 * 1024,
    tty: 'pts/3',
    startedAt: new Date(2026, 11, 3, 9, 5).getTime(),
    cpuTimeMs: 3_725_000,
    command: 'bash -c "echo\nhi"',
    jobId: 7,
  });
  it.each([
    ['node', 'node1'],
    ['pid', '4242'],
    ['stat', 'R'],
    ['cpu', '12.3'],
    ['tty', 'pts/3'],
    ['start', '09:05'],
    ['time', '01:02:05'],
    ['where', 'here'],
    ['class', 'native'],
    ['frz', '-'],
    ['due', '-'],
    ['nmigs', '-'],
    ['origpid', '-'],
    ['jobid', '7'],
    ['command', 'bash -c "echo\\nhi"'],
  ])('%s reads %s', (id, want) => {
    expect(text(id, e)).toBe(want);
  });
  it('has no terminal as ps says it', () => {
    expect(text('tty', entry('1', { pid: 1, tty: null }))).toBe('?');
  });
});

describe('ps time formats', () => {
  it.each([
    [0, '00:00:00'],
    [59_999, '00:00:59'],
    [3_600_000, '01:00:00'],
    [90_061_000, '1-01:01:01'],
  ])('TIME of %d ms is %s', (ms, want) => expect(cpuTime(ms)).toBe(want));
  it.each([
    [new Date(2026, 11, 3, 0, 1).getTime(), '00:01'],
    [new Date(2026, 0, 9, 8, 0).getTime(), 'Jan 09'],
    [new Date(2025, 6, 1).getTime(), '2025'],
  ])('START of %d is %s', (at, want) => expect(startTime(at, NOW)).toBe(want));
});

describe('shownColumns', () => {
  const ids = (r: readonly string[] | null) => shownColumns(r).map((c) => c.id);
  it.each<[string, string[] | null, string[]]>([
    [
      'the default set',
      null,
      [
        'node',
        'pid',
        'user',
        'stat',
        'cpu',
        'rss',
        'start',
        'time',
        'where',
        'from',
        'class',
        'frz',
        'jobid',
        'command',
      ],
    ],
    ['the remembered order, COMMAND last', ['command', 'user', 'pid'], ['user', 'pid', 'command']],
    ['unknown and repeated ids dropped', ['pid', 'bogus', 'pid'], ['pid', 'command']],
    ['nothing chosen still shows COMMAND', [], ['command']],
  ])('%s', (_name, remembered, want) => expect(ids(remembered)).toEqual(want));
});
