import { describe, expect, it } from 'vitest';
import {
  emptySshFields,
  fieldsFromSettings,
  placeholdersFor,
  portError,
  settingsFromFields,
  type SshFields,
  typedSecrets,
} from '../../../../../../renderer/src/features/clusters/sshSettings/sshForm';

const fields = (over: Partial<SshFields>): SshFields => ({ ...emptySshFields(), ...over });

describe('settingsFromFields', () => {
  it.each([
    { name: 'nothing typed, the agent on', fields: fields({}), want: { useAgent: true } },
    {
      name: 'empty and blank fields dropped',
      fields: fields({ user: '  ', port: ' ', identityFile: '\t', jumpHost: '', useAgent: false }),
      want: { useAgent: false },
    },
    {
      name: 'every field, trimmed, the port as a number',
      fields: fields({ user: ' ops ', port: ' 2222 ', identityFile: ' ~/.ssh/lab ', jumpHost: ' gw:22 ' }),
      want: { user: 'ops', port: 2222, identityFile: '~/.ssh/lab', jumpHost: 'gw:22', useAgent: true },
    },
    {
      name: 'an unset agent choice (a node inheriting it) left out',
      fields: fields({ useAgent: undefined }),
      want: {},
    },
    {
      name: '"none" as jump host kept, to bypass the cluster’s',
      fields: fields({ jumpHost: 'none' }),
      want: { jumpHost: 'none', useAgent: true },
    },
  ])('maps $name', ({ fields: f, want }) => expect(settingsFromFields(f)).toStrictEqual(want));

  it('never puts the passphrase or the password into the settings', () => {
    const settings = settingsFromFields(fields({ passphrase: 'secret', password: 'pw' }));
    expect(JSON.stringify(settings)).not.toMatch(/secret|pw|pass/);
  });
});

describe('fieldsFromSettings', () => {
  const all = { user: 'ops', port: 2222, identityFile: '~/.ssh/lab', jumpHost: 'gw', useAgent: false };

  it('fills every field of saved settings, the port as text, the secrets empty', () => {
    expect(fieldsFromSettings(all, 'cluster')).toStrictEqual({
      user: 'ops',
      port: '2222',
      identityFile: '~/.ssh/lab',
      jumpHost: 'gw',
      useAgent: false,
      passphrase: '',
      password: '',
    });
  });

  it.each([
    { scope: 'cluster' as const, settings: undefined, want: true },
    { scope: 'cluster' as const, settings: {}, want: true },
    { scope: 'node' as const, settings: undefined, want: undefined },
    { scope: 'node' as const, settings: { user: 'x' }, want: undefined },
    { scope: 'node' as const, settings: { useAgent: true }, want: true },
    { scope: 'node' as const, settings: { useAgent: false }, want: false },
  ])('gives a $scope with $settings the agent choice $want', ({ scope, settings, want }) => {
    expect(fieldsFromSettings(settings, scope).useAgent).toBe(want);
  });

  it('round-trips through settingsFromFields', () => {
    expect(settingsFromFields(fieldsFromSettings(all, 'cluster'))).toStrictEqual(all);
    expect(settingsFromFields(fieldsFromSettings({ identityFile: '/k' }, 'node'))).toStrictEqual({
      identityFile: '/k',
    });
  });
});

describe('portError', () => {
  it.each(['', ' ', '1', '22', ' 2222 ', '65535'])('accepts %j', (port) => expect(portError(port)).toBeUndefined());
  it.each(['0', '65536', '22a', '-22', '22.5', '1e3', '0x16'])('refuses %j', (port) =>
    expect(portError(port)).toMatch(/port/),
  );
});

describe('placeholdersFor', () => {
  it('shows what ~/.ssh/config and OpenSSH would use, for a cluster', () => {
    expect(placeholdersFor()).toMatchObject({ user: expect.stringContaining('~/.ssh/config'), port: '22' });
  });

  it('shows the cluster’s values for a node, and the defaults where the cluster has none', () => {
    const p = placeholdersFor({ user: 'root', port: 2222, identityFile: '/keys/lab' });
    expect(p).toStrictEqual({
      user: "root (the cluster's)",
      port: '2222',
      identityFile: "/keys/lab (the cluster's)",
      jumpHost: 'none',
    });
    expect(placeholdersFor({ jumpHost: 'gw' }).jumpHost).toBe("gw (the cluster's)");
    expect(placeholdersFor({}).user).toBe(placeholdersFor().user);
  });
});

describe('typedSecrets', () => {
  it.each([
    { name: 'nothing typed: none, so the hub keeps its own', over: {}, want: undefined },
    { name: 'a passphrase as typed', over: { passphrase: ' a b ' }, want: { passphrase: ' a b ' } },
    { name: 'a password as typed', over: { password: 'pw ' }, want: { password: 'pw ' } },
    { name: 'both', over: { passphrase: 'a', password: 'b' }, want: { passphrase: 'a', password: 'b' } },
  ])('$name', ({ over, want }) => expect(typedSecrets(fields(over))).toStrictEqual(want));
});
