import { describe, expect, it } from 'vitest';
import { ParseError } from '../../../../agent/src/parsers/parseError';
import { parsePasswd, parsePasswdEntries } from '../../../../agent/src/parsers/passwd';

/** The start and end of this machine's Debian 12 /etc/passwd. */
const DEBIAN = `root:x:0:0:root:/root:/bin/bash
daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin
bin:x:2:2:bin:/bin:/usr/sbin/nologin
sys:x:3:3:sys:/dev:/usr/sbin/nologin
sync:x:4:65534:sync:/bin:/bin/sync
postgres:x:101:104:PostgreSQL administrator,,,:/var/lib/postgresql:/bin/bash
sshd:x:102:65534::/run/sshd:/usr/sbin/nologin
avahi:x:103:109:Avahi mDNS daemon,,,:/run/avahi-daemon:/usr/sbin/nologin
systemd-network:x:998:998:systemd Network Management:/:/usr/sbin/nologin
nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin
`;

const ok = [
  {
    name: "Debian's file",
    input: DEBIAN,
    want: [
      [0, 'root'],
      [1, 'daemon'],
      [4, 'sync'],
      [101, 'postgres'],
      [998, 'systemd-network'],
      [65534, 'nobody'],
    ],
    size: 10,
  },
  {
    name: 'a uid shared by two names (the first wins, as getpwuid answers)',
    input: 'root:x:0:0:root:/root:/bin/bash\ntoor:x:0:0:Bourne-again Superuser:/root:/bin/sh\n',
    want: [[0, 'root']],
    size: 1,
  },
  {
    name: 'comments, blank lines, CRLF and NIS entries',
    input: '# local users\r\n\r\nalice:x:1000:1000:Alice,,,:/home/alice:/bin/bash\r\n+@admins::::::\n-bob\n+\n',
    want: [[1000, 'alice']],
    size: 1,
  },
  {
    name: 'a broken line among good ones',
    input:
      'alice:x:1000:1000::/home/alice:/bin/bash\ngarbage\nbob:x:notanumber:1::/:/bin/sh\ncarol:x:1002:1002::/home/carol:/bin/sh\n',
    want: [
      [1000, 'alice'],
      [1002, 'carol'],
    ],
    size: 2,
  },
  { name: 'an empty file', input: '', want: [], size: 0 },
] as const;

const bad = [
  { name: 'a file of another kind', input: '<html><body>not a passwd file</body></html>\n' },
  { name: 'a group file', input: 'root:x:0:\nadm:x:4:syslog,alice\n' },
];

describe('parsePasswd', () => {
  it.each(ok)('parses $name', ({ input, want, size }) => {
    const names = parsePasswd(input);
    for (const [uid, name] of want) expect(names.get(uid)).toBe(name);
    expect(names.size).toBe(size);
  });
  it.each(bad)('rejects $name', ({ input }) => expect(() => parsePasswd(input)).toThrow(ParseError));
});

describe('parsePasswdEntries', () => {
  it('reads name, uid, gid and home, in file order', () => {
    expect(parsePasswdEntries(DEBIAN).filter((e) => ['root', 'postgres', 'nobody'].includes(e.name))).toEqual([
      { name: 'root', uid: 0, gid: 0, home: '/root' },
      { name: 'postgres', uid: 101, gid: 104, home: '/var/lib/postgresql' },
      { name: 'nobody', uid: 65534, gid: 65534, home: '/nonexistent' },
    ]);
  });
});
