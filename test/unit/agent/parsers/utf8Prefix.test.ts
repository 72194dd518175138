import { describe, expect, it } from 'vitest';
import { wholeCharacterPrefix } from '../../../../agent/src/parsers/utf8Prefix';

const bytes = (...parts: (string | number[])[]): Buffer =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : Buffer.from(p))));

describe('wholeCharacterPrefix', () => {
  it.each([
    { name: 'ASCII', data: bytes('abc'), want: 3 },
    { name: 'nothing', data: bytes(''), want: 0 },
    { name: 'a whole 2-byte character at the end', data: bytes('a', 'é'), want: 3 },
    { name: 'the first byte of a 2-byte character', data: bytes('a', [0xc3]), want: 1 },
    { name: 'a whole 3-byte character', data: bytes('a', '—'), want: 4 },
    { name: 'two bytes of a 3-byte character', data: bytes('a', [0xe2, 0x80]), want: 1 },
    { name: 'one byte of a 3-byte character', data: bytes('a', [0xe2]), want: 1 },
    { name: 'a whole 4-byte character', data: bytes('a', '😀'), want: 5 },
    { name: 'three bytes of a 4-byte character', data: bytes('a', [0xf0, 0x9f, 0x98]), want: 1 },
    { name: 'only part of a character', data: bytes([0xe2, 0x80]), want: 0 },
    { name: 'stray continuation bytes (invalid, kept)', data: bytes('a', [0x80, 0x80]), want: 3 },
    { name: 'four continuation bytes (invalid, kept)', data: bytes([0x80, 0x80, 0x80, 0x80]), want: 4 },
    { name: 'a byte that never leads (0xff, kept)', data: bytes('a', [0xff]), want: 2 },
    { name: 'an overlong lead 0xc0 (invalid, kept)', data: bytes('a', [0xc0]), want: 2 },
  ])('$name', ({ data, want }) => expect(wholeCharacterPrefix(data, data.length)).toBe(want));

  it('looks only at the first `length` bytes', () => {
    expect(wholeCharacterPrefix(bytes('ab', '—'), 3)).toBe(2);
  });
});
