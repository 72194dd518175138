import { describe, expect, it } from 'vitest';
import { type LineEvent, LineSplitter } from '../../../../agent/src/protocol/framing';

const bytes = (text: string): Buffer => Buffer.from(text, 'utf8');

/** Feeds chunks in order and flattens the events; a tooLong event shows as TOO_LONG. */
function split(maxBytes: number, chunks: readonly Buffer[]): string[] {
  const splitter = new LineSplitter(maxBytes);
  return chunks.flatMap((chunk) =>
    splitter.push(chunk).map((e: LineEvent) => (e.kind === 'line' ? e.line : 'TOO_LONG')),
  );
}

const euro = bytes('€'); // e2 82 ac
const rocket = bytes('🚀'); // f0 9f 9a 80

const cases = [
  { name: 'one line in one chunk', max: 64, chunks: [bytes('{"id":1}\n')], want: ['{"id":1}'] },
  {
    name: 'line split across three chunks',
    max: 64,
    chunks: [bytes('{"i'), bytes('d":'), bytes('1}\n')],
    want: ['{"id":1}'],
  },
  { name: 'several lines in one chunk', max: 64, chunks: [bytes('a\nb\nc\n')], want: ['a', 'b', 'c'] },
  {
    name: 'a chunk ending one line and starting the next',
    max: 64,
    chunks: [bytes('{"a"'), bytes(':1}\n{"b'), bytes('":2}\n')],
    want: ['{"a":1}', '{"b":2}'],
  },
  { name: 'a line without its newline yet held back', max: 64, chunks: [bytes('a\npartial')], want: ['a'] },
  { name: 'the newline alone in its own chunk', max: 64, chunks: [bytes('abc'), bytes('\n')], want: ['abc'] },
  { name: 'empty lines skipped', max: 64, chunks: [bytes('\n\na\n\n\nb\n')], want: ['a', 'b'] },
  { name: 'whitespace-only lines skipped', max: 64, chunks: [bytes('  \n\t\na\n')], want: ['a'] },
  { name: 'a line of exactly maxBytes kept', max: 4, chunks: [bytes('abcd\n')], want: ['abcd'] },
  { name: 'a line of maxBytes + 1 refused', max: 4, chunks: [bytes('abcde\nok\n')], want: ['TOO_LONG', 'ok'] },
  {
    name: 'an oversized line across many chunks reported once, then normal lines',
    max: 8,
    chunks: [bytes('0123'), bytes('4567'), bytes('89ab'), bytes('cdef'), bytes('ghij'), bytes('kl\nnext\n')],
    want: ['TOO_LONG', 'next'],
  },
  {
    name: 'the start of an oversized line never glued to the next line',
    max: 8,
    chunks: [bytes('abc'), bytes('defghijkl'), bytes('mnop\nok\n')],
    want: ['TOO_LONG', 'ok'],
  },
  {
    name: 'two oversized lines reported once each',
    max: 4,
    chunks: [bytes('toolong1\nfine\ntoolong2\n')],
    want: ['TOO_LONG', 'fine', 'TOO_LONG'],
  },
  {
    name: 'an oversized line whose newline comes with the next line',
    max: 4,
    chunks: [bytes('xxxxxxxx'), bytes('xxxx'), bytes('\nab\n')],
    want: ['TOO_LONG', 'ab'],
  },
  {
    name: 'the limit counted in bytes, not characters',
    max: 5,
    chunks: [bytes('ééé\néé\n')],
    want: ['TOO_LONG', 'éé'],
  },
  {
    name: 'a two-byte character split across chunks',
    max: 64,
    chunks: [bytes('caf'), Buffer.from([0xc3]), Buffer.from([0xa9, 0x0a])],
    want: ['café'],
  },
  {
    name: 'a three-byte character split across three chunks',
    max: 64,
    chunks: [
      Buffer.concat([bytes('"'), euro.subarray(0, 1)]),
      euro.subarray(1, 2),
      Buffer.concat([euro.subarray(2), bytes('"\n')]),
    ],
    want: ['"€"'],
  },
  {
    name: 'a four-byte character fed one byte at a time',
    max: 64,
    chunks: [...[...rocket].map((b): Buffer => Buffer.from([b])), bytes('\n')],
    want: ['🚀'],
  },
  { name: 'nothing from an empty chunk', max: 64, chunks: [Buffer.alloc(0)], want: [] },
];

describe('LineSplitter', () => {
  it.each(cases)('handles $name', ({ max, chunks, want }) => expect(split(max, chunks)).toEqual(want));

  it('reports how many bytes of the oversized line it had seen, more than the limit', () => {
    const events = new LineSplitter(10).push(bytes(`${'x'.repeat(25)}\n`));
    expect(events).toHaveLength(1);
    const [event] = events;
    expect(event?.kind).toBe('tooLong');
    if (event?.kind === 'tooLong') expect(event.bytes).toBeGreaterThan(10);
  });

  it('gives the same lines however a stream is cut into two chunks', () => {
    const stream = bytes('{"a":"é€🚀"}\n\n{"b":[1,2,3]}\nplain line\n');
    const whole = split(1024, [stream]);
    expect(whole).toEqual(['{"a":"é€🚀"}', '{"b":[1,2,3]}', 'plain line']);
    for (let cut = 0; cut <= stream.length; cut++) {
      expect(split(1024, [stream.subarray(0, cut), stream.subarray(cut)]), `cut at byte ${cut}`).toEqual(whole);
    }
  });
});
