import { ParseError } from './parseError';

/** Auxiliary-vector keys (<linux/auxvec.h>) the process view needs. */
export const AT_PAGESZ = 6;
export const AT_CLKTCK = 17;

/**
 * Parses /proc/self/auxv: pairs of native words (key, value) ending with key 0 (AT_NULL).
 * `wordBytes` is 8 on 64-bit Linux, 4 on 32-bit; the byte order is the machine's. Values that
 * do not fit in a double (pointers on 64-bit) are kept approximately: we only read small ones.
 */
export function parseAuxv(bytes: Uint8Array, wordBytes: 4 | 8, littleEndian: boolean): Map<number, number> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const word = (offset: number): number =>
    wordBytes === 8 ? Number(view.getBigUint64(offset, littleEndian)) : view.getUint32(offset, littleEndian);
  const entries = new Map<number, number>();
  for (let offset = 0; offset + 2 * wordBytes <= bytes.byteLength; offset += 2 * wordBytes) {
    const key = word(offset);
    if (key === 0) return entries;
    entries.set(key, word(offset + wordBytes));
  }
  throw new ParseError('/proc/self/auxv', `no AT_NULL entry in ${bytes.byteLength} bytes`);
}
