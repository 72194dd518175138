import { describe, expect, it } from 'vitest';
import { splitColumns } from '../../../../../../agent/src/engines/mosix/parse/lines';
import { cpuTimeMs, FieldError, nodeRef, sizeBytes } from '../../../../../../agent/src/engines/mosix/parse/values';

describe('nodeRef', () => {
  it.each([
    { raw: 'here', want: { kind: 'here', raw: 'here' } },
    { raw: 'queue', want: { kind: 'queue', raw: 'queue' } },
    { raw: 'cmos-18', want: { kind: 'host', name: 'cmos-18', raw: 'cmos-18' } },
    { raw: 'mos3.cs.huji.ac.il', want: { kind: 'host', name: 'mos3.cs.huji.ac.il', raw: 'mos3.cs.huji.ac.il' } },
    { raw: '132.65.174.1', want: { kind: 'ip', address: '132.65.174.1', raw: '132.65.174.1' } },
    { raw: '17', want: { kind: 'number', n: 17, raw: '17' } },
    { raw: 'Here', want: { kind: 'host', name: 'Here', raw: 'Here' } },
  ])('reads $raw', ({ raw, want }) => expect(nodeRef(raw, 'WHERE')).toEqual(want));

  it.each(['N/A', '-', '-h', 'a/b', '1.2.3', '1.2.3.4.5', '256.0.0.1', '0', 'fe80::1', 'a..b'])('refuses %s', (raw) =>
    expect(() => nodeRef(raw, 'WHERE')).toThrow(FieldError),
  );
});

describe('cpuTimeMs', () => {
  it.each([
    ['00:00', 0],
    ['01:23', 83_000],
    ['0:00.01', 10],
    ['12:34:56', 45_296_000],
    ['3-00:00:00', 259_200_000],
    ['999:59', 59_999_000],
  ])('reads %s', (raw, want) => expect(cpuTimeMs(raw)).toBe(want));

  it.each(['', '1', '1:2', 'a:bc', '1:60x', '-1:00'])('refuses %j', (raw) =>
    expect(() => cpuTimeMs(raw)).toThrow(FieldError),
  );
});

describe('sizeBytes', () => {
  it.each([
    ['903MB', 903 * 2 ** 20],
    ['0.8GB', Math.round(0.8 * 2 ** 30)],
    ['512KB', 512 * 1024],
    ['2 TB', 2 * 2 ** 40],
    ['100', 100],
    ['7b', 7],
    ['1mb', 2 ** 20],
  ])('reads %s', (raw, want) => expect(sizeBytes(raw, 'Memory')).toBe(want));

  it.each(['', 'MB', '1PB', '-5MB', '1,5GB'])('refuses %j', (raw) =>
    expect(() => sizeBytes(raw, 'Memory')).toThrow(FieldError),
  );
});

describe('splitColumns', () => {
  it.each([
    { text: 'a b c d', count: 3, want: ['a', 'b', 'c d'] },
    { text: '  a\t\tb   c  d  ', count: 3, want: ['a', 'b', 'c  d'] },
    { text: 'a b', count: 3, want: ['a', 'b'] },
    { text: 'a b ', count: 3, want: ['a', 'b'] },
    { text: 'a b c', count: 1, want: ['a b c'] },
    { text: '', count: 2, want: [] },
  ])('splits $text into $count', ({ text, count, want }) => expect(splitColumns(text, count)).toEqual(want));
});
