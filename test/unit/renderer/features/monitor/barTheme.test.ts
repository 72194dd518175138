import { describe, expect, it } from 'vitest';
import { resolveColor } from '../../../../../renderer/src/features/monitor/barTheme';

const vars: Record<string, string> = { '--bar-1': ' #38bdf8', '--bad': '#ef4444', '--empty': '  ' };
const lookup = (name: string): string => vars[name] ?? '';

describe('resolveColor', () => {
  it.each([
    ['a plain colour', '#123456', '#123456'],
    ['a named colour, trimmed', ' tomato ', 'tomato'],
    ['a defined variable, trimmed', 'var(--bar-1)', '#38bdf8'],
    ['spaces inside var()', 'var( --bad )', '#ef4444'],
    ['an undefined variable', 'var(--bar-9)', 'gray'],
    ['an empty variable', 'var(--empty)', 'gray'],
    ['the fallback in var()', 'var(--bar-9, #abcdef)', '#abcdef'],
    ['a variable as the fallback', 'var(--bar-9, var(--bad))', '#ef4444'],
    ['an empty string', '', 'gray'],
  ])('%s', (_name, color, resolved) => {
    expect(resolveColor(color, lookup, 'gray')).toBe(resolved);
  });
});
