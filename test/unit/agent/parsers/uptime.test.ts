import { describe, expect, it } from 'vitest';
import { ParseError } from '../../../../agent/src/parsers/parseError';
import { parseUptime } from '../../../../agent/src/parsers/uptime';

const ok = [
  { name: 'node up four days', input: '350735.47 234388.90\n', want: 350735.47 },
  { name: 'freshly booted node', input: '5.02 3.80\n', want: 5.02 },
  { name: 'idle time above uptime on a many-core node', input: '100.00 6390.12\n', want: 100 },
  { name: 'read without the trailing newline', input: '42.10 40.00', want: 42.1 },
  { name: 'whole seconds without a fraction', input: '12 7\n', want: 12 },
  { name: 'node up over a year', input: '31622400.99 1000000.00\n', want: 31622400.99 },
];

const bad = [
  { name: 'empty file', input: '' },
  { name: 'only one field', input: '350735.47\n' },
  { name: 'negative uptime', input: '-1.00 2.00\n' },
  { name: 'comma decimals', input: '350735,47 234388,90\n' },
  { name: 'words instead of numbers', input: 'up 4 days\n' },
  { name: 'loadavg file read by mistake', input: '0.20 0.18 0.12 1/80 11206\n' },
  { name: 'leading space', input: ' 350735.47 234388.90\n' },
];

describe('parseUptime', () => {
  it.each(ok)('parses $name', ({ input, want }) => expect(parseUptime(input)).toBe(want));
  it.each(bad)('rejects $name', ({ input }) => expect(() => parseUptime(input)).toThrow(ParseError));

  it('says which file was malformed', () => {
    expect(() => parseUptime('nonsense')).toThrow(/\/proc\/uptime.*"nonsense"/);
  });
});
