import { describe, expect, it } from 'vitest';
import { parseConfig, renderConfig } from '../../../agent/src/mosixConfig';

describe('mosip', () => {
  it.each([
    { text: '10.0.0.5\n', want: '10.0.0.5' },
    { text: '# written by hand\n 10.0.0.5 \n', want: '10.0.0.5' },
    { text: '10.0.0.5', want: '10.0.0.5' },
    { text: '', want: null },
  ])('reads $text', ({ text, want }) => {
    const { config, issues } = parseConfig(new Map([['mosip', text]]));
    expect(config.mosip).toBe(want);
    expect(issues).toEqual([]);
  });

  it.each(['node1\n', '10.0.0.5 10.0.0.6\n', '10.0.0.05\n'])('refuses %j', (text) => {
    const { config, issues } = parseConfig(new Map([['mosip', text]]));
    expect(config.mosip).toBeNull();
    expect(issues[0]).toMatchObject({ file: 'mosip', line: 1, severity: 'error' });
    expect(issues[0]!.message).toContain('is not one IPv4 address');
  });

  it('writes, changes and removes the file', () => {
    const config = parseConfig(new Map()).config;
    expect(renderConfig({ ...config, mosip: '10.0.0.5' }, new Map()).get('mosip')).toBe('10.0.0.5\n');
    const base = new Map([['mosip', '10.0.0.5\n']]);
    expect(renderConfig({ ...config, mosip: '10.0.0.6' }, base).get('mosip')).toBe('10.0.0.6\n');
    expect(renderConfig({ ...config, mosip: null }, base)).toEqual(new Map([['mosip', null]]));
  });
});
