import { describe, expect, it } from 'vitest';
import { parseProcStat, ttyName, uidOf, userName } from '../../mosixStandIn/procInfo';
import { shellWords } from '../../mosixStandIn/remote';

describe('what /proc says', () => {
  it('reads /proc/<pid>/stat, a command with spaces and parentheses included', () => {
    // tty_nr tpgid flags minflt cminflt majflt cmajflt utime stime cutime cstime priority nice threads itreal starttime ...
    const rest = '34816 -1 4194304 0 0 0 0 150 25 0 0 20 0 1 0 987654 1000 10';
    expect(parseProcStat(`42 (a) (b c)) T 1 42 42 ${rest}`)).toEqual({
      state: 'T',
      ppid: 1,
      ttyNr: 34816,
      cpuTicks: 175,
      start: 987654,
    });
    expect(parseProcStat('42 (short) R 1')).toBeUndefined();
    expect(parseProcStat('nonsense')).toBeUndefined();
  });

  it('names terminals as ps does', () => {
    expect([0, 34816, 34817, (136 << 8) | 0xff, 1025].map(ttyName)).toEqual(['?', 'pts/0', 'pts/1', 'pts/255', 'tty1']);
    expect(ttyName((137 << 8) | 2)).toBe('pts/258');
  });

  it('reads the uid and its name', () => {
    expect(uidOf('Name:\tx\nUid:\t1000\t1000\t1000\t1000\n')).toBe(1000);
    expect(uidOf('Name:\tx\n')).toBeUndefined();
    const passwd = 'root:x:0:0::/root:/bin/sh\nann:x:1000:1000::/home/ann:/bin/sh\n';
    expect([userName(passwd, 0), userName(passwd, 1000), userName(passwd, 7)]).toEqual(['root', 'ann', '7']);
  });
});

describe('remote commands', () => {
  it('quotes every word, and takes none outside a narrow alphabet', () => {
    expect(shellWords(['/usr/bin/node', '/run/x/standin.cjs', '_signal', '12', '-', '9'])).toBe(
      "'/usr/bin/node' '/run/x/standin.cjs' '_signal' '12' '-' '9'",
    );
    for (const word of ["a'b", 'a b', '$(id)', 'a;b', '', 'a\nb'])
      expect(() => shellWords([word])).toThrow(/may not go/);
  });
});
