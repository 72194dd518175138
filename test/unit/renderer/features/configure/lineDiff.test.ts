import { describe, expect, it } from 'vitest';
import { diffRows, fileDiff, foldContext } from '../../../../../renderer/src/features/configure/lineDiff';

describe('diffRows', () => {
  it.each([
    { name: 'same text', before: 'a\nb\n', after: 'a\nb\n', kinds: ['same', 'same'] },
    { name: 'a line added at the end', before: 'a\n', after: 'a\nb\n', kinds: ['same', 'add'] },
    { name: 'a line removed', before: 'a\nb\nc\n', after: 'a\nc\n', kinds: ['same', 'del', 'same'] },
    { name: 'a line changed', before: 'x 4\n', after: 'x 5\n', kinds: ['del', 'add'] },
    { name: 'created from nothing', before: '', after: 'a\nb\n', kinds: ['add', 'add'] },
    { name: 'no final newline', before: 'a', after: 'a\nb', kinds: ['del', 'add', 'add'] },
  ])('$name', ({ before, after, kinds }) => {
    expect(diffRows(before, after).map((r) => r.kind)).toEqual(kinds);
  });

  it('numbers lines of the old and the new file', () => {
    const rows = diffRows('a\nb\nc\n', 'a\nB\nc\nd\n');
    expect(rows).toEqual([
      { kind: 'same', text: 'a', oldLine: 1, newLine: 1 },
      { kind: 'del', text: 'b', oldLine: 2 },
      { kind: 'add', text: 'B', newLine: 2 },
      { kind: 'same', text: 'c', oldLine: 3, newLine: 3 },
      { kind: 'add', text: 'd', newLine: 4 },
    ]);
  });
});

describe('foldContext', () => {
  const before = Array.from({ length: 20 }, (_, i) => `line ${i + 1}`).join('\n') + '\n';
  it('keeps three lines either side of a change and folds the rest', () => {
    const after = before.replace('line 10\n', 'line ten\n');
    const items = foldContext(diffRows(before, after));
    expect(items[0]).toEqual({ kind: 'gap', count: 6, oldLine: 1 });
    expect(items.flatMap((i) => (i.kind === 'gap' ? [] : [i.text]))).toEqual([
      'line 7',
      'line 8',
      'line 9',
      'line 10',
      'line ten',
      'line 11',
      'line 12',
      'line 13',
    ]);
    expect(items.at(-1)).toEqual({ kind: 'gap', count: 7, oldLine: 14 });
  });
  it('folds nothing when every line is near a change', () => {
    expect(foldContext(diffRows('a\nb\n', 'a\nc\n')).some((i) => i.kind === 'gap')).toBe(false);
  });
});

describe('fileDiff', () => {
  it.each([
    { before: null, after: 'a\n', status: 'created', added: 1, removed: 0 },
    { before: 'a\n', after: null, status: 'removed', added: 0, removed: 1 },
    { before: 'a\n', after: 'b\n', status: 'changed', added: 1, removed: 1 },
    { before: 'a\n', after: 'a\n', status: 'same', added: 0, removed: 0 },
    { before: null, after: null, status: 'same', added: 0, removed: 0 },
  ] as const)('$status: $before -> $after', ({ before, after, status, added, removed }) => {
    const d = fileDiff('mosix.map', before, after);
    expect({ status: d.status, added: d.added, removed: d.removed }).toEqual({ status, added, removed });
    if (status === 'same') expect(d.items).toEqual([]);
  });
});
