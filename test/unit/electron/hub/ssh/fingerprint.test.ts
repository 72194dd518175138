import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HubError } from '../../../../../electron/hub/errors';
import { keyTypeOfBlob, parsePublicKey, sha256Fingerprint } from '../../../../../electron/hub/ssh/fingerprint';
import { type GeneratedKey, generateKey, makeTempDir, sshKeygen } from './openssh';

/** Captured from `ssh-keygen -t ed25519` and `ssh-keygen -lf` (OpenSSH 9.2). */
const ED25519 = {
  line: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAICaWxhquqap1/cPlsEfcqA3IpzBUc/WpeKj6ywCVxRPl root@vm',
  fingerprint: 'SHA256:vTdork8hMAurnAZ5OSYYo4e5gOqJ7R7S6McFecQ5lrQ',
};
const ECDSA = {
  line:
    'ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBI08p+sCvm6beojs6cFZRzRpsprMY+B75/djq+fF' +
    'H090TM8rq0D4oadol6Aw6WVMW4iYU7InB75RwYNzwuL5Kx4= with  two  spaces',
  fingerprint: 'SHA256:lwCd76ZDOyeRqF+IGceUr5w/8WCk12Bba6DkM5CHFgo',
};

describe('captured keys', () => {
  it.each([
    { name: 'ed25519', ...ED25519, type: 'ssh-ed25519', comment: 'root@vm' },
    {
      name: 'ecdsa, padded base64, spaces in the comment',
      ...ECDSA,
      type: 'ecdsa-sha2-nistp256',
      comment: 'with  two  spaces',
    },
  ])('$name', ({ line, fingerprint, type, comment }) => {
    const key = parsePublicKey(line);
    expect(key.type).toBe(type);
    expect(key.comment).toBe(comment);
    expect(sha256Fingerprint(key.blob)).toBe(fingerprint);
  });
});

describe('keys made by ssh-keygen', () => {
  const tmp = makeTempDir('fp');
  const keys: GeneratedKey[] = [];
  beforeAll(() => {
    keys.push(
      generateKey(tmp.dir, 'ed', 'ed25519'),
      generateKey(tmp.dir, 'rsa', 'rsa'),
      generateKey(tmp.dir, 'ec', 'ecdsa'),
    );
  });
  afterAll(() => tmp.remove());

  it('fingerprints as ssh-keygen -lf prints them', () => {
    for (const key of keys) {
      const printed = sshKeygen(['-lf', `${key.path}.pub`]).split(' ')[1];
      expect(printed).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
      expect(sha256Fingerprint(parsePublicKey(key.pubLine).blob)).toBe(printed);
    }
  });

  it('reads type, blob and comment of each .pub line', () => {
    for (const key of keys) {
      const parsed = parsePublicKey(key.pubLine);
      expect(parsed).toEqual({ type: key.type, blob: key.blob, comment: `${key.path.split('/').pop()}@test` });
      expect(keyTypeOfBlob(parsed.blob)).toBe(key.type);
    }
    expect(keys.map((k) => k.type)).toEqual(['ssh-ed25519', 'ssh-rsa', 'ecdsa-sha2-nistp256']);
  });
});

const ed25519Data = ED25519.line.split(' ')[1] ?? '';
const bad = [
  { name: 'empty', input: '' },
  { name: 'type only', input: 'ssh-ed25519' },
  { name: 'not base64', input: 'ssh-ed25519 !!!notbase64' },
  { name: 'base64 with a stray character', input: `ssh-ed25519 ${ed25519Data.slice(0, 10)}*${ed25519Data.slice(11)}` },
  {
    name: 'base64 missing its padding',
    input: `ecdsa-sha2-nistp256 ${(ECDSA.line.split(' ')[1] ?? '').replace(/=$/, '')}`,
  },
  { name: 'type differs from the data', input: `ssh-rsa ${ed25519Data}` },
  { name: 'data too short for its type name', input: 'ssh-ed25519 AAAAC3NzaC1l' },
  {
    name: 'blob that is only a type name',
    input: `ssh-ed25519 ${Buffer.from('\0\0\0\x0bssh-ed25519').toString('base64')}`,
  },
];

describe('parsePublicKey refuses', () => {
  it.each(bad)('$name', ({ input }) => {
    expect(() => parsePublicKey(input)).toThrow(HubError);
  });
});

describe('keyTypeOfBlob', () => {
  it.each([
    { name: 'too short', blob: Buffer.from([0, 0]) },
    { name: 'zero length', blob: Buffer.from([0, 0, 0, 0, 1]) },
    { name: 'length past the end', blob: Buffer.from([0, 0, 0, 9, 97]) },
    { name: 'absurd length', blob: Buffer.from([0xff, 0xff, 0xff, 0xff, 97]) },
    { name: 'control characters', blob: Buffer.from('\0\0\0\x03a\nb-rest') },
  ])('is undefined for $name', ({ blob }) => {
    expect(keyTypeOfBlob(blob)).toBeUndefined();
  });
});
