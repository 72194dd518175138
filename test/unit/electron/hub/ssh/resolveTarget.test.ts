import { afterEach, describe, expect, it, vi } from 'vitest';
import { CTX, HOME, resolve } from './resolveTargetFixture';

const DEFAULT_KEYS = ['id_rsa', 'id_ecdsa', 'id_ecdsa_sk', 'id_ed25519', 'id_ed25519_sk', 'id_dsa'].map(
  (k) => `${HOME}/.ssh/${k}`,
);
const SYSTEM_KNOWN = ['/etc/ssh/ssh_known_hosts', '/etc/ssh/ssh_known_hosts2'];
const USER_KNOWN = [`${HOME}/.ssh/known_hosts`, `${HOME}/.ssh/known_hosts2`];

afterEach(() => {
  vi.unstubAllEnvs();
});
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
      name: 'the app key and the config files with IdentitiesOnly, as ssh -i does',
      c: { config: `${CONFIG}  IdentitiesOnly yes\n`, cluster: { identityFile: '~/.ssh/app_key' } },
      want: [`${HOME}/.ssh/app_key`, `${HOME}/.ssh/cluster_key`],
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

  it.each([
    { value: undefined, want: undefined },
    { value: 'yes', want: true },
    { value: 'ask', want: undefined },
    { value: 'accept-new', want: undefined },
  ])('StrictHostKeyChecking $value -> refuseUnknownKeys $want', ({ value, want }) => {
    const config = value === undefined ? '' : `StrictHostKeyChecking ${value}`;
    expect(resolve({ config }).node.refuseUnknownKeys).toBe(want);
  });

  it.each([
    {
      name: 'GlobalKnownHostsFile, ~ expanded',
      config: 'GlobalKnownHostsFile ~/kh /etc/kh2',
      want: [`${HOME}/kh`, '/etc/kh2'],
    },
    { name: 'GlobalKnownHostsFile none', config: 'GlobalKnownHostsFile none', want: [] },
    { name: 'GlobalKnownHostsFile /dev/null', config: 'GlobalKnownHostsFile /dev/null', want: ['/dev/null'] },
  ])('lists known_hosts files: $name', ({ config, want }) => {
    expect(resolve({ config }).node.knownHostsFiles).toEqual([...USER_KNOWN, ...want]);
  });

  it.each([
    { name: 'nothing set', c: {}, want: undefined },
    { name: 'IdentitiesOnly yes', c: { config: 'IdentitiesOnly yes' }, want: true },
    { name: 'IdentitiesOnly no', c: { config: 'IdentitiesOnly no' }, want: undefined },
    { name: 'a key file chosen in the app', c: { cluster: { identityFile: '~/.ssh/app_key' } }, want: true },
  ])('limits the agent to the identity files with $name', ({ c, want }) => {
    expect(resolve(c).node.identitiesOnly).toBe(want);
  });

  it.each([
    { name: 'none by default', config: '', want: {} },
    {
      name: 'ConnectTimeout and ServerAlive*',
      config: 'ConnectTimeout 5\nServerAliveInterval 15\nServerAliveCountMax 2',
      want: { connectTimeoutMs: 5000, keepaliveIntervalMs: 15_000, keepaliveCountMax: 2 },
    },
    { name: 'ServerAliveInterval 0 (off in ssh): the hub keeps its own', config: 'ServerAliveInterval 0', want: {} },
  ])('takes timing from the config: $name', ({ config, want }) => {
    const node = resolve({ config }).node;
    expect({
      connectTimeoutMs: node.connectTimeoutMs,
      keepaliveIntervalMs: node.keepaliveIntervalMs,
      keepaliveCountMax: node.keepaliveCountMax,
    }).toEqual({ connectTimeoutMs: undefined, keepaliveIntervalMs: undefined, keepaliveCountMax: undefined, ...want });
  });

  it('reports the tokens it could not expand, for the node and its jump hosts, each once', () => {
    const config = 'Host node1\n  ProxyJump gw\nHost gw\n  IdentityFile ~/gw_%C\nHost *\n  IdentityFile ~/.ssh/%C\n';
    expect(resolve({ config }).warnings).toEqual([
      '"~/.ssh/%C": %C is not supported here',
      '"~/gw_%C": %C is not supported here',
    ]);
    expect(resolve({ config: CONFIG }).warnings).toBeUndefined();
  });

  it("gives jump hosts the key's passphrase but never the node's password", () => {
    const withSecrets = resolve({ cluster: { jumpHost: 'gw' }, secrets: { passphrase: 'p4ss', password: 'pw' } });
    expect(withSecrets.node).toMatchObject({ passphrase: 'p4ss', password: 'pw' });
    expect(withSecrets.jumps).toHaveLength(1);
    for (const h of withSecrets.jumps) {
      expect(h).toMatchObject({ passphrase: 'p4ss' });
      expect(h).not.toHaveProperty('password');
    }
    const without = resolve({ cluster: { jumpHost: 'gw' } });
    for (const h of [without.node, ...without.jumps]) {
      expect(h).not.toHaveProperty('passphrase');
      expect(h).not.toHaveProperty('password');
    }
  });
});
