import { describe, expect, it } from 'vitest';
import { entriesOf, parseDocument } from '../../../agent/src/mosixConfig/document';
import { mapFormat, userviewFormat } from '../../../agent/src/mosixConfig/mapFile';
import { lineIssues } from '../../../agent/src/mosixConfig/files';

const range = (host: string, count: number, line: number, flags = '') => ({
  host,
  count,
  proximate: flags.includes('p'),
  outsider: flags.includes('o'),
  line,
});

describe('mosix.map lines', () => {
  it.each([
    {
      name: 'two IPv4 ranges, the second proximate',
      text: '192.168.1.1 16\n192.168.2.1 8 p\n',
      want: [range('192.168.1.1', 16, 1), range('192.168.2.1', 8, 2, 'p')],
    },
    {
      name: 'comments, blank lines, tabs, CRLF, a trailing comment',
      text: '# lab\r\n\r\n10.0.0.11\t4\t# old rack\r\nmos1 1 po\n',
      want: [range('10.0.0.11', 4, 3), range('mos1', 1, 4, 'po')],
    },
    {
      name: 'a count of zero stays an entry (validation reports it)',
      text: '10.0.0.1 0\n',
      want: [range('10.0.0.1', 0, 1)],
    },
    { name: 'no newline at the end', text: '10.1.2.3 2', want: [range('10.1.2.3', 2, 1)] },
  ])('reads $name', ({ text, want }) => {
    const doc = parseDocument('mosix.map', text, mapFormat);
    expect(entriesOf(doc)).toEqual(want);
    expect(lineIssues(doc)).toEqual([]);
  });

  it.each([
    { name: 'a host with no count', text: '# map\n10.0.0.1\n', line: 2, says: 'has no node count' },
    { name: 'a count that is not a number', text: '10.0.0.1 four\n', line: 1, says: 'node count "four"' },
    { name: 'an unknown flag', text: '\n10.0.0.1 2 x\n', line: 2, says: 'flags "x"' },
    { name: 'an extra field', text: '10.0.0.1 2 p extra\n', line: 1, says: 'unexpected "extra"' },
    { name: 'an IPv6 address', text: 'fd00::1 1\n', line: 1, says: 'IPv6' },
    { name: 'a bad octet', text: '10.0.0.256 1\n', line: 1, says: 'not an IPv4 address' },
    { name: 'a shell trick', text: 'a;reboot 1\n', line: 1, says: 'neither an IPv4 address nor a host name' },
  ])('keeps $name as an unknown line and names file and line', ({ text, line, says }) => {
    const doc = parseDocument('mosix.map', text, mapFormat);
    expect(entriesOf(doc)).toEqual([]);
    expect(doc.lines[line - 1]!.kind).toBe('unknown');
    const [issue, ...rest] = lineIssues(doc);
    expect(rest).toEqual([]);
    expect(issue).toMatchObject({ file: 'mosix.map', line, severity: 'error' });
    expect(issue!.message).toMatch(new RegExp(`^mosix\\.map line ${line}: `));
    expect(issue!.message).toContain(says);
  });

  it.each([
    [range('10.0.0.1', 4, 1), '10.0.0.1 4'],
    [range('a', 2, 1, 'p'), 'a 2 p'],
    [range('a', 2, 1, 'po'), 'a 2 po'],
    [range('a', 2, 1, 'o'), 'a 2 o'],
  ])('writes %j as %s', (entry, text) => expect(mapFormat.format(entry)).toBe(text));
});

describe('userview.map lines', () => {
  it('reads "first host count" lines', () => {
    const doc = parseDocument('userview.map', '# logical\n1 10.0.0.1 4\n10 head 1 # head node\n', userviewFormat);
    expect(entriesOf(doc)).toEqual([
      { first: 1, host: '10.0.0.1', count: 4, line: 2 },
      { first: 10, host: 'head', count: 1, line: 3 },
    ]);
  });

  it.each([
    { text: '10.0.0.1 4\n', says: 'is not "first-number host count"' },
    { text: 'x 10.0.0.1 4\n', says: 'first node number "x"' },
    { text: '1 10.0.0.1 4 5\n', says: 'unexpected "5"' },
    { text: '1 10.0.0.1 many\n', says: 'node count "many"' },
  ])('refuses $text', ({ text, says }) => {
    const [issue] = lineIssues(parseDocument('userview.map', text, userviewFormat));
    expect(issue?.message).toContain(says);
    expect(issue?.line).toBe(1);
  });
});
