import { describe, expect, it } from 'vitest';
import { parseLoadAvg } from '../../../../agent/src/parsers/loadavg';
import { ParseError } from '../../../../agent/src/parsers/parseError';

const ok = [
  {
    name: 'idle node',
    input: '0.20 0.18 0.12 1/80 11206\n',
    want: { one: 0.2, five: 0.18, fifteen: 0.12, running: 1, total: 80 },
  },
  {
    name: 'busy node',
    input: '12.50 9.01 4.00 17/1024 99\n',
    want: { one: 12.5, five: 9.01, fifteen: 4, running: 17, total: 1024 },
  },
  {
    name: 'freshly booted node',
    input: '0.00 0.00 0.00 1/95 1\n',
    want: { one: 0, five: 0, fifteen: 0, running: 1, total: 95 },
  },
  {
    name: 'overloaded 256-core node',
    input: '312.47 280.03 199.99 301/45012 4194303\n',
    want: { one: 312.47, five: 280.03, fifteen: 199.99, running: 301, total: 45012 },
  },
  {
    name: 'read without the trailing newline',
    input: '1.05 0.90 0.70 2/300 5000',
    want: { one: 1.05, five: 0.9, fifteen: 0.7, running: 2, total: 300 },
  },
];

const bad = [
  { name: 'truncated read', input: '0.20 0.18' },
  { name: 'empty file', input: '' },
  { name: 'missing running/total field', input: '0.20 0.18 0.12 11206\n' },
  { name: 'missing last pid', input: '0.20 0.18 0.12 1/80\n' },
  { name: 'comma decimals', input: '0,20 0,18 0,12 1/80 11206\n' },
  { name: 'tab separated', input: '0.20\t0.18\t0.12\t1/80\t11206\n' },
  { name: 'two files concatenated', input: '0.20 0.18 0.12 1/80 11206\n0.20 0.18 0.12 1/80 11206\n' },
  { name: 'leading garbage', input: 'load: 0.20 0.18 0.12 1/80 11206\n' },
  { name: 'negative load', input: '-0.20 0.18 0.12 1/80 11206\n' },
  { name: 'uptime file read by mistake', input: '350735.47 234388.90\n' },
];

describe('parseLoadAvg', () => {
  it.each(ok)('parses $name', ({ input, want }) => expect(parseLoadAvg(input)).toEqual(want));
  it.each(bad)('rejects $name', ({ input }) => expect(() => parseLoadAvg(input)).toThrow(ParseError));

  it('names the file and quotes only the start of a huge input', () => {
    const huge = `garbage ${'x'.repeat(10_000)}`;
    let caught: unknown;
    try {
      parseLoadAvg(huge);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(ParseError);
    const message = (caught as ParseError).message;
    expect((caught as ParseError).source).toBe('/proc/loadavg');
    expect(message).toContain('/proc/loadavg');
    expect(message).toContain('"garbage x');
    expect(message.length).toBeLessThan(200);
  });
});
