import { describe, expect, it } from 'vitest';
import { parseConfig, renderConfig } from '../../../agent/src/mosixConfig';

const files = (text: string, name = 'partners/bmos') => new Map([[name, text]]);

describe('partners/<cluster>', () => {
  it('reads the positional description and priority lines, then ranges', () => {
    const { config, issues } = parseConfig(
      files('The bmos cluster\n50 1 0 1\n# racks\nbmos-01 13 1 1 1\n10.1.0.1 4 0 1 0\n'),
    );
    expect(issues).toEqual([]);
    expect(config.partners).toEqual([
      {
        name: 'bmos',
        description: 'The bmos cluster',
        priority: 50,
        canGo: true,
        canTake: false,
        canExpend: 1,
        ranges: [
          { host: 'bmos-01', count: 13, core: true, participate: true, proximate: true, line: 4 },
          { host: '10.1.0.1', count: 4, core: false, participate: true, proximate: false, line: 5 },
        ],
      },
    ]);
  });

  it('takes a first line starting with # as the description, as MOSIX reads line 1 whatever it is', () => {
    const { config } = parseConfig(files('# lab 2\n45 1 1 1\n'));
    expect(config.partners[0]?.description).toBe('# lab 2');
  });

  it.each([
    {
      name: 'no description (the priority line first)',
      text: '50 1 1 1\nmos1 2 1 1 1\n',
      says: 'has no description line',
      priority: 50,
    },
    { name: 'no priority line', text: 'Lab\n', says: 'has no priority line', priority: null },
    { name: 'an empty file', text: '', says: 'has no description line', priority: null },
  ])('reports $name', ({ text, says, priority }) => {
    const { config, issues } = parseConfig(files(text));
    expect(config.partners[0]?.priority).toBe(priority);
    expect(issues.map((i) => i.message).join('\n')).toContain(`partners/bmos: the file ${says}`);
  });

  it.each([
    {
      name: 'a bad second line',
      text: 'Lab\n50 yes 1 1\n',
      line: 2,
      says: 'should be "priority cango cantake canexpend"',
    },
    { name: 'a range with four fields', text: 'Lab\n50 1 1 1\nmos1 2 1 1\n', line: 3, says: 'is not a range' },
    { name: 'a flag other than 0 or 1', text: 'Lab\n50 1 1 1\nmos1 2 1 2 1\n', line: 3, says: 'must each be 0 or 1' },
  ])('keeps $name as unknown text and says which line', ({ text, line, says }) => {
    const { issues } = parseConfig(files(text));
    const issue = issues.find((i) => i.line === line);
    expect(issue?.severity).toBe('error');
    expect(issue?.message).toContain(says);
    expect(renderConfig(parseConfig(files(text)).config, files(text)).size).toBe(0);
  });

  it('writes a new partner in gossimon layout', () => {
    const out = renderConfig(
      {
        ...parseConfig(new Map()).config,
        partners: [
          {
            name: 'lab',
            description: 'Lab',
            priority: 45,
            canGo: true,
            canTake: false,
            canExpend: 1,
            ranges: [{ host: 'mos1', count: 38, core: true, participate: true, proximate: false }],
          },
        ],
      },
      new Map(),
    );
    expect(out.get('partners/lab')).toBe('Lab\n45 1 0 1\nmos1 38 1 1 0\n');
  });

  it('adds a missing description as line 1', () => {
    const base = files('50 1 1 1\nmos1 2 1 1 1\n');
    const { config } = parseConfig(base);
    config.partners[0]!.description = 'Lab two';
    expect(renderConfig(config, base).get('partners/bmos')).toBe('Lab two\n50 1 1 1\nmos1 2 1 1 1\n');
  });
});
