import { describe, expect, it } from 'vitest';
import { decodeExitStatus } from '../../../../../../agent/src/engines/linux/jobs/exitStatus';

describe('decodeExitStatus', () => {
  it.each([
    { name: 'success', input: '0\n', want: { code: 0, signal: null, at: 5 } },
    { name: 'failure code', input: '3\n', want: { code: 3, signal: null, at: 5 } },
    { name: 'command not found', input: '127\n', want: { code: 127, signal: null, at: 5 } },
    { name: 'exactly 128 is a code', input: '128', want: { code: 128, signal: null, at: 5 } },
    { name: 'SIGKILL', input: '137\n', want: { code: null, signal: 'SIGKILL', at: 5 } },
    { name: 'SIGTERM', input: '143\n', want: { code: null, signal: 'SIGTERM', at: 5 } },
    { name: 'SIGINT', input: '130\n', want: { code: null, signal: 'SIGINT', at: 5 } },
    { name: 'no such signal number is a code', input: '255\n', want: { code: 255, signal: null, at: 5 } },
  ])('$name', ({ input, want }) => expect(decodeExitStatus(input, 5)).toEqual(want));

  it.each(['', 'abc', '-1', '256', '1.5', '12 13'])('rejects %j', (input) =>
    expect(decodeExitStatus(input, 5)).toBeNull(),
  );
});
