import { describe, expect, it } from 'vitest';
import { parseConfig, renderConfig } from '../../../agent/src/mosixConfig';

/** gossimon's sample freeze.conf, which carries MOSIX's own field comments (shortened). */
const SAMPLE = `# Freeze dir
/mopi

# Freeze configuration - a class per line, first 4 fields are mandatory:
#Class  Units   Red     Blue    Auto    Auto    Min     Max     Slice
1       0       6       4       0       4       0       -1      10


`;

const files = (text: string) => new Map([['freeze.conf', text]]);

describe('freeze.conf', () => {
  it('reads the sample: a directory and a class line', () => {
    const { config, issues } = parseConfig(files(SAMPLE));
    expect(issues).toEqual([]);
    expect(config.freeze).toEqual({
      dirs: [{ path: '/mopi', share: null, line: 2 }],
      classes: [
        { class: 1, units: 0, red: 6, blue: 4, autohome: 0, autocluster: 4, min: 0, max: -1, slice: 10, line: 6 },
      ],
    });
  });

  it.each([
    {
      name: 'a share and fractional marks',
      text: '/tmp 0.3\n2 1 1.5 0.75\n',
      dirs: [{ path: '/tmp', share: 0.3, line: 1 }],
      cls: {
        class: 2,
        units: 1,
        red: 1.5,
        blue: 0.75,
        autohome: null,
        autocluster: null,
        min: null,
        max: null,
        slice: null,
        line: 2,
      },
    },
    {
      name: 'six of nine class fields',
      text: '3 0 -1 2 -1 -1\n',
      dirs: [],
      cls: {
        class: 3,
        units: 0,
        red: -1,
        blue: 2,
        autohome: -1,
        autocluster: -1,
        min: null,
        max: null,
        slice: null,
        line: 1,
      },
    },
  ])('reads $name', ({ text, dirs, cls }) => {
    const { config, issues } = parseConfig(files(text));
    expect(issues).toEqual([]);
    expect(config.freeze).toEqual({ dirs, classes: [cls] });
  });

  it.each([
    { text: '1 0 6\n', says: '(4 to 9 numbers)' },
    { text: '1 0 6 4 0 4 0 -1 10 11\n', says: '(4 to 9 numbers)' },
    { text: '1 0 six 4\n', says: 'the red field "six" is not a number' },
    { text: '1 0 6 4 0.5\n', says: 'the autohome field "0.5" is not a whole number' },
    { text: '/tmp half\n', says: 'share "half"' },
    { text: '/tmp 0.5 extra\n', says: 'unexpected "extra"' },
  ])('refuses $text', ({ text, says }) => {
    const { issues } = parseConfig(files(text));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ file: 'freeze.conf', line: 1, severity: 'error' });
    expect(issues[0]!.message).toContain(says);
  });

  it('writes only the fields that were given, filling a gap before a later one', () => {
    const base = files('1 0 6 4\n');
    const { config } = parseConfig(base);
    config.freeze.classes[0]!.max = 8;
    expect(renderConfig(config, base).get('freeze.conf')).toBe('1 0 6 4 -1 -1 0 8\n');
  });

  it('changes one class in the sample and nothing else', () => {
    const base = files(SAMPLE);
    const { config } = parseConfig(base);
    config.freeze.classes[0]!.red = 8;
    const out = renderConfig(config, base).get('freeze.conf')!;
    expect(out.split('\n')).toEqual(SAMPLE.replace(/^1 .*$/m, '1 0 8 4 0 4 0 -1 10').split('\n'));
  });
});
