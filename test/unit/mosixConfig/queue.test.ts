import { describe, expect, it } from 'vitest';
import { parseConfig, renderConfig } from '../../../agent/src/mosixConfig';

const files = (text: string) => new Map([['queue.conf', text]]);

describe('queue.conf (inferred syntax)', () => {
  it.each([
    { text: 'priority 40\nZ 3\nN 2 1000\n', want: { priority: 40, z: 3, n: { count: 2, mb: 1000 } } },
    { text: '# site\nPRIORITY=60\nn 4\n', want: { priority: 60, z: null, n: { count: 4, mb: null } } },
    { text: 'default 10\nz 0\n', want: { priority: 10, z: 0, n: null } },
    { text: '', want: { priority: null, z: null, n: null } },
    { text: 'Z -1\n', want: { priority: null, z: -1, n: null } },
  ])('reads $text', ({ text, want }) => {
    const { config, issues } = parseConfig(files(text));
    expect(issues).toEqual([]);
    expect(config.queue).toEqual(want);
  });

  it.each([
    { text: 'priority high\n', severity: 'error', says: 'the default priority "high" is not a whole number' },
    { text: 'N 2 lots\n', severity: 'error', says: 'memory limit (MB) "lots"' },
    { text: 'maxjobs 4\n', severity: 'warning', says: 'kept as written' },
    { text: 'Z 1 2\n', severity: 'warning', says: 'does not know the line "Z 1 2"' },
  ])('keeps $text as unknown ($severity)', ({ text, severity, says }) => {
    const { issues } = parseConfig(files(text));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ file: 'queue.conf', line: 1, severity });
    expect(issues[0]!.message).toContain(says);
  });

  it('appends a new rule after the last queue line and keeps unknown ones', () => {
    const base = files('# queue\npriority 50\nmaxjobs 4\n');
    const { config } = parseConfig(base);
    config.queue.z = 3;
    expect(renderConfig(config, base).get('queue.conf')).toBe('# queue\npriority 50\nZ 3\nmaxjobs 4\n');
  });

  it('removes the file when every setting is cleared', () => {
    const base = files('Z 2\n');
    const { config } = parseConfig(base);
    config.queue.z = null;
    expect(renderConfig(config, base)).toEqual(new Map([['queue.conf', null]]));
  });
});
