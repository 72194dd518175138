import { describe, expect, it } from 'vitest';
import type { JobSet } from '../../../../../electron/api';
import {
  commandLineOf,
  durationText,
  exitFailed,
  exitText,
  setSummary,
} from '../../../../../renderer/src/features/jobs/jobText';

describe('jobText', () => {
  it.each<[Parameters<typeof exitText>[0], string, boolean]>([
    [{ state: 'running', exit: null }, '', false],
    [{ state: 'exited', exit: { code: 0, signal: null, at: 1 } }, '0', false],
    [{ state: 'exited', exit: { code: 3, signal: null, at: 1 } }, '3', true],
    [{ state: 'exited', exit: { code: null, signal: 'SIGKILL', at: 1 } }, 'SIGKILL', true],
    [{ state: 'lost', exit: null }, 'unknown', true],
  ])('%j exits as %s (failed: %s)', (job, text, failed) => {
    expect(exitText(job)).toBe(text);
    expect(exitFailed(job)).toBe(failed);
  });
  it.each([
    [500, '1 s'],
    [59_000, '59 s'],
    [65_000, '1 min 5 s'],
    [3_723_000, '1 h 2 min'],
    [3 * 86_400_000, '3 d 0 h'],
  ])('%d ms is %s', (ms, text) => expect(durationText(ms)).toBe(text));
  it('quotes words a shell would split', () => {
    expect(commandLineOf(['echo', 'a b', "it's"])).toBe(`echo 'a b' 'it'\\''s'`);
  });
  it('sums a set up', () => {
    const set = {
      maxJobs: 2,
      lines: [{ state: 'running' }, { state: 'done' }, { state: 'failed' }, { state: 'waiting' }],
    } as JobSet;
    expect(setSummary(set)).toBe('4 lines, at most 2 at once: 1 running, 1 waiting, 1 done, 1 failed');
  });
});
