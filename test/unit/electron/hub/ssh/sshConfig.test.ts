import { describe, expect, it } from 'vitest';
import {
  parseSshConfig,
  resolveSshHost,
  splitArgs,
  type ResolvedSshOptions,
  type SshConfigFile,
} from '../../../../../electron/hub/ssh/sshConfig';
import { parseTime } from '../../../../../electron/hub/ssh/sshConfigOptions';

const ctx = { localUser: 'me', home: '/home/me', localHost: 'ws.example.org', uid: 1000 };
const resolve = (text: string, alias: string): ResolvedSshOptions =>
  resolveSshHost(parseSshConfig(text, 'cfg'), alias, ctx);

describe('splitArgs (OpenSSH argv_split)', () => {
  it.each([
    { input: 'a b', want: ['a', 'b'] },
    { input: '  a\t\tb  ', want: ['a', 'b'] },
    { input: '"a b" c', want: ['a b', 'c'] },
    { input: "'a b'", want: ['a b'] },
    { input: 'a"b c"d', want: ['ab cd'] },
    { input: '"it\'s"', want: ["it's"] },
    { input: 'a\\ b', want: ['a b'] },
    { input: '"x\\"y"', want: ['x"y'] },
    { input: 'a\\\\b', want: ['a\\b'] },
    { input: 'a\\nb', want: ['a\\nb'] },
    { input: 'a#b', want: ['a#b'] },
    { input: 'a #b c', want: ['a'] },
    { input: '"#not a comment"', want: ['#not a comment'] },
    { input: '""', want: [''] },
    { input: '', want: [] },
    { input: '"unclosed', want: undefined },
    { input: "it's", want: undefined },
  ])('$input', ({ input, want }) => expect(splitArgs(input)).toEqual(want));
});

describe('parseTime (OpenSSH convtime)', () => {
  it.each([
    ['0', 0],
    ['90', 90],
    ['90s', 90],
    ['1m30s', 90],
    ['1m30', 90],
    ['1H2m', 3720],
    ['1d', 86_400],
    ['2w', 1_209_600],
    ['', undefined],
    ['m', undefined],
    ['1x', undefined],
    ['-5', undefined],
    ['1.5m', undefined],
    ['30 s', undefined],
    ['99999999999', undefined],
  ])('%j is %j', (input, want) => expect(parseTime(input)).toBe(want));
});

describe('parseSshConfig', () => {
  it('reads the kinds of lines, with their numbers', () => {
    const file = parseSshConfig(
      ['# comment', '', 'Port 2200', 'Host a b !c', '  User=x', 'Match all', 'Include conf.d/*', 'Bogus 1'].join('\n'),
      'cfg',
    );
    expect(file.lines).toEqual([
      { kind: 'option', line: 3, keyword: 'port', values: { port: 2200 } },
      { kind: 'host', line: 4, patterns: ['a', 'b', '!c'] },
      { kind: 'option', line: 5, keyword: 'user', values: { user: 'x' } },
      { kind: 'match', line: 6, all: true },
      { kind: 'include', line: 7, patterns: ['conf.d/*'], files: [] },
    ]);
    expect(file.warnings).toEqual([]);
  });

  it.each([
    { name: 'bad port', text: 'Port 0', says: 'cfg:1: port: bad port "0"' },
    { name: 'service name as port', text: 'Port ssh', says: 'service names are not supported' },
    { name: 'extra arguments', text: 'Port 22 23', says: 'extra arguments' },
    { name: 'no argument', text: 'User', says: 'no argument after "user"' },
    { name: 'empty argument', text: 'User ""', says: 'empty argument' },
    { name: 'unclosed quote', text: 'User "bob', says: 'unclosed quote' },
    { name: 'empty Host pattern', text: 'Host a ""', says: 'empty Host pattern' },
    { name: 'bad yes/no', text: 'IdentitiesOnly maybe', says: 'is not yes or no' },
    { name: 'bad time', text: 'ConnectTimeout soon', says: 'is not a time' },
    { name: 'bad count', text: 'ServerAliveCountMax -1', says: 'is not a count' },
    { name: 'bad strict mode', text: 'StrictHostKeyChecking always', says: 'is not yes, no, ask or accept-new' },
    { name: 'bad jump host', text: 'ProxyJump gw:99999', says: 'the port must be' },
    { name: 'Match host', text: 'Match host foo', says: '"Match host foo" is not supported; its block is skipped' },
  ])('warns about $name and drops the line', ({ text, says }) => {
    const file = parseSshConfig(text, 'cfg');
    expect(file.warnings).toHaveLength(1);
    expect(file.warnings[0]).toContain(says);
    expect(file.lines.filter((l) => l.kind === 'option')).toEqual([]);
  });

  it('ignores unknown keywords without a warning', () => {
    expect(parseSshConfig('ForwardAgent yes\nSendEnv LANG', 'cfg')).toEqual({ path: 'cfg', lines: [], warnings: [] });
  });
});

const none = { hostName: 'node1', identityFiles: [], warnings: [] };

const rows: { name: string; text: string; alias?: string; want: Partial<ResolvedSshOptions> }[] = [
  { name: 'empty config', text: '', want: none },
  { name: 'global options apply to all', text: 'User all\nPort 2200', want: { user: 'all', port: 2200 } },
  {
    name: 'first value wins',
    text: 'Host node1\n User a\nHost *\n User b\n Port 2200',
    want: { user: 'a', port: 2200 },
  },
  { name: 'block for another host', text: 'Host node2\n User a', want: { user: undefined } },
  { name: 'several patterns', text: 'Host x node1 y\n User a', want: { user: 'a' } },
  { name: 'wildcards', text: 'Host n?de*\n User a', want: { user: 'a' } },
  { name: 'negation stops the block', text: 'Host node* !node1\n User a', want: { user: undefined } },
  { name: 'negation of another host', text: 'Host node* !node2\n User a', want: { user: 'a' } },
  { name: 'negation alone never matches', text: 'Host !node2\n User a', want: { user: undefined } },
  { name: 'Host is case-sensitive', text: 'Host NODE1\n User a', want: { user: undefined } },
  { name: 'host name lowercased', text: '', alias: 'Node1', want: { hostName: 'node1' } },
  { name: 'HostName', text: 'Host node1\n HostName 10.0.0.5', want: { hostName: '10.0.0.5' } },
  { name: 'HostName %h', text: 'Host *\n HostName %h.Cluster.lan', want: { hostName: 'node1.cluster.lan' } },
  { name: 'HostName %%', text: 'HostName a%%b', want: { hostName: 'a%b' } },
  {
    name: 'HostName with an unsupported token',
    text: 'HostName %r.lan',
    want: { hostName: '%r.lan', warnings: ['"%r.lan": %r is not supported here'] },
  },
  { name: 'key=value forms', text: 'User=a\nPort = 2200\nHostName =x', want: { user: 'a', port: 2200, hostName: 'x' } },
  { name: 'keyword in any case', text: 'HOSTNAME x\nuSeR a', want: { hostName: 'x', user: 'a' } },
  { name: 'quoted value', text: 'User "a b"', want: { user: 'a b' } },
  { name: 'trailing comment', text: 'Port 2200 # the usual', want: { port: 2200 } },
  {
    name: 'identity files accumulate, in order',
    text: 'Host node1\n IdentityFile /k/one\nHost *\n IdentityFile ~/.ssh/two\n IdentityFile "/k/with space"',
    want: { identityFiles: ['/k/one', '/home/me/.ssh/two', '/k/with space'] },
  },
  {
    name: 'identity file tokens',
    text: 'User bob\nPort 2200\nHostName N1.lan\nIdentityFile %d/%u/%h/%n/%p/%r/%l/%L/%i/%%',
    want: { hostName: 'n1.lan', identityFiles: ['/home/me/me/n1.lan/node1/2200/bob/ws.example.org/ws/1000/%'] },
  },
  {
    name: 'identity file tokens with the defaults',
    text: 'IdentityFile ~/%r@%h:%p',
    want: { identityFiles: ['/home/me/me@node1:22'] },
  },
  {
    name: 'identity file with an unsupported token',
    text: 'IdentityFile ~/k_%C',
    want: { identityFiles: ['/home/me/k_%C'], warnings: ['"~/k_%C": %C is not supported here'] },
  },
  {
    name: '~user is not expanded',
    text: 'IdentityFile ~bob/k',
    want: { identityFiles: ['~bob/k'], warnings: ['"~bob/k": ~user is not supported'] },
  },
  { name: 'IdentitiesOnly', text: 'IdentitiesOnly yes', want: { identitiesOnly: true } },
  { name: 'IdentitiesOnly false', text: 'IdentitiesOnly false', want: { identitiesOnly: false } },
  { name: 'IdentityAgent none', text: 'IdentityAgent none', want: { identityAgent: { kind: 'none' } } },
  {
    name: 'IdentityAgent SSH_AUTH_SOCK',
    text: 'IdentityAgent SSH_AUTH_SOCK',
    want: { identityAgent: { kind: 'env', name: 'SSH_AUTH_SOCK' } },
  },
  {
    name: 'IdentityAgent $VAR',
    text: 'IdentityAgent $MY_SOCK',
    want: { identityAgent: { kind: 'env', name: 'MY_SOCK' } },
  },
  {
    name: 'IdentityAgent path',
    text: 'IdentityAgent ~/.agent/%h.sock',
    want: { identityAgent: { kind: 'path', path: '/home/me/.agent/node1.sock' } },
  },
  { name: 'ProxyJump', text: 'ProxyJump bob@gw:2022,gw2', want: { proxyJump: 'bob@gw:2022,gw2' } },
  {
    name: 'ProxyJump none wins',
    text: 'Host node1\n ProxyJump none\nHost *\n ProxyJump gw',
    want: { proxyJump: undefined },
  },
  {
    name: 'ProxyJump none lets a ProxyCommand in',
    text: 'ProxyJump none\nProxyCommand nc %h %p',
    want: { proxyJump: undefined, proxyCommand: 'nc %h %p' },
  },
  {
    name: 'ProxyJump stops ProxyCommand',
    text: 'ProxyJump gw\nProxyCommand nc x',
    want: { proxyJump: 'gw', proxyCommand: undefined },
  },
  {
    name: 'ProxyCommand stops ProxyJump',
    text: 'ProxyCommand nc x\nProxyJump gw',
    want: { proxyJump: undefined, proxyCommand: 'nc x' },
  },
  {
    name: 'ProxyCommand none stops ProxyJump',
    text: 'ProxyCommand none\nProxyJump gw',
    want: { proxyJump: undefined, proxyCommand: undefined },
  },
  {
    name: 'times and counts',
    text: 'ConnectTimeout 1m30s\nServerAliveInterval 15\nServerAliveCountMax 0',
    want: { connectTimeoutSeconds: 90, serverAliveIntervalSeconds: 15, serverAliveCountMax: 0 },
  },
  { name: 'StrictHostKeyChecking off', text: 'StrictHostKeyChecking off', want: { strictHostKeyChecking: 'no' } },
  { name: 'StrictHostKeyChecking true', text: 'StrictHostKeyChecking true', want: { strictHostKeyChecking: 'yes' } },
  {
    name: 'StrictHostKeyChecking accept-new',
    text: 'StrictHostKeyChecking Accept-New',
    want: { strictHostKeyChecking: 'accept-new' },
  },
  {
    name: 'UserKnownHostsFile list, first line wins',
    text: 'UserKnownHostsFile ~/kh1 /etc/kh_%h_%p\nUserKnownHostsFile /other',
    want: { userKnownHostsFiles: ['/home/me/kh1', '/etc/kh_node1_22'] },
  },
  { name: 'UserKnownHostsFile none', text: 'UserKnownHostsFile none', want: { userKnownHostsFiles: [] } },
  {
    name: 'GlobalKnownHostsFile list, first line wins, only ~ expanded (as ssh does)',
    text: 'GlobalKnownHostsFile /etc/kh_%h ~/g2\nGlobalKnownHostsFile /other',
    want: { globalKnownHostsFiles: ['/etc/kh_%h', '/home/me/g2'] },
  },
  { name: 'GlobalKnownHostsFile none', text: 'GlobalKnownHostsFile none', want: { globalKnownHostsFiles: [] } },
  { name: 'Match all reopens after a Host block', text: 'Host other\nMatch all\n User a', want: { user: 'a' } },
  {
    name: 'unsupported Match skips its block',
    text: 'Match host node1\n User a\nHost *\n User b',
    want: { user: 'b' },
  },
  {
    name: 'unsupported Match ends the block before it',
    text: 'Host node1\nMatch user x\n User a',
    want: { user: undefined },
  },
  { name: 'a bad line is skipped', text: 'Port 0\nPort 2200', want: { port: 2200 } },
  { name: 'a bad Host line matches nothing', text: 'Host node1\nHost ""\n User a', want: { user: undefined } },
  {
    name: 'a Host line without patterns matches nothing',
    text: 'Host node1\nHost\n User a',
    want: { user: undefined },
  },
];

describe('resolveSshHost', () => {
  it.each(rows)('$name', ({ text, alias, want }) => {
    const got = resolve(text, alias ?? 'node1');
    const set = Object.fromEntries(Object.entries(want).filter(([, v]) => v !== undefined));
    expect(got).toMatchObject({ ...none, ...(alias && { hostName: alias.toLowerCase() }), ...set });
    for (const [key, value] of Object.entries(want))
      if (value === undefined) expect(got[key as keyof typeof got]).toBeUndefined();
  });

  it('leaves every unset option undefined', () => {
    const got = resolve('', 'node1');
    expect(Object.entries(got).filter(([, v]) => v !== undefined)).toEqual([
      ['hostName', 'node1'],
      ['identityFiles', []],
      ['warnings', []],
    ]);
  });

  it('reports %l as unsupported when the local host name is not given', () => {
    const got = resolveSshHost(parseSshConfig('IdentityFile ~/%l'), 'n1', { localUser: 'me', home: '/h' });
    expect(got.identityFiles).toEqual(['/h/%l']);
    expect(got.warnings).toEqual(['"~/%l": %l is not supported here']);
  });
});

describe('resolveSshHost with included files', () => {
  const file = (text: string, path: string): SshConfigFile => parseSshConfig(text, path);
  /** `main` with its Include line filled with `included`, as the loader does. */
  function withIncludes(main: string, ...included: string[]): SshConfigFile {
    const top = file(main, 'main');
    const include = top.lines.find((l) => l.kind === 'include');
    if (include?.kind !== 'include') throw new Error('no Include line');
    include.files.push(...included.map((text, i) => file(text, `inc${i}`)));
    return top;
  }

  it('applies an included file inside an active block, and its Host lines end with it', () => {
    const config = withIncludes(
      'Host x\n Include *.conf\n HostName after-include\nHost *\n User star',
      'User from_a\nHost other\n Port 1111',
      'Port 2222',
    );
    expect(resolveSshHost(config, 'x', ctx)).toMatchObject({ user: 'from_a', hostName: 'after-include', port: 2222 });
  });

  it('skips an include inside a block for another host, even its Host lines', () => {
    const config = withIncludes('Host x\n Include a.conf\nHost *\n User star', 'User from_a\nHost other\n Port 1111');
    const got = resolveSshHost(config, 'other', ctx);
    expect(got).toMatchObject({ user: 'star', hostName: 'other' });
    expect(got.port).toBeUndefined();
  });

  it('takes the first value across files in the order given (user file, then system file)', () => {
    const user = file('Host n1\n User fromUser', 'user');
    const system = file('Host *\n User fromSystem\n Port 2200', 'system');
    expect(resolveSshHost([user, system], 'n1', ctx)).toMatchObject({ user: 'fromUser', port: 2200 });
    expect(resolveSshHost([user, system], 'n2', ctx)).toMatchObject({ user: 'fromSystem', port: 2200 });
  });
});
