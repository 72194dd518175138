import { describe, expect, it } from 'vitest';
import { ParseError } from '../../../../agent/src/parsers/parseError';
import { parseOpenFilesLimit } from '../../../../agent/src/parsers/procLimits';

/** /proc/self/limits of a Debian 12 shell (Linux 6.18), shortened. */
const DEBIAN = `Limit                     Soft Limit           Hard Limit           Units     
Max cpu time              unlimited            unlimited            seconds   
Max processes             96362                96362                processes 
Max open files            1024                 524288               files     
Max locked memory         8388608              8388608              bytes     
`;

describe('parseOpenFilesLimit', () => {
  it.each([
    { name: 'the soft limit, not the hard one', input: DEBIAN, want: 1024 },
    {
      name: 'an unlimited one',
      input: 'Max open files            unlimited            unlimited            files\n',
      want: Infinity,
    },
  ])('reads $name', ({ input, want }) => expect(parseOpenFilesLimit(input)).toBe(want));
  it.each([
    {
      name: 'a file without the line',
      input: 'Max processes             96362                96362                processes\n',
    },
    {
      name: 'a limit that is not a number',
      input: 'Max open files            many                 many                 files\n',
    },
    { name: 'an empty read', input: '' },
  ])('rejects $name', ({ input }) => expect(() => parseOpenFilesLimit(input)).toThrow(ParseError));
});
