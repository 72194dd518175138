import { describe, expect, it } from 'vitest';
import { shellWord, splitWords } from '../../../../agent/src/mosrun/words';

describe('splitWords', () => {
  it.each<[string, string[]]>([
    ['a b  c', ['a', 'b', 'c']],
    ["'a b' c", ['a b', 'c']],
    ['"a \\"b\\"" c', ['a "b"', 'c']],
    ['a\\ b', ['a b']],
    ['x\'y\'"z"', ['xyz']],
    ["''", ['']],
    ["'$HOME|x'", ['$HOME|x']],
    ['  ', []],
  ])('%j', (line, words) => expect(splitWords(line)).toEqual(words));
  it.each(['a | b', 'a;b', 'a > f', 'a && b', '"$X"', '`x`', 'a\\', '"open', "'open"])('refuses %j', (line) =>
    expect(() => splitWords(line)).toThrow(),
  );
});

describe('shellWord', () => {
  it.each(['plain', 'a b', "it's", '$HOME', '', 'tab\there', '-m1000', '/usr/bin/x'])('%j splits back to itself', (w) =>
    expect(splitWords(shellWord(w))).toEqual([w]),
  );
});
