import { describe, expect, it } from 'vitest';
import { emptyForm, type RunForm } from '../../../../../renderer/src/features/jobs/run/runForm';
import { readStartFields, setLinesOf } from '../../../../../renderer/src/features/jobs/run/startFields';

const form = (over: Partial<RunForm>): RunForm => ({ ...emptyForm('/home/alice'), ...over });

describe('readStartFields', () => {
  it('reads the directory and environment', () => {
    const r = readStartFields(
      form({
        env: [
          { name: 'OMP_NUM_THREADS', value: '4' },
          { name: '', value: '' },
        ],
      }),
    );
    expect(r).toEqual({ cwd: '/home/alice', env: { OMP_NUM_THREADS: '4' }, lines: [], problems: {} });
  });
  it.each<[Partial<RunForm>, string, RegExp]>([
    [{ cwd: 'rel' }, 'cwd', /absolute/],
    [{ cwd: '' }, 'cwd', /empty/],
    [{ env: [{ name: '1X', value: '' }] }, 'env', /not a variable name/],
    [
      {
        env: [
          { name: 'A', value: '1' },
          { name: 'A', value: '2' },
        ],
      },
      'env',
      /twice/,
    ],
    [{ mode: 'set', setLines: 'ok 1\nbad | tee' }, 'setLines', /^Line 2: /],
  ])('%j is refused on %s', (over, field, why) => {
    expect(readStartFields(form(over)).problems[field as 'cwd']).toMatch(why);
  });
  it('a set skips blank lines', () => {
    expect(setLinesOf('a 1\n\n  b 2  \r\n')).toEqual(['a 1', 'b 2']);
  });
});
