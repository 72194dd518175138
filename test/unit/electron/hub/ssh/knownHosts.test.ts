import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HubError } from '../../../../../electron/hub/errors';
import {
  checkHostKey,
  entryMatches,
  formatKnownHostsLine,
  knownHostsName,
  knownKeyTypes,
  parseKnownHosts,
} from '../../../../../electron/hub/ssh/knownHosts';
import { type GeneratedKey, generateKey, keygenFind, makeTempDir, sshKeygen } from './openssh';

type KeyName = 'edA' | 'edB' | 'rsa' | 'ecdsa';

const tmp = makeTempDir('kh');
const keys = {} as Record<KeyName, GeneratedKey>;
const pub = (k: KeyName): string => keys[k].pubLine.split(' ').slice(0, 2).join(' ');
let plainFile = '';
let hashedFile = '';

/** One host pattern field and key per line; line numbers below count from 1. */
function knownHostsText(): string {
  return [
    '# known hosts for the tests', // 1
    `node1,node2 ${pub('edA')}`, // 2
    `[node3]:2222 ${pub('edA')}`, // 3
    `*.lan,!bad.lan ${pub('edB')}`, // 4
    `node5 ${pub('rsa')} a comment`, // 5
    `@revoked node6 ${pub('edB')}`, // 6
    `node6 ${pub('edB')}`, // 7
    `@cert-authority *.ca ${pub('rsa')}`, // 8
    `node7 ${pub('edA')}`, // 9
    `node7 ${pub('edB')}`, // 10
    '', // 11
    `10.0.0.5 ${pub('edA')}`, // 12
    `[10.0.0.5]:2200 ${pub('ecdsa')}`, // 13
    `node8 ${pub('edA')}`, // 14
    `  node9 ${pub('ecdsa')}\r`, // 15: indented, CRLF
  ].join('\n');
}

beforeAll(() => {
  keys.edA = generateKey(tmp.dir, 'edA', 'ed25519');
  keys.edB = generateKey(tmp.dir, 'edB', 'ed25519');
  keys.rsa = generateKey(tmp.dir, 'rsa', 'rsa');
  keys.ecdsa = generateKey(tmp.dir, 'ecdsa', 'ecdsa');
  plainFile = join(tmp.dir, 'known_hosts');
  hashedFile = join(tmp.dir, 'known_hosts.hashed');
  writeFileSync(plainFile, `${knownHostsText()}\n`);
  copyFileSync(plainFile, hashedFile);
  sshKeygen(['-H', '-f', hashedFile]);
});
afterAll(() => tmp.remove());

const cases: { name: string; host: string; port: number; key: KeyName; want: string; line?: number; known?: string }[] =
  [
    { name: 'first name of a list', host: 'node1', port: 22, key: 'edA', want: 'known', line: 2 },
    { name: 'second name, other case', host: 'NODE2', port: 22, key: 'edA', want: 'known', line: 2 },
    {
      name: 'same type, other key',
      host: 'node1',
      port: 22,
      key: 'edB',
      want: 'changed',
      line: 2,
      known: 'ssh-ed25519',
    },
    {
      name: 'other type on record',
      host: 'node1',
      port: 22,
      key: 'rsa',
      want: 'changed',
      line: 2,
      known: 'ssh-ed25519',
    },
    {
      name: 'only an rsa key on record',
      host: 'node5',
      port: 22,
      key: 'edA',
      want: 'changed',
      line: 5,
      known: 'ssh-rsa',
    },
    { name: '[host]:port', host: 'node3', port: 2222, key: 'edA', want: 'known', line: 3 },
    { name: 'host known on another port only', host: 'node3', port: 22, key: 'edA', want: 'unknown' },
    { name: 'third port', host: 'node3', port: 2200, key: 'edA', want: 'unknown' },
    { name: 'wildcard', host: 'good.lan', port: 22, key: 'edB', want: 'known', line: 4 },
    { name: 'negated out of the wildcard', host: 'bad.lan', port: 22, key: 'edB', want: 'unknown' },
    { name: 'revoked beats known', host: 'node6', port: 22, key: 'edB', want: 'revoked', line: 6 },
    { name: 'revoked key for another host', host: 'node7', port: 22, key: 'edB', want: 'known', line: 10 },
    { name: 'cert-authority lines are ignored', host: 'x.ca', port: 22, key: 'rsa', want: 'unknown' },
    { name: 'second key on record matches', host: 'node7', port: 22, key: 'edB', want: 'known', line: 10 },
    {
      name: 'neither of two keys',
      host: 'node7',
      port: 22,
      key: 'rsa',
      want: 'changed',
      line: 9,
      known: 'ssh-ed25519',
    },
    { name: 'address', host: '10.0.0.5', port: 22, key: 'edA', want: 'known', line: 12 },
    { name: 'address and port', host: '10.0.0.5', port: 2200, key: 'ecdsa', want: 'known', line: 13 },
    {
      name: 'address and port, no fallback when changed',
      host: '10.0.0.5',
      port: 2200,
      key: 'edA',
      want: 'changed',
      line: 13,
      known: 'ecdsa-sha2-nistp256',
    },
    { name: 'other port falls back to the bare name', host: 'node8', port: 2222, key: 'edA', want: 'known', line: 14 },
    { name: 'fallback takes only the same key', host: 'node8', port: 2222, key: 'edB', want: 'unknown' },
    { name: 'indented CRLF line', host: 'node9', port: 22, key: 'ecdsa', want: 'known', line: 15 },
    { name: 'never seen', host: 'elsewhere', port: 22, key: 'edA', want: 'unknown' },
  ];

describe('checkHostKey on a plain file', () => {
  it.each(cases)('$name: $want', ({ host, port, key, want, line, known }) => {
    const { entries, warnings } = parseKnownHosts(readFileSync(plainFile, 'utf8'), plainFile);
    expect(warnings).toEqual([]);
    const result = checkHostKey(entries, host, port, keys[key].type, keys[key].blob);
    expect(result.status).toBe(want);
    if (line !== undefined) expect(result).toMatchObject({ file: plainFile, line });
    if (known !== undefined) expect(result).toMatchObject({ knownType: known });
  });
});

describe('checkHostKey on the same file hashed by ssh-keygen -H', () => {
  it('holds hashed entries', () => {
    expect(readFileSync(hashedFile, 'utf8').match(/^\|1\|/gm)?.length).toBeGreaterThanOrEqual(10);
  });

  it.each(cases)('$name: $want', ({ host, port, key, want, line, known }) => {
    const text = readFileSync(hashedFile, 'utf8');
    const { entries, warnings } = parseKnownHosts(text, hashedFile);
    expect(warnings).toEqual([]);
    const result = checkHostKey(entries, host, port, keys[key].type, keys[key].blob);
    expect(result.status).toBe(want);
    if (known !== undefined) expect(result).toMatchObject({ knownType: known });
    if (line !== undefined && 'line' in result) {
      // Hashing splits lists, so lines move: the line found must hold the key the plain file had there.
      const recorded = entries.find((e) => e.line === result.line);
      const original = parseKnownHosts(knownHostsText(), 'plain').entries.find((e) => e.line === line);
      expect(recorded?.keyBlob.equals(original?.keyBlob ?? Buffer.alloc(0))).toBe(true);
    }
  });
});

const names = [
  ['node1', 22],
  ['node2', 22],
  ['NODE1', 22],
  ['node3', 2222],
  ['node3', 22],
  ['good.lan', 22],
  ['bad.lan', 22],
  ['node6', 22],
  ['x.ca', 22],
  ['node7', 22],
  ['10.0.0.5', 22],
  ['10.0.0.5', 2200],
  ['node9', 22],
  ['nothere', 22],
] as const;

describe('host matching agrees with ssh-keygen -F', () => {
  it.each(names)('%s port %i', (host, port) => {
    for (const file of [plainFile, hashedFile]) {
      const { entries } = parseKnownHosts(readFileSync(file, 'utf8'), file);
      const name = knownHostsName(host, port);
      const ours = entries.filter((e) => entryMatches(e, name)).map((e) => e.line);
      expect(ours, file).toEqual(keygenFind(file, name));
    }
  });
});

describe('parseKnownHosts skips bad lines with a warning', () => {
  it('names each bad line by number and keeps the good ones', () => {
    const good = `node1 ${pub('edA')}`;
    const salt = Buffer.alloc(20, 1).toString('base64');
    const text = [
      good, // 1
      'garbage', // 2
      'node5 ssh-ed25519 !!!notbase64', // 3
      `@bogus node1 ${pub('edA')}`, // 4
      `@revoked @revoked node1 ${pub('edA')}`, // 5
      '@revoked', // 6
      `|1|${salt}|short ${pub('edA')}`, // 7
      `|2|${salt}|${salt} ${pub('edA')}`, // 8
      `node1 ssh-rsa ${pub('edA').split(' ')[1]}`, // 9: type differs from its data
      '1024 35 1234567 old-ssh1@key', // 10
      `  # indented comment`, // 11
      `@revoked node1 ${pub('edB')}`, // 12
    ].join('\n');
    const { entries, warnings } = parseKnownHosts(text, 'kh');
    expect(entries.map((e) => e.line)).toEqual([1, 12]);
    expect(entries[1]?.marker).toBe('revoked');
    expect(warnings.map((w) => w.split(':').slice(0, 2).join(':'))).toEqual(
      [2, 3, 4, 5, 6, 7, 8, 9, 10].map((n) => `kh:${n}`),
    );
    expect(warnings.every((w) => w.endsWith('line skipped.'))).toBe(true);
  });
});

describe('formatKnownHostsLine', () => {
  it.each([
    { name: 'port 22', host: 'node1', port: 22, want: (k: string) => `node1 ${k}` },
    { name: 'other port', host: 'node1', port: 2222, want: (k: string) => `[node1]:2222 ${k}` },
    { name: 'lowercased', host: 'Node1.LAN', port: 22, want: (k: string) => `node1.lan ${k}` },
    { name: 'IPv6 with port', host: 'fe80::1', port: 2222, want: (k: string) => `[fe80::1]:2222 ${k}` },
  ])('writes $name', ({ host, port, want }) => {
    expect(formatKnownHostsLine(host, port, keys.edA.type, keys.edA.blob)).toBe(want(pub('edA')));
  });

  it('writes the blob type when given the rsa-sha2 algorithm', () => {
    expect(formatKnownHostsLine('n1', 22, 'rsa-sha2-512', keys.rsa.blob)).toBe(`n1 ${pub('rsa')}`);
  });

  it('writes hashed lines that ssh-keygen -F finds and that read back as known', () => {
    const file = join(tmp.dir, 'written');
    const lines = [
      formatKnownHostsLine('node1', 22, keys.edA.type, keys.edA.blob, { hash: true }),
      formatKnownHostsLine('node3', 2222, keys.edB.type, keys.edB.blob, { hash: true }),
    ];
    writeFileSync(file, `${lines.join('\n')}\n`);
    expect(lines.every((l) => l.startsWith('|1|'))).toBe(true);
    expect(lines[0]).not.toContain('node1');
    expect(keygenFind(file, 'node1')).toEqual([1]);
    expect(keygenFind(file, '[node3]:2222')).toEqual([2]);
    expect(keygenFind(file, 'node3')).toEqual([]);
    const { entries } = parseKnownHosts(readFileSync(file, 'utf8'), file);
    expect(checkHostKey(entries, 'node1', 22, keys.edA.type, keys.edA.blob)).toEqual({
      status: 'known',
      file,
      line: 1,
    });
    expect(checkHostKey(entries, 'node3', 2222, keys.edB.type, keys.edB.blob).status).toBe('known');
  });

  it('hashes with a given salt deterministically, and a fresh salt each time by default', () => {
    const salt = Buffer.alloc(20, 7);
    const a = formatKnownHostsLine('n1', 22, keys.edA.type, keys.edA.blob, { hash: true, salt });
    expect(a).toBe(formatKnownHostsLine('n1', 22, keys.edA.type, keys.edA.blob, { hash: true, salt }));
    expect(a.startsWith(`|1|${salt.toString('base64')}|`)).toBe(true);
    const b = formatKnownHostsLine('n1', 22, keys.edA.type, keys.edA.blob, { hash: true });
    const c = formatKnownHostsLine('n1', 22, keys.edA.type, keys.edA.blob, { hash: true });
    expect(b).not.toBe(c);
  });

  it.each([
    { name: 'a space in the host', host: 'n 1', port: 22, type: 'ssh-ed25519' },
    { name: 'a comma in the host', host: 'n1,n2', port: 22, type: 'ssh-ed25519' },
    { name: 'a pattern', host: 'n*', port: 22, type: 'ssh-ed25519' },
    { name: 'port 0', host: 'n1', port: 0, type: 'ssh-ed25519' },
    { name: 'fractional port', host: 'n1', port: 22.5, type: 'ssh-ed25519' },
    { name: 'a type that is not the blob', host: 'n1', port: 22, type: 'ssh-rsa' },
  ])('refuses $name', ({ host, port, type }) => {
    expect(() => formatKnownHostsLine(host, port, type, keys.edA.blob)).toThrow(HubError);
  });
});

describe('checkHostKey input checks', () => {
  it('refuses a key type that is not the blob', () => {
    expect(() => checkHostKey([], 'n1', 22, 'ssh-rsa', keys.edA.blob)).toThrow(HubError);
    expect(() => checkHostKey([], 'n1', 22, 'ssh-ed25519', Buffer.from('junk'))).toThrow(HubError);
  });

  it('accepts the rsa-sha2 algorithms for an ssh-rsa key', () => {
    const { entries } = parseKnownHosts(`n1 ${pub('rsa')}`, 'kh');
    expect(checkHostKey(entries, 'n1', 22, 'rsa-sha2-256', keys.rsa.blob).status).toBe('known');
  });
});

describe('knownKeyTypes', () => {
  it('lists the types on record, without markers, once each', () => {
    const { entries } = parseKnownHosts(knownHostsText(), 'kh');
    expect(knownKeyTypes(entries, 'node7', 22)).toEqual(['ssh-ed25519']);
    expect(knownKeyTypes(entries, 'node6', 22)).toEqual(['ssh-ed25519']);
    expect(knownKeyTypes(entries, '10.0.0.5', 2200)).toEqual(['ecdsa-sha2-nistp256']);
    expect(knownKeyTypes(entries, 'x.ca', 22)).toEqual([]);
  });

  it("off port 22 with nothing for [host]:port, takes the bare host's types (checkHostKey accepts those)", () => {
    const { entries } = parseKnownHosts(
      `node1 ${pub('rsa')}\n[node2]:2222 ${pub('ecdsa')}\nnode2 ${pub('rsa')}\n`,
      'kh',
    );
    expect(knownKeyTypes(entries, 'node1', 2222)).toEqual(['ssh-rsa']);
    expect(knownKeyTypes(entries, 'node2', 2222)).toEqual(['ecdsa-sha2-nistp256']);
    expect(knownKeyTypes(entries, 'node3', 2222)).toEqual([]);
  });
});
