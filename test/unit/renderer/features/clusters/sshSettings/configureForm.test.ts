import { describe, expect, it } from 'vitest';
import {
  type ConfigureForm,
  configureFormFor,
  secretsOf,
  toConfigureParams,
  validateConfigureForm,
} from '../../../../../../renderer/src/features/clusters/sshSettings/configureForm';
import { cluster, nodeView } from '../../../support/views';

const lab = cluster(
  'lab',
  [nodeView('n1', { settings: { identityFile: '/keys/n1', useAgent: false } }), nodeView('n2')],
  {
    settings: { user: 'root', port: 2222, identityFile: '/keys/lab' },
  },
);
const clusterForm = (over: Partial<ConfigureForm> = {}): ConfigureForm => ({ ...configureFormFor(lab), ...over });

describe('configureFormFor', () => {
  it('prefills a cluster’s form with its settings, the agent on by default', () => {
    expect(configureFormFor(lab)).toStrictEqual({
      user: 'root',
      port: '2222',
      identityFile: '/keys/lab',
      jumpHost: '',
      useAgent: true,
      passphrase: '',
      password: '',
      forgetSecrets: false,
    });
  });

  it('prefills a node’s form with its own settings only, not the cluster’s', () => {
    expect(configureFormFor(lab, lab.nodes[0])).toMatchObject({
      user: '',
      port: '',
      identityFile: '/keys/n1',
      useAgent: false,
    });
  });

  it('leaves a node without settings of its own empty, the agent choice inherited', () => {
    expect(configureFormFor(lab, lab.nodes[1])).toMatchObject({ user: '', identityFile: '', useAgent: undefined });
  });
});

describe('toConfigureParams', () => {
  it('sends the cluster’s prefilled settings back unchanged, without secrets', () => {
    expect(toConfigureParams('lab', undefined, clusterForm())).toStrictEqual({
      clusterId: 'lab',
      settings: { user: 'root', port: 2222, identityFile: '/keys/lab', useAgent: true },
    });
  });

  it('drops emptied fields, so the hub forgets them', () => {
    const params = toConfigureParams('lab', undefined, clusterForm({ user: ' ', identityFile: '', port: '22' }));
    expect(params.settings).toStrictEqual({ port: 22, useAgent: true });
  });

  it('names the node and sends only its overrides', () => {
    const form = configureFormFor(lab, lab.nodes[1]);
    form.identityFile = ' /tmp/wrong ';
    expect(toConfigureParams('lab', 'n2', form)).toStrictEqual({
      clusterId: 'lab',
      nodeId: 'n2',
      settings: { identityFile: '/tmp/wrong' },
    });
  });

  it.each([
    { name: 'nothing typed keeps the saved ones', over: {}, want: undefined },
    {
      name: 'a typed passphrase, spaces kept',
      over: { passphrase: ' two words ' },
      want: { passphrase: ' two words ' },
    },
    { name: 'a typed password', over: { password: 'pw' }, want: { password: 'pw' } },
    { name: 'both typed', over: { passphrase: 'a', password: 'b' }, want: { passphrase: 'a', password: 'b' } },
    {
      name: 'forget sends both empty',
      over: { forgetSecrets: true },
      want: { passphrase: '', password: '' },
    },
    {
      name: 'forget wins over typed ones',
      over: { forgetSecrets: true, passphrase: 'x', password: 'y' },
      want: { passphrase: '', password: '' },
    },
  ])('secrets: $name', ({ over, want }) => {
    expect(secretsOf(clusterForm(over))).toStrictEqual(want);
    const params = toConfigureParams('lab', 'n1', clusterForm(over));
    if (want) expect(params.secrets).toStrictEqual(want);
    else expect(params).not.toHaveProperty('secrets');
  });
});

describe('validateConfigureForm', () => {
  it.each([
    { port: '', want: {} },
    { port: '2222', want: {} },
    { port: '99999', want: { port: expect.any(String) } },
    { port: 'ssh', want: { port: expect.any(String) } },
  ])('port $port', ({ port, want }) => expect(validateConfigureForm(clusterForm({ port }))).toStrictEqual(want));
});
