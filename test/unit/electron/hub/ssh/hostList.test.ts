import { describe, expect, it } from 'vitest';
import { HubError } from '../../../../../electron/hub/errors';
import { MAX_HOSTS, parseHostList, parseJumpSpec } from '../../../../../electron/hub/ssh/hostList';

const hosts = (...names: string[]) => names.map((host) => ({ host }));

const ok = [
  { name: 'one host', input: 'node1', want: hosts('node1') },
  { name: 'empty list', input: '  \n # only a comment\n', want: [] },
  { name: 'whitespace, commas and newlines', input: 'a, b\tc\n\nd,,e', want: hosts('a', 'b', 'c', 'd', 'e') },
  { name: 'comments to end of line', input: 'a # b c\nd#e\n#f\ng', want: hosts('a', 'd', 'g') },
  { name: 'user and port', input: 'root@node1:2222', want: [{ host: 'node1', user: 'root', port: 2222 }] },
  { name: 'user only', input: 'alice@n1.lan', want: [{ host: 'n1.lan', user: 'alice' }] },
  { name: 'port only', input: 'n1:22', want: [{ host: 'n1', port: 22 }] },
  { name: 'IPv4', input: '10.0.0.1', want: hosts('10.0.0.1') },
  { name: 'IPv4 with port', input: '10.0.0.1:2200', want: [{ host: '10.0.0.1', port: 2200 }] },
  { name: 'IPv6 in brackets with port', input: '[fe80::1]:22', want: [{ host: 'fe80::1', port: 22 }] },
  { name: 'IPv6 in brackets', input: 'me@[2001:db8::5]', want: [{ host: '2001:db8::5', user: 'me' }] },
  { name: 'bare IPv6', input: '::1 2001:db8::1', want: hosts('::1', '2001:db8::1') },
  { name: 'name in brackets', input: '[node1]:2022', want: [{ host: 'node1', port: 2022 }] },
  { name: 'ssh_config alias with underscore', input: 'my_node', want: hosts('my_node') },
  { name: 'FQDN', input: 'node-1.rack-2.example.org', want: hosts('node-1.rack-2.example.org') },
  { name: 'range', input: 'node1-node4', want: hosts('node1', 'node2', 'node3', 'node4') },
  { name: 'zero-padded range', input: 'node08-node11', want: hosts('node08', 'node09', 'node10', 'node11') },
  { name: 'padding kept to three', input: 'n001-n003', want: hosts('n001', 'n002', 'n003') },
  { name: 'range across a power of ten', input: 'n9-n10', want: hosts('n9', 'n10') },
  { name: 'range with a domain', input: 'n1.lan-n3.lan', want: hosts('n1.lan', 'n2.lan', 'n3.lan') },
  { name: 'range over the second number', input: 'r2-n1-r2-n3', want: hosts('r2-n1', 'r2-n2', 'r2-n3') },
  { name: 'range of one', input: 'node5-node5', want: hosts('node5') },
  {
    name: 'range with user and port',
    input: 'root@n1-n2:2222',
    want: [
      { host: 'n1', user: 'root', port: 2222 },
      { host: 'n2', user: 'root', port: 2222 },
    ],
  },
  { name: 'IPv4 range, full', input: '10.0.0.11-10.0.0.13', want: hosts('10.0.0.11', '10.0.0.12', '10.0.0.13') },
  { name: 'IPv4 range, last octet', input: '10.0.0.254-255', want: hosts('10.0.0.254', '10.0.0.255') },
  { name: 'IPv4 range from zero', input: '192.168.1.0-2', want: hosts('192.168.1.0', '192.168.1.1', '192.168.1.2') },
  { name: 'dash, no number', input: 'web-a', want: hosts('web-a') },
  { name: 'dashes, not a range', input: 'rack-3-node', want: hosts('rack-3-node') },
  { name: 'different names are one host', input: 'a1-b2', want: hosts('a1-b2') },
  { name: 'short form is one host (decided)', input: 'n7-12', want: hosts('n7-12') },
  { name: 'two numbers differ: one host', input: 'r1n1-r2n8', want: hosts('r1n1-r2n8') },
  {
    name: 'same host with other users',
    input: 'a@n1 b@n1 n1',
    want: [{ host: 'n1', user: 'a' }, { host: 'n1', user: 'b' }, { host: 'n1' }],
  },
  {
    name: 'same host on other ports',
    input: 'n1:22 n1:23',
    want: [
      { host: 'n1', port: 22 },
      { host: 'n1', port: 23 },
    ],
  },
  { name: 'user with dot, dash and dollar', input: 'first.last-x$@n1', want: [{ host: 'n1', user: 'first.last-x$' }] },
];

const bad = [
  { name: 'bad port', input: 'n1:0', says: '"n1:0": the port must be a number from 1 to 65535.' },
  { name: 'port too big', input: 'n1:65536', says: 'the port must be' },
  { name: 'port not a number', input: 'n1:ssh', says: 'the port must be' },
  { name: 'empty port', input: 'n1:', says: 'the port must be' },
  { name: 'two @', input: 'a@b@n1', says: '"a@b@n1"' },
  { name: 'empty user', input: '@n1', says: 'is not a valid user name' },
  { name: 'user starting with a dash', input: '-oProxyCommand@n1', says: 'is not a valid user name' },
  {
    name: 'user starting with a dot (the same rule as the settings)',
    input: '.hidden@n1',
    says: 'is not a valid user name',
  },
  { name: 'empty host', input: 'root@', says: 'is not a host name' },
  { name: 'unclosed bracket', input: '[fe80::1', says: 'unclosed' },
  { name: 'junk after bracket', input: '[n1]x', says: 'unclosed' },
  { name: 'bad IPv6', input: '[fe80::1::2]:22', says: 'is not a valid IPv6 address' },
  { name: 'bad IPv4', input: '10.0.0.256', says: '"10.0.0.256" is neither a valid IPv4 address nor a host name' },
  { name: 'numeric name', input: '1234', says: 'is neither' },
  { name: 'label starting with a dash', input: '-n1', says: 'is not a valid host name' },
  { name: 'label ending with a dash', input: 'n1-.lan', says: 'is not a valid host name' },
  { name: 'empty label', input: 'n1..lan', says: 'is not a valid host name' },
  { name: 'label too long', input: `${'a'.repeat(64)}.lan`, says: 'is not a valid host name' },
  { name: 'slash', input: 'n1/x', says: 'is not a valid host name' },
  { name: 'bracket range syntax', input: 'node[1-8]', says: 'write node1-node8' },
  { name: 'duplicate', input: 'n1 n2 n1', says: '"n1" is listed twice.' },
  { name: 'duplicate, case differs', input: 'N1 n1', says: '"n1" is listed twice.' },
  { name: 'duplicate from a range', input: 'n1-n3 n2', says: '"n2" is listed twice.' },
  { name: 'duplicate with user and port', input: 'r@n1:22 r@n1:22', says: '"r@n1:22" is listed twice.' },
  { name: 'duplicate IPv6', input: '[::1]:22 [::1]:22', says: '"[::1]:22" is listed twice.' },
  { name: 'range backwards', input: 'n5-n3', says: '"n5-n3": the range runs backwards.' },
  { name: 'padding widths differ', input: 'n01-n100', says: 'both ends the same width' },
  { name: 'IPv4 range backwards', input: '10.0.0.9-3', says: 'backwards' },
  { name: 'IPv4 range over 255', input: '10.0.0.1-256', says: '256 is not an IPv4 octet' },
  { name: 'IPv4 range across octets', input: '10.0.0.250-10.0.1.5', says: 'may only vary the last octet' },
  { name: 'IPv4 range to a name', input: '10.0.0.1-n5', says: 'must end in an IPv4 address' },
  { name: 'IPv4 range in another octet', input: '10.0.1-3.5', says: 'is neither' },
  { name: 'numbers-only range', input: '1-3', says: '"1" is neither' },
  { name: 'range too big', input: 'n1-n1025', says: `at most ${MAX_HOSTS} hosts` },
];

describe('parseHostList', () => {
  it.each(ok)('parses $name', ({ input, want }) => {
    expect(parseHostList(input)).toEqual(want);
  });

  it.each(bad)('refuses $name, naming the token', ({ input, says }) => {
    let caught: unknown;
    try {
      parseHostList(input);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(HubError);
    expect((caught as HubError).code).toBe('bad-request');
    expect((caught as HubError).message).toContain(says);
  });

  it('accepts exactly the limit, across entries', () => {
    expect(parseHostList(`n1-n1000 m1-m${MAX_HOSTS - 1000}`)).toHaveLength(MAX_HOSTS);
    expect(() => parseHostList(`n1-n1000 m1-m${MAX_HOSTS - 1000} extra`)).toThrow(`at most ${MAX_HOSTS} hosts`);
    expect(() => parseHostList(`n1-n1000 m1-m${MAX_HOSTS - 999}`)).toThrow(`at most ${MAX_HOSTS} hosts`);
  });

  it('refuses a huge range without building it', () => {
    const started = performance.now();
    expect(() => parseHostList('n1-n999999999')).toThrow(HubError);
    expect(performance.now() - started).toBeLessThan(100);
  });

  it('keeps the order of the list', () => {
    expect(parseHostList('c a-1-a-2 b').map((e) => e.host)).toEqual(['c', 'a-1', 'a-2', 'b']);
  });
});

describe('parseJumpSpec', () => {
  const rows = [
    { name: 'one hop', input: 'gw', want: hosts('gw') },
    { name: 'user and port', input: 'bob@gw:2022', want: [{ host: 'gw', user: 'bob', port: 2022 }] },
    { name: 'chain, first hop first', input: 'gw1,alice@gw2', want: [{ host: 'gw1' }, { host: 'gw2', user: 'alice' }] },
    { name: 'ssh URI', input: 'ssh://bob@gw:2200', want: [{ host: 'gw', user: 'bob', port: 2200 }] },
    { name: 'IPv6', input: '[fe80::1]:22', want: [{ host: 'fe80::1', port: 22 }] },
    { name: 'none', input: 'none', want: [] },
    { name: 'a range is one host', input: 'gw1-gw3', want: hosts('gw1-gw3') },
  ];
  it.each(rows)('parses $name', ({ input, want }) => expect(parseJumpSpec(input)).toEqual(want));

  it.each(['gw,', 'gw:0', 'a b', ''])('refuses %j', (input) => {
    expect(() => parseJumpSpec(input)).toThrow(HubError);
  });
});
