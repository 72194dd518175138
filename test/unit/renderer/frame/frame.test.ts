import { describe, expect, it } from 'vitest';
import { initialTheme } from '../../../../renderer/src/frame/theme';
import { dispatchKey, type KeyOutcome, type ViewKeys } from '../../../../renderer/src/frame/viewKeys';

describe('the first theme', () => {
  it.each([
    ['light', false, 'light'],
    ['dark', true, 'dark'],
    [null, true, 'light'],
    [null, false, 'dark'],
    ['purple', true, 'light'],
  ] as const)('stored %s, system prefers light %s: %s', (stored, prefersLight, theme) => {
    expect(initialTheme(stored, prefersLight)).toBe(theme);
  });
});

const view = (name: string, answers: Record<string, KeyOutcome>, heard: string[]): ViewKeys => ({
  view: name,
  keys: [],
  handle: (key) => {
    heard.push(`${name}:${key}`);
    return answers[key] ?? 'unused';
  },
});

describe('a key press', () => {
  it.each([
    ['l', 'used', ['inner:l']],
    ['h', 'help', ['inner:h']],
    ['x', 'used', ['inner:x', 'outer:x']],
    ['q', 'unused', ['inner:q', 'outer:q']],
  ] as const)('%s goes to the innermost view first, then outwards: %s', (key, outcome, order) => {
    const heard: string[] = [];
    const views = [view('outer', { x: 'used' }, heard), view('inner', { l: 'used', h: 'help' }, heard)];
    expect(dispatchKey(views, key)).toBe(outcome);
    expect(heard).toEqual(order);
  });
});
