import { describe, expect, it } from 'vitest';
import {
  isHost,
  isKeyPath,
  jumpHostSchema,
  sshSettingsSchema,
} from '../../../../../electron/hub/clusters/sshSettingsSchema';

describe('isHost', () => {
  it.each(['node1', 'node-01.lab.example.org', 'my_alias', '10.0.0.11', 'fd00::11', '::1', 'fe80::1%eth0'])(
    'takes %j',
    (host) => expect(isHost(host)).toBe(true),
  );

  it.each([
    ['empty', ''],
    ['an option', '-oProxyCommand=sh'],
    ['a space', 'node 1'],
    ['a user part', 'root@node1'],
    ['a port part', 'node1:22'],
    ['a shell metacharacter', 'node1;reboot'],
    ['an empty label', 'node1..lab'],
    ['an octet over 255', '10.0.0.256'],
    ['three octets', '10.0.1'],
    ['a bad IPv6 address', 'fd00:::1:::2'],
    ['a zone with a slash', 'fe80::1%eth0/x'],
    ['a newline', 'node1\nnode2'],
    ['a name over 253 characters', `${'a'.repeat(60)}.`.repeat(5)],
  ])('refuses %s', (_name, host) => expect(isHost(host)).toBe(false));
});

describe('jumpHostSchema', () => {
  it.each(['gw', 'admin@gw:2222', '[fd00::1]:22', 'a@gw1,gw2:23', 'none'])('takes %j', (text) =>
    expect(jumpHostSchema.safeParse(text).success).toBe(true),
  );

  it.each([
    ['empty', ''],
    ['an empty hop', 'gw1,,gw2'],
    ['port 0', 'gw:0'],
    ['port 70000', 'gw:70000'],
    ['a bad user', '-x@gw'],
    ['a host with a space', 'g w'],
    ['nine hops', Array.from({ length: 9 }, (_, i) => `gw${i}`).join(',')],
  ])('refuses %s', (_name, text) => expect(jumpHostSchema.safeParse(text).success).toBe(false));
});

describe('isKeyPath', () => {
  it.each(['/home/alice/.ssh/id_ed25519', '~/.ssh/id_rsa', 'C:\\Users\\alice\\.ssh\\id_ed25519', 'D:/keys/k'])(
    'takes %j',
    (p) => expect(isKeyPath(p)).toBe(true),
  );
  it.each(['id_rsa', '.ssh/id_rsa', '~alice/.ssh/id_rsa', '/a\0b', '/a\nb', `/${'a'.repeat(4096)}`, ''])(
    'refuses %j',
    (p) => expect(isKeyPath(p)).toBe(false),
  );
});

describe('sshSettingsSchema', () => {
  it('takes every field of SshSettings', () => {
    const s = { user: 'alice', port: 2222, identityFile: '~/.ssh/id', useAgent: false, jumpHost: 'gw' };
    expect(sshSettingsSchema.parse(s)).toEqual(s);
  });

  it.each([
    ['port 0', { port: 0 }],
    ['port 65536', { port: 65536 }],
    ['a fractional port', { port: 22.5 }],
    ['a user with a space', { user: 'al ice' }],
    ['a user starting with a dash', { user: '-l' }],
    ['a password (secrets are never settings)', { password: 'hunter2' }],
    ['a passphrase', { passphrase: 'x' }],
  ])('refuses %s', (_name, s) => expect(sshSettingsSchema.safeParse(s).success).toBe(false));
});
