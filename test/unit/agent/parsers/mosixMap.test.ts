import { describe, expect, it } from 'vitest';
import {
  expandMosixMap,
  formatIPv4,
  needsLookup,
  parseIPv4,
  parseMosixMap,
} from '../../../../agent/src/parsers/mosixMap';
import { ParseError } from '../../../../agent/src/parsers/parseError';

const e = (host: string, count: number, line: number, flags = '') => ({
  host,
  count,
  proximate: flags.includes('p'),
  outsider: flags.includes('o'),
  line,
});

const ok = [
  {
    name: 'the reference example (two IPv4 ranges, the second proximate)',
    input: '192.168.1.1 16\n192.168.2.1 8 p\n',
    want: [e('192.168.1.1', 16, 1), e('192.168.2.1', 8, 2, 'p')],
  },
  {
    name: 'comments, blank lines, tabs, CRLF and a trailing comment',
    input:
      '# cluster of the lab\r\n\r\n   # indented comment\n10.0.0.11\t4\t# the old rack\r\nmos1.cs.huji.ac.il 1 po\n',
    want: [e('10.0.0.11', 4, 4), e('mos1.cs.huji.ac.il', 1, 5, 'po')],
  },
  {
    name: 'every flag order, and a doubled flag as MOSIX allows',
    input: 'a 1 p\nb 1 o\nc 1 op\nd 1 pp\n',
    want: [e('a', 1, 1, 'p'), e('b', 1, 2, 'o'), e('c', 1, 3, 'op'), e('d', 1, 4, 'p')],
  },
  {
    name: 'a host name with several nodes and a fully-qualified name with a trailing dot',
    input: 'node1 4\nnode9.example.org. 1\n',
    want: [e('node1', 4, 1), e('node9.example.org.', 1, 2)],
  },
  { name: 'an empty file', input: '', want: [] },
  { name: 'only comments', input: '# nothing yet\n#\n', want: [] },
  { name: 'no newline at the end', input: '10.1.2.3 2', want: [e('10.1.2.3', 2, 1)] },
  { name: 'the last address of the IPv4 space', input: '255.255.255.250 6\n', want: [e('255.255.255.250', 6, 1)] },
];

const bad = [
  { name: 'a host with no count', input: '# map\n10.0.0.1\n', line: 2, says: 'no node count' },
  { name: 'a count that is not a number', input: '10.0.0.1 four\n', line: 1, says: 'node count "four"' },
  { name: 'a count of zero', input: '10.0.0.1 0\n', line: 1, says: 'from 1 up' },
  { name: 'a negative count', input: 'a 1\n10.0.0.1 -3\n', line: 2, says: 'from 1 up' },
  { name: 'a fractional count', input: '10.0.0.1 2.5\n', line: 1, says: 'node count' },
  { name: 'an unknown flag', input: '\n\n10.0.0.1 2 x\n', line: 3, says: 'flags "x"' },
  { name: 'three flags', input: '10.0.0.1 2 ppo\n', line: 1, says: 'flags "ppo"' },
  { name: 'an extra field', input: '10.0.0.1 2 p extra\n', line: 1, says: 'unexpected "extra"' },
  { name: 'an octet over 255', input: '10.0.0.256 1\n', line: 1, says: 'not an IPv4 address' },
  { name: 'a leading zero (octal to inet_aton)', input: '010.0.0.1 1\n', line: 1, says: 'no leading zeros' },
  { name: 'three octets', input: '10.0.1 1\n', line: 1, says: 'not an IPv4 address' },
  { name: 'an IPv6 address', input: 'fd00::1 1\n', line: 1, says: 'IPv6' },
  { name: 'a host name with a space-less shell trick', input: 'node1;reboot 1\n', line: 1, says: 'neither' },
  { name: 'a host name starting with a dash', input: '-oProxyCommand=x 1\n', line: 1, says: 'neither' },
  { name: 'a host name with an empty label', input: 'node1..lab 1\n', line: 1, says: 'neither' },
  { name: 'a range running past 255.255.255.255', input: '255.255.255.250 7\n', line: 1, says: 'run past' },
  { name: 'the old openMosix form (number first)', input: '1 10.0.0.1 16\n', line: 1, says: 'not an IPv4' },
  { name: 'a map of more than 65535 nodes', input: '10.0.0.1 65535\n10.1.0.1 1\n', line: 2, says: 'more than' },
];

describe('parseMosixMap', () => {
  it.each(ok)('parses $name', ({ input, want }) => expect(parseMosixMap(input, '/etc/mosix/mosix.map')).toEqual(want));

  it.each(bad)('rejects $name, naming the line', ({ input, line, says }) => {
    let caught: unknown;
    try {
      parseMosixMap(input, '/etc/mosix/mosix.map');
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(ParseError);
    const message = (caught as ParseError).message;
    expect(message).toContain(`/etc/mosix/mosix.map: line ${line}: `);
    expect(message).toContain(says);
  });

  it('quotes only the start of a huge bad field', () => {
    expect(() => parseMosixMap(`${'x'.repeat(10_000)} 1 p\n`)).toThrow(/^mosix\.map: line 1: "x{80}…" is neither/);
  });
});

describe('expandMosixMap', () => {
  it('numbers nodes from 1 in file order and expands IPv4 ranges across octets', () => {
    const entries = parseMosixMap('10.0.0.254 3\nsolo 1\n10.0.1.10 2 p\n');
    expect(expandMosixMap(entries)).toEqual([
      { number: 1, host: '10.0.0.254' },
      { number: 2, host: '10.0.0.255' },
      { number: 3, host: '10.0.1.0' },
      { number: 4, host: 'solo' },
      { number: 5, host: '10.0.1.10' },
      { number: 6, host: '10.0.1.11' },
    ]);
  });

  it('expands a host name with a count from its resolved address, as MOSIX does', () => {
    const entries = parseMosixMap('head 1\nnode1 3\n');
    expect(entries.map(needsLookup)).toEqual([false, true]);
    expect(expandMosixMap(entries, new Map([['node1', '192.168.7.20']]))).toEqual([
      { number: 1, host: 'head' },
      { number: 2, host: 'node1' },
      { number: 3, host: '192.168.7.21' },
      { number: 4, host: '192.168.7.22' },
    ]);
  });

  it('refuses a host name with a count whose address is unknown, naming its line', () => {
    const entries = parseMosixMap('# lab\nnode1 3\n');
    expect(() => expandMosixMap(entries, new Map(), 'map')).toThrow(
      'map: line 2: node1 stands for 3 consecutive addresses, but it does not resolve to an IPv4 address',
    );
  });

  it('refuses a resolved range that runs past 255.255.255.255', () => {
    const entries = parseMosixMap('edge 4\n');
    expect(() => expandMosixMap(entries, new Map([['edge', '255.255.255.254']]))).toThrow(/line 1: .*run past/);
  });
});

describe('IPv4 helpers', () => {
  it.each([
    ['0.0.0.0', 0],
    ['10.0.0.1', 0x0a000001],
    ['255.255.255.255', 0xffffffff],
  ])('round-trips %s', (text, n) => {
    expect(parseIPv4(text)).toBe(n);
    expect(formatIPv4(n)).toBe(text);
  });
  it.each(['1.2.3', '1.2.3.4.5', '01.2.3.4', '1.2.3.256', 'a.b.c.d', ''])('refuses %j', (text) =>
    expect(parseIPv4(text)).toBeUndefined(),
  );
});
