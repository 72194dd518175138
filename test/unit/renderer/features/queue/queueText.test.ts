import { describe, expect, it } from 'vitest';
import { parsePriority, waitedText } from '../../../../../renderer/src/features/queue/queueText';

describe('waitedText', () => {
  it.each([
    [-5, '0 s'],
    [0, '0 s'],
    [59_999, '59 s'],
    [60_000, '1 min'],
    [3_599_000, '59 min'],
    [3_600_000, '1 h'],
    [3_900_000, '1 h 5 min'],
    [86_400_000, '1 d'],
    [90_000_000, '1 d 1 h'],
  ])('%i ms -> %s', (ms, want) => expect(waitedText(ms)).toBe(want));
});

describe('parsePriority', () => {
  it.each([
    ['0', 0],
    [' 50 ', 50],
    ['1000', 1000],
  ])('takes %s', (t, v) => expect(parsePriority(t)).toEqual({ ok: true, value: v }));
  it.each(['', '-1', '1.5', 'ten', '1001', '1e3'])('refuses %j with a reason', (t) => {
    const r = parsePriority(t);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/priority|1000/);
  });
});
