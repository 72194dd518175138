import { describe, expect, it } from 'vitest';
import { backupsToPrune, MAX_BACKUPS, newestFirst } from '../../../../agent/src/config/backups';

const b = (id: string, at: number) => ({ id, at });

describe('backup order and pruning', () => {
  it('lists newest first, and orders equal times by id so readdir order never matters', () => {
    const list = [b('apply-aaaa01', 10), b('apply-cccc03', 30), b('apply-bbbb02', 30), b('apply-dddd04', 20)];
    expect(newestFirst(list).map((x) => x.id)).toEqual([
      'apply-cccc03',
      'apply-bbbb02',
      'apply-dddd04',
      'apply-aaaa01',
    ]);
    expect(newestFirst([...list].reverse())).toEqual(newestFirst(list));
  });

  it('removes nothing up to the limit', () => {
    const list = Array.from({ length: MAX_BACKUPS }, (_, i) => b(`apply-${1000 + i}`, i));
    expect(backupsToPrune(list)).toEqual([]);
  });

  it('removes the oldest past the limit, whatever order they come in', () => {
    const list = Array.from({ length: MAX_BACKUPS + 3 }, (_, i) => b(`apply-${1000 + i}`, 100 + i)).reverse();
    list.push(list.shift() as { id: string; at: number });
    expect(
      backupsToPrune(list)
        .map((x) => x.id)
        .sort(),
    ).toEqual(['apply-1000', 'apply-1001', 'apply-1002']);
    expect(backupsToPrune(list, 1).map((x) => x.id)).not.toContain('apply-1022');
  });
});
