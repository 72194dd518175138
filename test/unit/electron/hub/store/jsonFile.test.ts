import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  JsonFileError,
  readJsonFile,
  readTextFile,
  writeFileAtomic,
  writeJsonFileAtomic,
} from '../../../../../electron/hub/store/jsonFile';

const schema = z.strictObject({ version: z.literal(1), names: z.array(z.string()) });

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mosdesk-json-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function caught(p: Promise<unknown>): Promise<JsonFileError> {
  const err: unknown = await p.catch((e: unknown) => e);
  expect(err).toBeInstanceOf(JsonFileError);
  return err as JsonFileError;
}

describe('readJsonFile', () => {
  it('answers undefined for a missing file', async () => {
    expect(await readJsonFile(join(dir, 'none.json'), schema)).toBeUndefined();
  });

  it('reads what writeJsonFileAtomic wrote', async () => {
    const path = join(dir, 'a.json');
    await writeJsonFileAtomic(path, { version: 1, names: ['x', 'y'] });
    expect(await readJsonFile(path, schema)).toEqual({ version: 1, names: ['x', 'y'] });
  });

  const damaged = [
    { name: 'half a file (a crash of a writer without rename)', text: '{"version": 1, "names": ["x"', why: 'not JSON' },
    { name: 'an empty file', text: '', why: 'not JSON' },
    { name: 'valid JSON of the wrong shape', text: '{"version": 1, "names": [3]}', why: 'at "names.0"' },
    { name: 'a newer version', text: '{"version": 2, "names": []}', why: 'at "version"' },
    { name: 'an extra key', text: '{"version": 1, "names": [], "password": "x"}', why: 'password' },
  ];

  it.each(damaged)('moves aside $name and says so', async ({ text, why }) => {
    const path = join(dir, 'clusters.json');
    writeFileSync(path, text);
    const err = await caught(readJsonFile(path, schema));
    expect(err.message).toContain(`${path} was damaged (`);
    expect(err.message).toContain(why);
    expect(err.movedTo).toMatch(/clusters\.json\.corrupt-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z$/);
    expect(err.message).toContain(`moved aside to clusters.json.corrupt-`);
    expect(readFileSync(err.movedTo!, 'utf8')).toBe(text); // nothing the user had is lost
    expect(await readJsonFile(path, schema)).toBeUndefined(); // and the next start is clean
  });

  it('does not move a file it merely cannot open', async () => {
    const path = join(dir, 'sub');
    await writeJsonFileAtomic(join(path, 'x.json'), {}); // a directory where a file is expected
    const err = await caught(readJsonFile(path, schema));
    expect(err.movedTo).toBeUndefined();
    expect(err.message).toBe(`${path} cannot be read (EISDIR).`);
    expect(readdirSync(dir)).toEqual(['sub']);
  });
});

describe('writeFileAtomic', () => {
  it('creates the directory, writes mode 0600 by default and leaves no temp file', async () => {
    const path = join(dir, 'deep', 'er', 'secrets.json');
    await writeFileAtomic(path, 'one\n');
    expect(readFileSync(path, 'utf8')).toBe('one\n');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'deep')).mode & 0o777).toBe(0o700);
    expect(readdirSync(join(dir, 'deep', 'er'))).toEqual(['secrets.json']);
  });

  it('sets the mode asked for, whatever the umask, also when replacing a file', async () => {
    const path = join(dir, 'known_hosts');
    writeFileSync(path, 'old\n', { mode: 0o666 });
    const old = process.umask(0o077);
    try {
      await writeFileAtomic(path, 'new\n', { mode: 0o644 });
    } finally {
      process.umask(old);
    }
    expect(readFileSync(path, 'utf8')).toBe('new\n');
    expect(statSync(path).mode & 0o777).toBe(0o644);
  });

  it('replaces the file by rename (a reader holding the old one keeps it whole)', async () => {
    const path = join(dir, 'a.json');
    await writeFileAtomic(path, 'first\n');
    const before = statSync(path).ino;
    await writeFileAtomic(path, 'second\n');
    expect(statSync(path).ino).not.toBe(before);
    expect(await readTextFile(path)).toBe('second\n');
  });

  it('cleans up its temp file when the rename fails', async () => {
    const target = join(dir, 'taken');
    await writeFileAtomic(join(target, 'inner'), 'x'); // a non-empty directory cannot be renamed over
    await expect(writeFileAtomic(target, 'y')).rejects.toThrow();
    expect(readdirSync(dir)).toEqual(['taken']);
  });
});
