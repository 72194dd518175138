/**
 * resolveSshHost against the real thing: each row's config is written to a file, and what we
 * resolve must agree with what `ssh -G -F file alias` (Debian's OpenSSH 9) prints. Only the
 * options we read are compared; where we leave one undefined, ssh's default must show.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { hostname, userInfo } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  parseSshConfig,
  resolveSshHost,
  type IdentityAgent,
  type ResolvedSshOptions,
} from '../../../../../electron/hub/ssh/sshConfig';
import { loadSshConfig } from '../../../../../electron/hub/ssh/sshConfigLoader';
import { makeTempDir, sshG } from './openssh';

const me = userInfo();
const ctx = { localUser: me.username, home: me.homedir, localHost: hostname(), uid: me.uid };

/** IdentityAgent as `ssh -G` prints it: paths expanded, the rest as written. */
function agentAsWritten(agent: IdentityAgent): string {
  if (agent.kind === 'path') return agent.path;
  if (agent.kind === 'none') return 'none';
  return agent.name === 'SSH_AUTH_SOCK' ? agent.name : `$${agent.name}`;
}

/** Our result in `ssh -G`'s words, ssh's defaults filling what we leave undefined. */
function asSshG(r: ResolvedSshOptions): Record<string, string[] | undefined> {
  const agent = r.identityAgent;
  const strict = { yes: 'true', no: 'false', ask: 'ask', 'accept-new': 'accept-new' };
  const knownHosts = r.userKnownHostsFiles;
  return {
    hostname: [r.hostName],
    user: [r.user ?? ctx.localUser],
    port: [String(r.port ?? 22)],
    identitiesonly: [r.identitiesOnly ? 'yes' : 'no'],
    identityagent: agent && [agentAsWritten(agent)],
    proxyjump: r.proxyJump === undefined ? undefined : [r.proxyJump],
    proxycommand: r.proxyCommand === undefined ? undefined : [r.proxyCommand],
    connecttimeout: [r.connectTimeoutSeconds === undefined ? 'none' : String(r.connectTimeoutSeconds)],
    serveraliveinterval: [String(r.serverAliveIntervalSeconds ?? 0)],
    serveralivecountmax: [String(r.serverAliveCountMax ?? 3)],
    stricthostkeychecking: [strict[r.strictHostKeyChecking ?? 'ask']],
    userknownhostsfile: [
      knownHosts === undefined
        ? `${ctx.home}/.ssh/known_hosts ${ctx.home}/.ssh/known_hosts2`
        : knownHosts.length
          ? knownHosts.join(' ')
          : 'none',
    ],
    globalknownhostsfile: [
      r.globalKnownHostsFiles === undefined
        ? '/etc/ssh/ssh_known_hosts /etc/ssh/ssh_known_hosts2'
        : r.globalKnownHostsFiles.join(' ') || 'none',
    ],
  };
}

function compare(file: string, alias: string, ours: ResolvedSshOptions): void {
  const theirs = sshG(file, alias);
  const want = asSshG(ours);
  for (const [key, value] of Object.entries(want)) expect(theirs.get(key), `${alias}: ${key}`).toEqual(value);
  // ssh -G prints IdentityFile as written (and its defaults when none is set).
  if (ours.identityFiles.length) {
    const printed = (theirs.get('identityfile') ?? []).map((f) => f.replace(/^~(?=\/)/, ctx.home));
    expect(printed, `${alias}: identityfile`).toEqual(ours.identityFiles);
  }
  expect(ours.warnings, alias).toEqual([]);
}

const tmp = makeTempDir('sshg');
afterAll(() => tmp.remove());

const CONFIG = `# global
Port=2200 # trailing comment
Host NODE1 node2
  User alice
Host node* !node3
  HostName %h.Cluster.lan
  IdentityFile ~/.ssh/id_cluster
  IdentityFile "/keys/with space"
  ProxyJump bob@gw:2022,gw2
  ConnectTimeout 1m30s
  ServerAliveInterval 15
  StrictHostKeyChecking accept-new
  UserKnownHostsFile ~/.ssh/kh_%h_%p_%r_%u_%l_%L_%i_%n_%d_%% /etc/kh2
  GlobalKnownHostsFile /etc/gkh_%h /etc/gkh2
  IdentityAgent ~/agent_%h_%r.sock
Host db
  HostName 10.0.0.5
  User "dave smith"
  Port 2222
  IdentityAgent SSH_AUTH_SOCK
  IdentitiesOnly yes
Host pc
  ProxyCommand nc %h %p
  ProxyJump gw
Host pj
  ProxyJump none
  ProxyCommand nc %h %p
Host pcn
  ProxyCommand none
Host ia
  IdentityAgent none
  StrictHostKeyChecking off
  UserKnownHostsFile none
  GlobalKnownHostsFile /dev/null
Host env
  IdentityAgent $MY_SOCK
  StrictHostKeyChecking yes
  ServerAliveCountMax 0
Match host nothing-here
  User never
Host *
  ProxyJump gwstar
  ConnectTimeout 7
  User    =   "eve"
  IdentityFile /keys/last
Match all
  IdentitiesOnly no
  ServerAliveInterval 1h
`;

const ALIASES = ['node1', 'NODE1', 'node2', 'node3', 'node9', 'Node5', 'db', 'pc', 'pj', 'pcn', 'ia', 'env', 'other'];

describe('resolveSshHost agrees with ssh -G', () => {
  const file = join(tmp.dir, 'config');
  writeFileSync(file, CONFIG);
  const parsed = parseSshConfig(CONFIG, file);

  it('parses the config with only the Match warning', () => {
    expect(parsed.warnings).toEqual([`${file}:39: "Match host nothing-here" is not supported; its block is skipped.`]);
  });

  it.each(ALIASES)('for %s', (alias) => {
    compare(file, alias, resolveSshHost(parsed, alias, ctx));
  });

  it('sees the rows differ where they should (the comparison can fail)', () => {
    expect(sshG(file, 'node1').get('hostname')).toEqual(['node1.cluster.lan']);
    expect(sshG(file, 'Node5').get('hostname')).toEqual(['node5']);
    expect(sshG(file, 'pc').get('proxyjump')).toBeUndefined();
  });
});

describe('Include, loaded from disk, agrees with ssh -G', () => {
  const inc = join(tmp.dir, 'inc');
  mkdirSync(join(inc, 'nested'), { recursive: true });
  writeFileSync(join(inc, 'a.conf'), 'User from_a\nHost other\n  Port 1111\n');
  writeFileSync(join(inc, 'b.conf'), `Port 2222\nInclude ${inc}/nested/*\n`);
  writeFileSync(join(inc, '.hidden.conf'), 'ConnectTimeout 99\n');
  writeFileSync(join(inc, 'nested', 'n1'), 'IdentityFile /keys/nested\nServerAliveCountMax 9\n');
  const main = join(tmp.dir, 'with-include');
  writeFileSync(
    main,
    [
      'Host x',
      `  Include ${inc}/*.conf ${tmp.dir}/missing.conf`,
      '  HostName after-include',
      'Host y',
      `  Include ${inc}/b.conf`,
      'Host *',
      '  User star',
      '  IdentityFile /keys/star',
    ].join('\n'),
  );

  it.each(['x', 'y', 'other'])('for %s', async (alias) => {
    const config = await loadSshConfig({ home: ctx.home, userPath: main, systemPath: null });
    compare(main, alias, resolveSshHost(config, alias, ctx));
  });

  it('got the values from the included files', async () => {
    const config = await loadSshConfig({ home: ctx.home, userPath: main, systemPath: null });
    expect(resolveSshHost(config, 'x', ctx)).toMatchObject({
      user: 'from_a',
      port: 2222,
      hostName: 'after-include',
      serverAliveCountMax: 9,
      identityFiles: ['/keys/nested', '/keys/star'],
    });
    expect(resolveSshHost(config, 'x', ctx).connectTimeoutSeconds).toBeUndefined();
  });
});
