import { appendFileSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readKnownHosts, readKnownHostsFile } from '../../../../../electron/hub/ssh/knownHostsCache';
import { type GeneratedKey, generateKey, makeTempDir } from './openssh';

const tmp = makeTempDir('khcache');
let a: GeneratedKey;
let b: GeneratedKey;
beforeAll(() => {
  a = generateKey(tmp.dir, 'a', 'ed25519');
  b = generateKey(tmp.dir, 'b', 'ed25519');
});
afterAll(() => tmp.remove());
const pub = (k: GeneratedKey): string => k.pubLine.split(' ').slice(0, 2).join(' ');

let n = 0;
const fresh = (): string => join(tmp.dir, `kh.${++n}`);

describe('readKnownHostsFile', () => {
  it('parses a file once while it is unchanged', async () => {
    const file = fresh();
    writeFileSync(file, `node1 ${pub(a)}\n`);
    const first = await readKnownHostsFile(file);
    expect(first.entries.map((e) => e.line)).toEqual([1]);
    expect(await readKnownHostsFile(file)).toBe(first);
  });

  it.each([
    { name: 'appended to', change: (f: string) => appendFileSync(f, `node2 ${pub(b)}\n`), lines: [1, 2] },
    {
      name: 'replaced atomically by a file of the same size',
      change: (f: string) => {
        writeFileSync(`${f}.tmp`, `node9 ${pub(a)}\n`);
        renameSync(`${f}.tmp`, f);
      },
      lines: [1],
      host: 'node9',
    },
    { name: 'rewritten in place', change: (f: string) => writeFileSync(f, `\nnode1 ${pub(a)}\n`), lines: [2] },
  ])('reads it again once it is $name', async ({ change, lines, host }) => {
    const file = fresh();
    writeFileSync(file, `node1 ${pub(a)}\n`);
    const first = await readKnownHostsFile(file);
    change(file);
    const second = await readKnownHostsFile(file);
    expect(second).not.toBe(first);
    expect(second.entries.map((e) => e.line)).toEqual(lines);
    if (host) expect(second.entries[0]?.hosts).toEqual({ kind: 'patterns', patterns: host });
  });

  it('sees a missing file appear and go', async () => {
    const file = fresh();
    expect((await readKnownHostsFile(file)).entries).toEqual([]);
    writeFileSync(file, `node1 ${pub(a)}\n`);
    expect((await readKnownHostsFile(file)).entries).toHaveLength(1);
    rmSync(file);
    expect((await readKnownHostsFile(file)).entries).toEqual([]);
  });

  it('tells of skipped lines once per change of the file', async () => {
    const file = fresh();
    writeFileSync(file, `node1 ${pub(a)}\nnot a line\n`);
    const heard: string[] = [];
    const warn = (m: string): void => void heard.push(m);
    await readKnownHostsFile(file, warn);
    await readKnownHostsFile(file, warn);
    expect(heard).toHaveLength(1);
    expect(heard[0]).toMatch(new RegExp(`^${file}:2: .*; line skipped\\.$`));
    appendFileSync(file, '\n');
    await readKnownHostsFile(file, warn);
    expect(heard).toHaveLength(2);
  });

  it('says so for a file it cannot read, and uses no keys from it', async () => {
    const dir = fresh();
    mkdirSync(dir);
    const heard: string[] = [];
    expect((await readKnownHostsFile(dir, (m) => void heard.push(m))).entries).toEqual([]);
    expect(heard).toEqual([`${dir}: cannot be read (EISDIR); its host keys are not used.`]);
  });
});

describe('readKnownHosts', () => {
  it('joins the files in the order given', async () => {
    const one = fresh();
    const two = fresh();
    writeFileSync(one, `node1 ${pub(a)}\n`);
    writeFileSync(two, `node2 ${pub(b)}\nnode3 ${pub(b)}\n`);
    const entries = await readKnownHosts([two, join(tmp.dir, 'missing'), one]);
    expect(entries.map((e) => `${e.file}:${e.line}`)).toEqual([`${two}:1`, `${two}:2`, `${one}:1`]);
  });
});
