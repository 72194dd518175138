import { describe, expect, it } from 'vitest';
import { applyIdProblem, configPaths, filePath, nameProblem, stagedDir } from '../../../../agent/src/config/paths';

describe('nameProblem', () => {
  const good = ['mosix.map', 'userview.map', 'mosip', 'freeze.conf', 'queue.conf', 'partners/east-1', 'partners/a.b_c'];
  const bad = [
    { name: 'a parent directory', value: '../shadow' },
    { name: 'a partner name that climbs out', value: 'partners/..' },
    { name: 'a partner path with a slash', value: 'partners/a/../../shadow' },
    { name: 'an absolute path', value: '/etc/mosix/mosix.map' },
    { name: 'a hidden partner file', value: 'partners/.hidden' },
    { name: 'another file of /etc/mosix', value: 'mosix.conf' },
    { name: 'the state directory', value: '.mosdesk/lock' },
    { name: 'an empty name', value: '' },
    { name: 'a trailing newline', value: 'mosip\n' },
    { name: 'a NUL byte', value: 'mosip\0' },
    { name: 'an over-long partner name', value: `partners/${'a'.repeat(65)}` },
  ];
  it.each(good)('takes %s', (name) => expect(nameProblem(name)).toBeUndefined());
  it.each(bad)('refuses $name', ({ value }) => {
    expect(nameProblem(value)).toMatch(/is not a file of \/etc\/mosix/);
    expect(() => filePath('/etc/mosix', value)).toThrow();
  });
  it('joins a good name inside the directory', () =>
    expect(filePath('/etc/mosix', 'partners/east')).toBe('/etc/mosix/partners/east'));
});

describe('apply ids', () => {
  const bad = ['../../tmp', 'short', 'UPPER-case-id', '-leading-dash', 'a'.repeat(65), 'apply 0001', ''];
  it.each(bad)('refuses %j', (id) => {
    expect(applyIdProblem(id)).toMatch(/is not an apply id/);
    expect(() => stagedDir(configPaths(), id)).toThrow();
  });
  it('puts a good one under .mosdesk/staged', () =>
    expect(stagedDir(configPaths(), 'apply-20261203-1')).toBe('/etc/mosix/.mosdesk/staged/apply-20261203-1'));
});
