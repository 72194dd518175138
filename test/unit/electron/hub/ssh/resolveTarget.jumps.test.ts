import { describe, expect, it } from 'vitest';
import { ConnectFailure } from '../../../../../electron/hub/ssh/connectFailure';
import { CTX, HOME, resolve, thrown } from './resolveTargetFixture';

const JUMP_CONFIG = `
Host node1
  ProxyJump gw
Host gw
  HostName gw.example.org
  User gwuser
  Port 2201
Host other
  ProxyJump none
Host * !fallback !gw !bastion !inner
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

  const CHAIN_CONFIG = `
Host node1
  ProxyJump gw
Host gw
  ProxyJump outer
Host outer
  ProxyJump far,edge
Host inner
  ProxyJump ignored
`;

  it.each([
    {
      name: "a jump host's own ProxyJump, and its jump host's",
      c: { config: CHAIN_CONFIG },
      want: ['far', 'edge', 'outer', 'gw'],
    },
    {
      name: "the first hop's own ProxyJump, not a later hop's (that one is reached through the hop before)",
      c: { config: CHAIN_CONFIG, cluster: { jumpHost: 'outer,inner' } },
      want: ['far', 'edge', 'outer', 'inner'],
    },
    {
      name: 'a jump host with ProxyJump none',
      c: { config: `${CHAIN_CONFIG}Host far\n  ProxyJump none\nHost *\n  ProxyJump x\n` },
      want: ['far', 'edge', 'outer', 'gw'],
    },
  ])('follows $name', ({ c, want }) => {
    expect(resolve(c).jumps.map((j) => j.alias)).toEqual(want);
  });

  it.each([
    {
      name: 'a loop',
      config: 'Host node1\n  ProxyJump gw\nHost gw\n  ProxyJump gw2\nHost gw2\n  ProxyJump gw\n',
      says: 'go round in a loop (node1 -> gw -> gw2 -> gw)',
    },
    {
      name: 'a jump host that names itself',
      config: 'Host *\n  ProxyJump gw\n',
      says: 'go round in a loop (node1 -> gw -> gw)',
    },
    {
      name: 'a chain deeper than 8',
      config:
        Array.from({ length: 10 }, (_, i) => `Host h${i}\n  ProxyJump h${i + 1}\n`).join('') +
        'Host node1\n  ProxyJump h0\n',
      says: 'chain more than 8 jump hosts',
    },
  ])('refuses $name with a sentence', ({ config, says }) => {
    const err = thrown(() => resolve({ config }));
    expect(err).toBeInstanceOf(ConnectFailure);
    expect(err).toMatchObject({ state: 'error', retry: 'manual' });
    expect((err as Error).message).toContain(says);
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
    const err = thrown(() => resolve({ config, ...c }));
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
