import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyBundleForOtherUsers } from '../../support/bundleCopy';

// The agent tests run their agent as nobody (and as a user they create) through this copy.
const asNobody = (...command: string[]) => spawnSync('runuser', ['-u', 'nobody', '--', ...command]);

let hidden: string;
beforeAll(() => {
  if (process.getuid?.() !== 0) throw new Error('this test runs as root (npm test does), to act as nobody');
  hidden = mkdtempSync(join(tmpdir(), 'mosdesk-hidden-')); // mode 700, like a checkout in `mktemp -d`
});
afterAll(() => rmSync(hidden, { recursive: true, force: true }));

describe('copyBundleForOtherUsers', () => {
  it('copies a file nobody cannot reach to where they can read it, and removes it', () => {
    const source = join(hidden, 'bundle.cjs');
    writeFileSync(source, 'x', { mode: 0o600 });
    expect(asNobody('test', '-r', source).status).not.toBe(0);
    const copy = copyBundleForOtherUsers(source);
    try {
      expect(asNobody('test', '-r', copy.path).status).toBe(0);
    } finally {
      copy.remove();
    }
    expect(existsSync(dirname(copy.path))).toBe(false);
  });

  it('gives a copy of the built agent that nobody can run', () => {
    const copy = copyBundleForOtherUsers();
    try {
      const version = execFileSync('runuser', ['-u', 'nobody', '--', process.execPath, copy.path, '--version'], {
        encoding: 'utf8',
      });
      expect(version).toMatch(/^\S+ protocol \d+\n$/);
    } finally {
      copy.remove();
    }
  });
});
