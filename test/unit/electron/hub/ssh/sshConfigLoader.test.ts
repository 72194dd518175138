import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveSshHost, type SshConfig } from '../../../../../electron/hub/ssh/sshConfig';
import { configWarnings, globPaths, loadSshConfig } from '../../../../../electron/hub/ssh/sshConfigLoader';
import { makeTempDir } from './openssh';

let tmp: ReturnType<typeof makeTempDir>;
let home = '';
beforeEach(() => {
  tmp = makeTempDir('loader');
  home = join(tmp.dir, 'home');
  mkdirSync(join(home, '.ssh'), { recursive: true });
});
afterEach(() => tmp.remove());

function write(path: string, text: string): string {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  return path;
}

/** Paths of the files a config holds, depth first, as the loader read them. */
function paths(config: SshConfig): string[] {
  const out: string[] = [];
  const visit = (file: SshConfig[number]): void => {
    out.push(file.path);
    for (const line of file.lines) if (line.kind === 'include') line.files.forEach(visit);
  };
  config.forEach(visit);
  return out;
}

const resolve = (config: SshConfig, alias = 'n1') => resolveSshHost(config, alias, { localUser: 'me', home });

describe('loadSshConfig', () => {
  it('gives nothing when there is no config', async () => {
    expect(await loadSshConfig({ home, systemPath: null })).toEqual([]);
  });

  it('reads ~/.ssh/config by default', async () => {
    write(join(home, '.ssh', 'config'), 'User fromConfig\n');
    const config = await loadSshConfig({ home, systemPath: null });
    expect(paths(config)).toEqual([join(home, '.ssh', 'config')]);
    expect(resolve(config).user).toBe('fromConfig');
  });

  it('takes relative includes from ~/.ssh, sorted, without dot files', async () => {
    const dir = join(home, '.ssh', 'conf.d');
    write(join(home, '.ssh', 'config'), 'Include conf.d/*.conf\nUser main\n');
    write(join(dir, 'b.conf'), 'User b\nPort 2200\n');
    write(join(dir, 'a.conf'), 'User a\n');
    write(join(dir, '.hidden.conf'), 'User hidden\n');
    write(join(dir, 'notes.txt'), 'User txt\n');
    const config = await loadSshConfig({ home, systemPath: null });
    expect(paths(config)).toEqual([join(home, '.ssh', 'config'), join(dir, 'a.conf'), join(dir, 'b.conf')]);
    expect(resolve(config)).toMatchObject({ user: 'a', port: 2200 });
  });

  it('expands ~/ in includes and reads several patterns in order', async () => {
    write(join(home, '.ssh', 'config'), 'Include ~/second.conf first.conf\n');
    write(join(home, 'second.conf'), 'User second\n');
    write(join(home, '.ssh', 'first.conf'), 'User first\n');
    const config = await loadSshConfig({ home, systemPath: null });
    expect(resolve(config).user).toBe('second');
  });

  it('ignores includes that match nothing, without a warning', async () => {
    write(join(home, '.ssh', 'config'), 'Include missing.conf nothing/*.conf /no/such/dir/*\nUser main\n');
    const config = await loadSshConfig({ home, systemPath: null });
    expect(configWarnings(config)).toEqual([]);
    expect(resolve(config).user).toBe('main');
  });

  it('stops an include loop at 16 levels with a warning', async () => {
    const file = write(join(home, '.ssh', 'config'), 'Include config\nIdentityFile /k\n');
    const config = await loadSshConfig({ home, systemPath: null });
    expect(paths(config)).toHaveLength(17);
    expect(configWarnings(config)).toEqual([`${file}:1: Include nested more than 16 deep; skipped.`]);
    expect(resolve(config).identityFiles).toHaveLength(17);
  });

  it('warns about an include it cannot read', async () => {
    mkdirSync(join(home, '.ssh', 'adir'));
    write(join(home, '.ssh', 'config'), 'Include adir\nUser main\n');
    const config = await loadSshConfig({ home, systemPath: null });
    expect(configWarnings(config)).toEqual([`${join(home, '.ssh', 'adir')}: cannot be read (EISDIR); skipped.`]);
    expect(resolve(config).user).toBe('main');
  });

  it('reads the system file after the user file; ~ is refused there', async () => {
    write(join(home, '.ssh', 'config'), 'Host n1\n  User fromUser\n');
    const system = write(
      join(tmp.dir, 'etc', 'ssh_config'),
      'Include ~/x.conf\nHost *\n  User fromSystem\n  Port 2200\n',
    );
    write(join(home, 'x.conf'), 'User fromTilde\n');
    const config = await loadSshConfig({ home, systemPath: system });
    expect(paths(config)).toEqual([join(home, '.ssh', 'config'), system]);
    expect(configWarnings(config)).toEqual([`${system}:1: Include "~/x.conf" is not supported here; skipped.`]);
    expect(resolve(config, 'n1')).toMatchObject({ user: 'fromUser', port: 2200 });
    expect(resolve(config, 'n2')).toMatchObject({ user: 'fromSystem', port: 2200 });
  });

  it('keeps the warnings of included files', async () => {
    write(join(home, '.ssh', 'config'), 'Include bad.conf\n');
    const bad = write(join(home, '.ssh', 'bad.conf'), '\nPort 0\n');
    const config = await loadSshConfig({ home, systemPath: null });
    expect(configWarnings(config)).toEqual([`${bad}:2: port: bad port "0" (service names are not supported).`]);
  });
});

describe('globPaths', () => {
  beforeEach(() => {
    for (const name of ['a1.conf', 'a2.conf', 'b1.conf', 'c.conf', '.d.conf', 'x*y.conf'])
      write(join(tmp.dir, 'g', name), '');
    write(join(tmp.dir, 'g', 'sub1', 'in.conf'), '');
    write(join(tmp.dir, 'g', 'sub2', 'in.conf'), '');
  });

  it.each([
    { pattern: 'g/*.conf', want: ['a1.conf', 'a2.conf', 'b1.conf', 'c.conf', 'x*y.conf'] },
    { pattern: 'g/?1.conf', want: ['a1.conf', 'b1.conf'] },
    { pattern: 'g/[ab]1.conf', want: ['a1.conf', 'b1.conf'] },
    { pattern: 'g/[!a]*.conf', want: ['b1.conf', 'c.conf', 'x*y.conf'] },
    { pattern: 'g/[a-b]2.conf', want: ['a2.conf'] },
    { pattern: 'g/.*.conf', want: ['.d.conf'] },
    { pattern: 'g/x\\*y.conf', want: ['x*y.conf'] },
    { pattern: 'g/*/in.conf', want: ['sub1/in.conf', 'sub2/in.conf'] },
    { pattern: 'g/c.conf', want: ['c.conf'] },
    { pattern: 'g/none*.conf', want: [] },
    { pattern: 'nodir/*/x', want: [] },
  ])('$pattern', async ({ pattern, want }) => {
    const found = await globPaths(join(tmp.dir, pattern));
    expect(found).toEqual(want.map((w) => join(tmp.dir, 'g', w)));
  });
});
