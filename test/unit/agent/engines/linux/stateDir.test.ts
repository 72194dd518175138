import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultStateDir, readJsonIfExists, writeJsonAtomic } from '../../../../../agent/src/engines/linux/stateDir';

describe('defaultStateDir', () => {
  it.each([
    { name: 'override for tests', env: { MOSDESK_AGENT_STATE_DIR: '/x/y' }, want: '/x/y' },
    { name: 'XDG state home', env: { XDG_STATE_HOME: '/home/a/.st' }, want: '/home/a/.st/mosdesk-agent' },
    {
      name: 'relative XDG is ignored, as the spec says',
      env: { XDG_STATE_HOME: 'rel' },
      want: '/home/a/.local/state/mosdesk-agent',
    },
    { name: 'plain home', env: {}, want: '/home/a/.local/state/mosdesk-agent' },
  ])('$name', ({ env, want }) => expect(defaultStateDir(env, '/home/a')).toBe(want));
});

describe('writeJsonAtomic', () => {
  it('replaces the file whole and leaves no temporary file behind', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mosdesk-atomic-'));
    try {
      const file = join(dir, 'r.json');
      expect(readJsonIfExists(file)).toBeUndefined();
      writeJsonAtomic(file, { a: 1 });
      writeJsonAtomic(file, { a: 2, b: [1, 2] });
      expect(readJsonIfExists(file)).toEqual({ a: 2, b: [1, 2] });
      expect(readdirSync(dir)).toEqual(['r.json']);
      expect(readFileSync(file, 'utf8').endsWith('\n')).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
