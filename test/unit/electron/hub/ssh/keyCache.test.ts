import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPrivateKey } from '../../../../../electron/hub/ssh/keyCache';
import { generateKey, makeTempDir, sshKeygen } from './openssh';

const PASSPHRASE = 'correct horse battery';
const tmp = makeTempDir('keycache');
let plain = '';
let encrypted = '';
beforeAll(() => {
  plain = generateKey(tmp.dir, 'plain', 'ed25519').path;
  encrypted = join(tmp.dir, 'encrypted');
  sshKeygen(['-q', '-t', 'ed25519', '-N', PASSPHRASE, '-a', '4', '-C', 'enc@test', '-f', encrypted]);
});
afterAll(() => tmp.remove());

describe('readPrivateKey', () => {
  it('gives the same parsed key while the file and the passphrase stay the same', async () => {
    const first = await readPrivateKey(encrypted, PASSPHRASE);
    expect(first.kind).toBe('key');
    expect(await readPrivateKey(encrypted, PASSPHRASE)).toBe(first);
  });

  it('parses once for callers that ask at the same time', async () => {
    const copy = join(tmp.dir, 'encrypted-copy');
    writeFileSync(copy, readFileSync(encrypted));
    const all = await Promise.all(Array.from({ length: 8 }, () => readPrivateKey(copy, PASSPHRASE)));
    expect(new Set(all).size).toBe(1);
  });

  it('keeps answers per passphrase: a wrong one does not hide the right one', async () => {
    const wrong = await readPrivateKey(encrypted, 'wrong horse');
    expect(wrong.kind).toBe('bad');
    expect(await readPrivateKey(encrypted, undefined)).toMatchObject({ kind: 'bad' });
    expect(await readPrivateKey(encrypted, PASSPHRASE)).toMatchObject({ kind: 'key' });
    expect(await readPrivateKey(encrypted, 'wrong horse')).toBe(wrong);
  });

  it('reads the file again once it changed', async () => {
    const file = join(tmp.dir, 'changing');
    const other = generateKey(tmp.dir, 'other', 'ed25519');
    writeFileSync(file, readFileSync(plain));
    const first = await readPrivateKey(file);
    writeFileSync(file, readFileSync(other.path));
    const second = await readPrivateKey(file);
    expect(second).not.toBe(first);
    expect(second.kind === 'key' && second.key.getPublicSSH().equals(other.blob)).toBe(true);
  });

  it.each([
    { name: 'a missing file', path: () => join(tmp.dir, 'missing'), want: { kind: 'missing' } },
    {
      name: 'a directory',
      path: () => {
        const dir = join(tmp.dir, 'a-dir');
        mkdirSync(dir, { recursive: true });
        return dir;
      },
      want: { kind: 'unreadable', code: 'EISDIR' },
    },
    {
      name: 'a file that is not a key',
      path: () => {
        const file = join(tmp.dir, 'garbage');
        writeFileSync(file, 'not a key\n');
        return file;
      },
      want: { kind: 'bad' },
    },
  ])('tells $name apart', async ({ path, want }) => {
    expect(await readPrivateKey(path())).toMatchObject(want);
  });
});
