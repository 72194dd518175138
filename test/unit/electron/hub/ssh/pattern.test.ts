import { describe, expect, it } from 'vitest';
import { matchPattern, matchPatternList } from '../../../../../electron/hub/ssh/pattern';

const rows = [
  { name: 'literal', text: 'node1', pattern: 'node1', want: true },
  { name: 'literal, other text', text: 'node2', pattern: 'node1', want: false },
  { name: 'prefix only is not a match', text: 'node10', pattern: 'node1', want: false },
  { name: 'star at the end', text: 'node10', pattern: 'node*', want: true },
  { name: 'star matches nothing', text: 'node', pattern: 'node*', want: true },
  { name: 'star in the middle', text: 'node1.lan', pattern: 'node*.lan', want: true },
  { name: 'star must still match the tail', text: 'node1.lan.x', pattern: 'node*.lan', want: false },
  { name: 'star needs backtracking', text: 'a.lan.lan', pattern: '*.lan', want: true },
  { name: 'question mark is one character', text: 'node7', pattern: 'node?', want: true },
  { name: 'question mark is not zero characters', text: 'node', pattern: 'node?', want: false },
  { name: 'question mark is not two characters', text: 'node10', pattern: 'node?', want: false },
  { name: 'several stars', text: 'rack3-node12', pattern: '*3*1*', want: true },
  { name: 'star alone matches empty text', text: '', pattern: '*', want: true },
  { name: 'empty pattern matches only empty text', text: 'x', pattern: '', want: false },
  { name: 'case-sensitive', text: 'Node1', pattern: 'node1', want: false },
  { name: 'brackets are literal', text: '[node]:22', pattern: '[node]:22', want: true },
  { name: 'bracket is no class', text: 'a', pattern: '[ab]', want: false },
  { name: 'port form with a star', text: '[n1.lan]:2222', pattern: '[*.lan]:2222', want: true },
];

describe('matchPattern', () => {
  it.each(rows)('$name: $text ~ $pattern is $want', ({ text, pattern, want }) => {
    expect(matchPattern(text, pattern)).toBe(want);
  });

  it('stays fast on a pattern that is exponential for naive backtracking', () => {
    const started = performance.now();
    expect(matchPattern('a'.repeat(5000), `${'*a'.repeat(30)}b`)).toBe(false);
    expect(performance.now() - started).toBeLessThan(500);
  });
});

const lists = [
  { name: 'one pattern', text: 'node1', list: 'node1', want: 'match' },
  { name: 'second of a list', text: 'node2', list: 'node1,node2', want: 'match' },
  { name: 'no entry matches', text: 'node3', list: 'node1,node2', want: 'none' },
  { name: 'negation wins over a wildcard', text: 'bad.lan', list: '*.lan,!bad.lan', want: 'negated' },
  { name: 'negation wins whatever the order', text: 'bad.lan', list: '!bad.lan,*.lan', want: 'negated' },
  { name: 'negation of another host', text: 'good.lan', list: '*.lan,!bad.lan', want: 'match' },
  { name: 'a negation alone is no match', text: 'good.lan', list: '!bad.lan', want: 'none' },
  { name: 'patterns lowercased', text: 'node1', list: 'NODE1', want: 'match' },
];

describe('matchPatternList', () => {
  it.each(lists)('$name', ({ text, list, want }) => {
    expect(matchPatternList(text, list, true)).toBe(want);
  });

  it('keeps the case of the patterns when asked', () => {
    expect(matchPatternList('node1', 'NODE1', false)).toBe('none');
  });
});
