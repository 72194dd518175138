import { describe, expect, it } from 'vitest';
import {
  type AddClusterForm,
  emptyForm,
  toAddClusterParams,
  validateForm,
} from '../../../../../renderer/src/features/clusters/addCluster/addClusterForm';

const form = (over: Partial<AddClusterForm>): AddClusterForm => ({ ...emptyForm(), ...over });

describe('toAddClusterParams', () => {
  const rows = [
    {
      name: 'a host list with defaults only',
      form: form({ name: ' lab ', hosts: ' node1-node4 \n' }),
      want: { name: 'lab', hosts: 'node1-node4', settings: { useAgent: true } },
    },
    {
      name: 'every SSH field, trimmed',
      form: form({
        name: 'lab',
        hosts: 'a,b',
        user: ' root ',
        port: ' 2222 ',
        identityFile: ' ~/.ssh/lab_ed25519 ',
        jumpHost: ' admin@gw:22 ',
        useAgent: false,
      }),
      want: {
        name: 'lab',
        hosts: 'a,b',
        settings: {
          user: 'root',
          port: 2222,
          identityFile: '~/.ssh/lab_ed25519',
          jumpHost: 'admin@gw:22',
          useAgent: false,
        },
      },
    },
    {
      name: 'blank fields dropped, so the hub falls back to ~/.ssh/config',
      form: form({ name: 'lab', hosts: 'a', user: '   ', port: ' ', identityFile: '\t', jumpHost: '' }),
      want: { name: 'lab', hosts: 'a', settings: { useAgent: true } },
    },
    {
      name: 'from one node: only fromNode, whatever the hosts box held',
      form: form({ name: 'lab', mode: 'fromNode', fromNode: ' node1 ', hosts: 'stale text' }),
      want: { name: 'lab', fromNode: 'node1', settings: { useAgent: true } },
    },
    {
      name: 'the host list without fromNode, whatever the node box held',
      form: form({ name: 'lab', mode: 'hosts', hosts: 'a', fromNode: 'stale' }),
      want: { name: 'lab', hosts: 'a', settings: { useAgent: true } },
    },
    {
      name: 'a passphrase exactly as typed, spaces kept',
      form: form({ name: 'lab', hosts: 'a', passphrase: ' two words ' }),
      want: { name: 'lab', hosts: 'a', settings: { useAgent: true }, secrets: { passphrase: ' two words ' } },
    },
    {
      name: 'a password exactly as typed, beside the passphrase',
      form: form({ name: 'lab', hosts: 'a', passphrase: 'p', password: ' pw ' }),
      want: { name: 'lab', hosts: 'a', settings: { useAgent: true }, secrets: { passphrase: 'p', password: ' pw ' } },
    },
  ];
  it.each(rows)('maps $name', ({ form: f, want }) => expect(toAddClusterParams(f)).toEqual(want));

  it('sends no secrets at all without a passphrase or password', () => {
    expect(toAddClusterParams(form({ name: 'lab', hosts: 'a' }))).not.toHaveProperty('secrets');
  });
});

describe('validateForm', () => {
  const rows = [
    { name: 'a complete host list', form: form({ name: 'lab', hosts: 'a' }), want: {} },
    { name: 'a complete fromNode', form: form({ name: 'lab', mode: 'fromNode', fromNode: 'n1' }), want: {} },
    { name: 'port 1 and 65535', form: form({ name: 'l', hosts: 'a', port: '65535' }), want: {} },
    { name: 'a blank name', form: form({ name: '  ', hosts: 'a' }), want: { name: expect.any(String) } },
    { name: 'no hosts', form: form({ name: 'lab', hosts: ' \n ' }), want: { hosts: expect.any(String) } },
    {
      name: 'no node in fromNode mode (hosts do not count)',
      form: form({ name: 'lab', mode: 'fromNode', hosts: 'a' }),
      want: { fromNode: expect.any(String) },
    },
    { name: 'port 0', form: form({ name: 'l', hosts: 'a', port: '0' }), want: { port: expect.any(String) } },
    { name: 'port 65536', form: form({ name: 'l', hosts: 'a', port: '65536' }), want: { port: expect.any(String) } },
    {
      name: 'a port with letters',
      form: form({ name: 'l', hosts: 'a', port: '22a' }),
      want: { port: expect.any(String) },
    },
    { name: 'a negative port', form: form({ name: 'l', hosts: 'a', port: '-22' }), want: { port: expect.any(String) } },
    {
      name: 'a fractional port',
      form: form({ name: 'l', hosts: 'a', port: '22.5' }),
      want: { port: expect.any(String) },
    },
    {
      name: 'everything missing at once',
      form: form({ port: 'x' }),
      want: { name: expect.any(String), hosts: expect.any(String), port: expect.any(String) },
    },
  ];
  it.each(rows)('reports $name', ({ form: f, want }) => expect(validateForm(f)).toEqual(want));
});

describe('emptyForm', () => {
  it('starts with a host list and the ssh-agent on', () => {
    expect(emptyForm()).toMatchObject({ mode: 'hosts', useAgent: true, passphrase: '', password: '' });
  });
});
