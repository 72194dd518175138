import { describe, expect, it } from 'vitest';
import { MAX_CMDLINE_BYTES } from '../../../agent/src/engines/linux/processes/scanner';
import type { ProcRow } from '../../../agent/src/protocol/procTypes';
import { asPsPrints, sameArgs, whereArgsDiffer } from '../../support/psTable';

const row = (command: string): ProcRow => ({ command }) as ProcRow;

// What ps 4.0.2 printed for these arguments, under LC_ALL=C.UTF-8 and LC_ALL=C.
describe('asPsPrints', () => {
  it.each([
    {
      text: 'em—dash tab\tx \u0085c1 del\x7f 30',
      utf8: 'em—dash tab?x ?c1 del? 30',
      c: 'em???dash tab.x ??c1 del. 30',
    },
    { text: 'ls:\u2028. un:\u0378. nc:\uffff.', utf8: 'ls:?. un:?. nc:?.', c: 'ls:???. un:??. nc:???.' },
    {
      text: 'zw:\u200b bom:\ufeff pua:\ue000 shy:\u00ad',
      utf8: 'zw:\u200b bom:\ufeff pua:\ue000 shy:\u00ad',
      c: 'zw:??? bom:??? pua:??? shy:??',
    },
    { text: '漢字😀 é', utf8: '漢字😀 é', c: '?????????? ??' },
    { text: 'bad\ufffd\ufffd', utf8: 'bad??', c: 'bad??' },
    { text: 'nl\nx\ry\tz\n\nq', utf8: 'nl x?y?z  q', c: 'nl x.y.z  q' },
  ])('prints $text', ({ text, utf8, c }) => {
    expect(asPsPrints(text, 'utf8')).toBe(utf8);
    expect(asPsPrints(text, 'c')).toBe(c);
  });
});

describe('sameArgs', () => {
  const long = 'x'.repeat(MAX_CMDLINE_BYTES - 1);
  it.each([
    { name: 'the same', command: 'sleep 5', ps: 'sleep 5', want: true },
    { name: 'a different argument', command: 'sleep 5', ps: 'sleep 6', want: false },
    { name: 'spaces a retitled process pads with', command: 'postgres: idle   ', ps: 'postgres: idle', want: true },
    {
      name: 'bytes that are not UTF-8, counted differently',
      command: 'bad\ufffd \ufffdA',
      ps: 'bad?? ??A',
      want: true,
    },
    { name: "a '?' where no byte was bad", command: 'a?b', ps: 'a??b', want: false },
    { name: 'a cut command line ps shows whole', command: long, ps: `${long}yyyy`, want: true },
    { name: 'a short one ps shows longer', command: 'sleep', ps: 'sleep 5', want: false },
    { name: 'a cut one that differs', command: long, ps: `z${long}`, want: false },
  ])('$name: $want', ({ command, ps, want }) => expect(sameArgs(row(command), ps, 'utf8')).toBe(want));
});

describe('whereArgsDiffer', () => {
  it('shows both sides around the first difference, controls visible', () => {
    expect(whereArgsDiffer(`${'a'.repeat(50)}b\tc`, `${'a'.repeat(50)}b?c`)).toBe(
      `from character 51 (of 53 and 53): agent "${'a'.repeat(29)}b\\tc", ps "${'a'.repeat(29)}b?c"`,
    );
  });
});
