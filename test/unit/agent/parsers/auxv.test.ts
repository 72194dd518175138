import { describe, expect, it } from 'vitest';
import { AT_CLKTCK, AT_PAGESZ, parseAuxv } from '../../../../agent/src/parsers/auxv';
import { ParseError } from '../../../../agent/src/parsers/parseError';

/** `xxd -p /proc/self/auxv` on x86_64 (Linux 6.18): 64-bit little-endian words. */
const X86_64 =
  '210000000000000000b0462e067f00003300000000000000300e0000000000001000000000000000fffb8b1f00000000' +
  '0600000000000000001000000000000011000000000000006400000000000000030000000000000040c044ee9f550000' +
  '0400000000000000380000000000000005000000000000000d00000000000000070000000000000000d0462e067f0000' +
  '080000000000000000000000000000000900000000000000f0e644ee9f5500000b000000000000000000000000000000' +
  '0c0000000000000000000000000000000d0000000000000000000000000000000e000000000000000000000000000000' +
  '170000000000000000000000000000001900000000000000399cc915fe7f00001a000000000000000200000000000000' +
  '1f00000000000000ebbfc915fe7f00000f00000000000000499cc915fe7f00001b000000000000001c00000000000000' +
  '1c00000000000000200000000000000000000000000000000000000000000000';

/** Builds an auxv image the way a kernel of another word size or byte order lays it out. */
function auxv(pairs: [number, number][], wordBytes: 4 | 8, littleEndian: boolean): Uint8Array {
  const view = new DataView(new ArrayBuffer((pairs.length + 1) * 2 * wordBytes));
  [...pairs, [0, 0] as [number, number]].forEach(([key, value], i) => {
    const at = i * 2 * wordBytes;
    if (wordBytes === 8) {
      view.setBigUint64(at, BigInt(key), littleEndian);
      view.setBigUint64(at + 8, BigInt(value), littleEndian);
    } else {
      view.setUint32(at, key, littleEndian);
      view.setUint32(at + 4, value, littleEndian);
    }
  });
  return new Uint8Array(view.buffer);
}

const ok = [
  {
    name: 'x86_64 (captured)',
    input: Buffer.from(X86_64, 'hex'),
    word: 8 as const,
    le: true,
    pageSize: 4096,
    ticks: 100,
  },
  {
    name: 'arm64 with 64 KiB pages',
    input: auxv(
      [
        [AT_PAGESZ, 65536],
        [AT_CLKTCK, 100],
      ],
      8,
      true,
    ),
    word: 8 as const,
    le: true,
    pageSize: 65536,
    ticks: 100,
  },
  {
    name: 's390x (big-endian)',
    input: auxv(
      [
        [AT_CLKTCK, 100],
        [AT_PAGESZ, 4096],
      ],
      8,
      false,
    ),
    word: 8 as const,
    le: false,
    pageSize: 4096,
    ticks: 100,
  },
  {
    name: '32-bit ARM',
    input: auxv(
      [
        [16, 0x1f8bfbff],
        [AT_PAGESZ, 4096],
        [AT_CLKTCK, 100],
      ],
      4,
      true,
    ),
    word: 4 as const,
    le: true,
    pageSize: 4096,
    ticks: 100,
  },
];

describe('parseAuxv', () => {
  it.each(ok)('reads the page size and clock ticks of $name', ({ input, word, le, pageSize, ticks }) => {
    const entries = parseAuxv(input, word, le);
    expect(entries.get(AT_PAGESZ)).toBe(pageSize);
    expect(entries.get(AT_CLKTCK)).toBe(ticks);
  });
  it.each([
    { name: 'an empty file', input: new Uint8Array(0) },
    { name: 'a vector cut before AT_NULL', input: Buffer.from(X86_64, 'hex').subarray(0, 96) },
  ])('rejects $name', ({ input }) => expect(() => parseAuxv(input, 8, true)).toThrow(ParseError));
});
