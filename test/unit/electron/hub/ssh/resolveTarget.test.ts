import { afterEach, describe, expect, it, vi } from 'vitest';
import type { NodeConfig, SshSecrets, SshSettings } from '../../../../../electron/api';
import { ConnectFailure } from '../../../../../electron/hub/ssh/connectFailure';
import { resolveTarget, type LocalSshContext } from '../../../../../electron/hub/ssh/resolveTarget';
import { parseSshConfig } from '../../../../../electron/hub/ssh/sshConfig';
import type { SshTarget } from '../../../../../electron/hub/ssh/sshTarget';

const HOME = '/home/alice';
const CTX: LocalSshContext = { localUser: 'alice', home: HOME, agentSocket: '/tmp/ssh-XXXX/agent.1' };
const DEFAULT_KEYS = ['id_rsa', 'id_ecdsa', 'id_ecdsa_sk', 'id_ed25519', 'id_ed25519_sk', 'id_dsa'].map(
  (k) => `${HOME}/.ssh/${k}`,
);
const SYSTEM_KNOWN = ['/etc/ssh/ssh_known_hosts', '/etc/ssh/ssh_known_hosts2'];
const USER_KNOWN = [`${HOME}/.ssh/known_hosts`, `${HOME}/.ssh/known_hosts2`];

afterEach(() => {
  vi.unstubAllEnvs();
});

interface Case {
  config?: string;
  cluster?: SshSettings;
  node?: SshSettings;
  host?: string;
  secrets?: SshSecrets;
  ctx?: LocalSshContext;
}

function resolve({ config = '', cluster = {}, node = {}, host = 'node1', secrets = {}, ctx = CTX }: Case): SshTarget {
  const n: NodeConfig = { id: 'n1', host, settings: node };
  return resolveTarget(n, cluster, [parseSshConfig(config, '/home/alice/.ssh/config')], ctx, secrets);
}

const CONFIG = `
Host node1
  HostName 10.0.0.5
  User admin
  Port 2200
  IdentityFile ~/.ssh/cluster_key
`;

describe('resolveTarget: the node hop', () => {
  it('uses OpenSSH defaults with no settings and no config', () => {
    expect(resolve({})).toEqual({
      jumps: [],
      node: {
        alias: 'node1',
        hostName: 'node1',
        port: 22,
        user: 'alice',
        identityFiles: DEFAULT_KEYS,
        agentSocket: CTX.agentSocket,
        knownHostsFiles: [...USER_KNOWN, ...SYSTEM_KNOWN],
        acceptNewKeys: false,
      },
    });
  });

  it.each([
    { name: 'config alone', c: { config: CONFIG }, want: { hostName: '10.0.0.5', user: 'admin', port: 2200 } },
    {
      name: 'cluster settings over config',
      c: { config: CONFIG, cluster: { user: 'ops', port: 2222 } },
      want: { hostName: '10.0.0.5', user: 'ops', port: 2222 },
    },
    {
      name: 'node settings over cluster settings',
      c: { config: CONFIG, cluster: { user: 'ops', port: 2222 }, node: { user: 'root', port: 2022 } },
      want: { hostName: '10.0.0.5', user: 'root', port: 2022 },
    },
    {
      name: 'a node setting of user only keeps the cluster port',
      c: { config: CONFIG, cluster: { user: 'ops', port: 2222 }, node: { user: 'root' } },
      want: { hostName: '10.0.0.5', user: 'root', port: 2222 },
    },
    {
      name: 'a host the config does not name',
      c: { config: CONFIG, host: 'Node2.Lan' },
      want: { alias: 'Node2.Lan', hostName: 'node2.lan', user: 'alice', port: 22 },
    },
  ])('takes user, port and HostName from $name', ({ c, want }) => {
    expect(resolve(c).node).toMatchObject(want);
  });

  it.each([
    { name: 'OpenSSH defaults', c: {}, want: DEFAULT_KEYS },
    { name: 'the config files instead of the defaults', c: { config: CONFIG }, want: [`${HOME}/.ssh/cluster_key`] },
    {
      name: 'the app key first, then the config files',
      c: { config: CONFIG, cluster: { identityFile: '~/.ssh/app_key' } },
      want: [`${HOME}/.ssh/app_key`, `${HOME}/.ssh/cluster_key`],
    },
    {
      name: 'the app key alone: OpenSSH adds its defaults only when no key is named',
      c: { cluster: { identityFile: '/keys/app_key' } },
      want: ['/keys/app_key'],
    },
    {
      name: 'the same file once',
      c: { config: CONFIG, cluster: { identityFile: '~/.ssh/cluster_key' } },
      want: [`${HOME}/.ssh/cluster_key`],
    },
    {
      name: 'only the app key with IdentitiesOnly',
      c: { config: `${CONFIG}  IdentitiesOnly yes\n`, cluster: { identityFile: '~/.ssh/app_key' } },
      want: [`${HOME}/.ssh/app_key`],
    },
    {
      name: 'the config files with IdentitiesOnly and no app key',
      c: { config: `${CONFIG}  IdentitiesOnly yes\n` },
      want: [`${HOME}/.ssh/cluster_key`],
    },
    {
      name: 'a node key over the cluster key',
      c: { cluster: { identityFile: '~/a' }, node: { identityFile: '~/b' }, config: 'IdentitiesOnly yes' },
      want: [`${HOME}/b`],
    },
  ])('offers identity files: $name', ({ c, want }) => {
    expect(resolve(c).node.identityFiles).toEqual(want);
  });

  it.each([
    { name: 'SSH_AUTH_SOCK by default', c: {}, want: CTX.agentSocket },
    { name: 'none when the environment has none', c: { ctx: { localUser: 'alice', home: HOME } }, want: undefined },
    { name: 'none with useAgent false', c: { cluster: { useAgent: false } }, want: undefined },
    {
      name: 'none with useAgent false, whatever IdentityAgent says',
      c: { cluster: { useAgent: false }, config: 'IdentityAgent /run/agent.sock' },
      want: undefined,
    },
    { name: 'none with IdentityAgent none', c: { config: 'IdentityAgent none' }, want: undefined },
    { name: 'an IdentityAgent path', c: { config: 'IdentityAgent /run/agent.sock' }, want: '/run/agent.sock' },
    { name: 'an IdentityAgent under ~', c: { config: 'IdentityAgent ~/.agent.sock' }, want: `${HOME}/.agent.sock` },
    { name: 'an IdentityAgent $VAR', c: { config: 'IdentityAgent $MY_AGENT' }, want: '/run/my-agent' },
    { name: 'an IdentityAgent $VAR that is not set', c: { config: 'IdentityAgent $NOT_SET_X' }, want: undefined },
    {
      name: "IdentityAgent SSH_AUTH_SOCK: the hub's, not this process's",
      c: { config: 'IdentityAgent SSH_AUTH_SOCK' },
      want: CTX.agentSocket,
    },
    {
      name: 'an IdentityAgent $SSH_AUTH_SOCK, the same',
      c: { config: 'IdentityAgent $SSH_AUTH_SOCK' },
      want: CTX.agentSocket,
    },
  ])('picks the agent socket: $name', ({ c, want }) => {
    vi.stubEnv('MY_AGENT', '/run/my-agent');
    vi.stubEnv('NOT_SET_X', undefined);
    vi.stubEnv('SSH_AUTH_SOCK', '/tmp/not-the-hubs-agent');
    expect(resolve(c).node.agentSocket).toBe(want);
  });

  it.each([
    { name: 'the defaults', config: '', want: [...USER_KNOWN, ...SYSTEM_KNOWN] },
    {
      name: 'UserKnownHostsFile, expanded',
      config: 'UserKnownHostsFile ~/.ssh/kh_%h /srv/kh',
      want: [`${HOME}/.ssh/kh_node1`, '/srv/kh', ...SYSTEM_KNOWN],
    },
    { name: 'UserKnownHostsFile none', config: 'UserKnownHostsFile none', want: SYSTEM_KNOWN },
  ])('lists known_hosts files: $name', ({ config, want }) => {
    expect(resolve({ config }).node.knownHostsFiles).toEqual(want);
  });

  it.each([
    { value: undefined, want: false },
    { value: 'yes', want: false },
    { value: 'ask', want: false },
    { value: 'accept-new', want: true },
    { value: 'no', want: true },
  ])('StrictHostKeyChecking $value -> acceptNewKeys $want', ({ value, want }) => {
    const config = value === undefined ? '' : `StrictHostKeyChecking ${value}`;
    expect(resolve({ config }).node.acceptNewKeys).toBe(want);
  });

  it('carries the secrets to every hop, and leaves them out when there are none', () => {
    const withSecrets = resolve({ cluster: { jumpHost: 'gw' }, secrets: { passphrase: 'p4ss', password: 'pw' } });
    for (const h of [withSecrets.node, ...withSecrets.jumps])
      expect(h).toMatchObject({ passphrase: 'p4ss', password: 'pw' });
    const without = resolve({ cluster: { jumpHost: 'gw' } });
    for (const h of [without.node, ...without.jumps]) {
      expect(h).not.toHaveProperty('passphrase');
      expect(h).not.toHaveProperty('password');
    }
  });
});

const JUMP_CONFIG = `
Host node1
  ProxyJump gw
Host gw
  HostName gw.example.org
  User gwuser
  Port 2201
Host other
  ProxyJump none
Host *
  ProxyJump fallback
`;

describe('resolveTarget: jump hosts', () => {
  it.each([
    { name: 'none by default', c: {}, want: [] },
    {
      name: 'the app setting, user and port as written',
      c: { cluster: { jumpHost: 'admin@bastion:2200' } },
      want: [{ alias: 'bastion', hostName: 'bastion', user: 'admin', port: 2200 }],
    },
    {
      name: 'ProxyJump from the config, with that host`s own config',
      c: { config: JUMP_CONFIG },
      want: [{ alias: 'gw', hostName: 'gw.example.org', user: 'gwuser', port: 2201 }],
    },
    {
      name: 'the app setting over the config',
      c: { config: JUMP_CONFIG, cluster: { jumpHost: 'bastion' } },
      want: [{ alias: 'bastion', hostName: 'bastion', user: 'alice', port: 22 }],
    },
    {
      name: 'a node setting over the cluster setting',
      c: { cluster: { jumpHost: 'bastion' }, node: { jumpHost: 'gw2' } },
      want: [{ alias: 'gw2' }],
    },
    {
      name: 'a chain, in order',
      c: { config: JUMP_CONFIG, cluster: { jumpHost: 'gw,root@inner:2022' } },
      want: [
        { alias: 'gw', hostName: 'gw.example.org', user: 'gwuser', port: 2201 },
        { alias: 'inner', user: 'root', port: 2022 },
      ],
    },
    { name: 'ProxyJump none', c: { config: JUMP_CONFIG, host: 'other' }, want: [] },
    { name: 'a Host * fallback', c: { config: JUMP_CONFIG, host: 'node9' }, want: [{ alias: 'fallback' }] },
  ])('resolves $name', ({ c, want }) => {
    const jumps = resolve(c).jumps;
    expect(jumps).toHaveLength(want.length);
    want.forEach((w, i) => expect(jumps[i]).toMatchObject(w));
  });

  it("does not give a jump host the node's user or port, but does give it the key", () => {
    const t = resolve({
      cluster: { user: 'ops', port: 2222, identityFile: '~/.ssh/app_key', jumpHost: 'bastion' },
      node: { user: 'root', port: 2022 },
    });
    expect(t.node).toMatchObject({ user: 'root', port: 2022 });
    expect(t.jumps[0]).toMatchObject({ user: 'alice', port: 22 });
    expect(t.jumps[0]?.identityFiles[0]).toBe(`${HOME}/.ssh/app_key`);
  });

  it("gives jump hosts the cluster's useAgent", () => {
    const off = resolve({ cluster: { useAgent: false, jumpHost: 'bastion' } });
    expect(off.jumps[0]?.agentSocket).toBeUndefined();
    const on = resolve({ cluster: { jumpHost: 'bastion' } });
    expect(on.jumps[0]?.agentSocket).toBe(CTX.agentSocket);
  });
});

describe('resolveTarget: ProxyCommand', () => {
  it.each([
    { name: 'the node', config: 'Host node1\n  ProxyCommand ssh -W %h:%p gw\n', c: {} },
    {
      name: 'a jump host',
      config: 'Host bastion\n  ProxyCommand nc -X 5 %h %p\n',
      c: { cluster: { jumpHost: 'bastion' } },
    },
  ])('refuses a ProxyCommand for $name with a sentence', ({ config, c }) => {
    let err: unknown;
    try {
      resolve({ config, ...c });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConnectFailure);
    expect(err).toMatchObject({ state: 'error', retry: 'manual' });
    expect((err as Error).message).toMatch(
      /gives (node1|bastion) a ProxyCommand, which mosdesk does not run; use ProxyJump/,
    );
  });

  it('takes ProxyCommand none as no proxy', () => {
    expect(resolve({ config: 'ProxyCommand none' }).jumps).toEqual([]);
  });

  it('does not run into a ProxyCommand that an earlier ProxyJump or ProxyCommand none overrode', () => {
    const config = 'Host node1\n  ProxyJump gw\nHost gw\n  ProxyCommand none\nHost *\n  ProxyCommand nc %h %p\n';
    const t = resolve({ config });
    expect(t.jumps.map((j) => j.alias)).toEqual(['gw']);
  });
});
