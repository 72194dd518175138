import { describe, expect, it } from 'vitest';
import { visibleText } from '../../../../../renderer/src/features/processes/visibleText';

describe('visibleText', () => {
  it.each([
    ['plain text stays', 'sleep 600', 'sleep 600'],
    ['a newline is written out', 'a\nb', 'a\\nb'],
    ['tab and carriage return', 'a\tb\rc', 'a\\tb\\rc'],
    ['an escape sequence cannot colour the row', '\u001b[31mred', '\\x1b[31mred'],
    ['NUL and DEL', 'a\u0000b\u007f', 'a\\x00b\\x7f'],
    ['a C1 control', 'a\u0085b', 'a\\x85b'],
    ['a right-to-left override cannot reverse the text', 'evil\u202etxt.sh', 'evil\\u202etxt.sh'],
    ['an isolate', 'a\u2066b\u2069', 'a\\u2066b\\u2069'],
    ['the line separator', 'a\u2028b', 'a\\u2028b'],
    ['a backslash is doubled, so escapes are unambiguous', 'C:\\n', 'C:\\\\n'],
    ['other Unicode stays', 'naïve 日本 😀', 'naïve 日本 😀'],
  ])('%s', (_name, input, shown) => {
    expect(visibleText(input)).toBe(shown);
  });
});
