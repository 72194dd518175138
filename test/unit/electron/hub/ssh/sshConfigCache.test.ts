import { appendFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveSshHost, type SshConfig } from '../../../../../electron/hub/ssh/sshConfig';
import { loadSshConfigCached } from '../../../../../electron/hub/ssh/sshConfigCache';
import { configWarnings } from '../../../../../electron/hub/ssh/sshConfigLoader';
import { makeTempDir } from './openssh';

let tmp: ReturnType<typeof makeTempDir>;
let home = '';
let loads: SshConfig[];
beforeEach(() => {
  tmp = makeTempDir('cfgcache');
  home = join(tmp.dir, 'home');
  mkdirSync(join(home, '.ssh'), { recursive: true });
  loads = [];
});
afterEach(() => tmp.remove());

function write(path: string, text: string): string {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  return path;
}

const load = (): Promise<SshConfig> => loadSshConfigCached({ home, systemPath: null }, (c) => void loads.push(c));
const user = (config: SshConfig, alias = 'n1') => resolveSshHost(config, alias, { localUser: 'me', home }).user;

describe('loadSshConfigCached', () => {
  it('reads once while nothing changed, and gives the same config', async () => {
    write(join(home, '.ssh', 'config'), 'User one\n');
    const first = await load();
    expect(await load()).toBe(first);
    expect(loads).toEqual([first]);
    expect(user(first)).toBe('one');
  });

  it('loads once for callers that ask at the same time', async () => {
    write(join(home, '.ssh', 'config'), 'User one\n');
    const all = await Promise.all(Array.from({ length: 16 }, load));
    expect(new Set(all).size).toBe(1);
    expect(loads).toHaveLength(1);
  });

  it.each([
    {
      name: 'the config changes',
      setup: () => write(join(home, '.ssh', 'config'), 'User one\n'),
      change: () => appendFileSync(join(home, '.ssh', 'config'), 'Port 2\n'),
      want: 'one',
    },
    {
      name: 'an included file changes',
      setup: () => {
        write(join(home, '.ssh', 'config'), 'Include conf.d/*.conf\n');
        write(join(home, '.ssh', 'conf.d', 'a.conf'), 'User one\n');
      },
      change: () => write(join(home, '.ssh', 'conf.d', 'a.conf'), 'User two\n'),
      want: 'two',
    },
    {
      name: 'a file appears in an Include glob',
      setup: () => {
        write(join(home, '.ssh', 'config'), 'Include conf.d/*.conf\n');
        mkdirSync(join(home, '.ssh', 'conf.d'));
      },
      change: () => write(join(home, '.ssh', 'conf.d', 'new.conf'), 'User new\n'),
      want: 'new',
    },
    {
      name: 'the Include directory appears',
      setup: () => write(join(home, '.ssh', 'config'), 'Include conf.d/*.conf\n'),
      change: () => write(join(home, '.ssh', 'conf.d', 'new.conf'), 'User new\n'),
      want: 'new',
    },
    {
      name: 'a literal Include appears',
      setup: () => write(join(home, '.ssh', 'config'), 'Include extra\n'),
      change: () => write(join(home, '.ssh', 'extra'), 'User extra\n'),
      want: 'extra',
    },
    {
      name: 'the config appears',
      setup: () => undefined,
      change: () => write(join(home, '.ssh', 'config'), 'User late\n'),
      want: 'late',
    },
    {
      name: 'the config goes',
      setup: () => write(join(home, '.ssh', 'config'), 'User one\n'),
      change: () => rmSync(join(home, '.ssh', 'config')),
      want: undefined,
    },
  ])('reads again when $name', async ({ setup, change, want }) => {
    setup();
    const first = await load();
    change();
    const second = await load();
    expect(second).not.toBe(first);
    expect(loads).toHaveLength(2);
    expect(user(second)).toBe(want);
    expect(await load()).toBe(second);
  });

  it('keeps configs of other options apart (no system file vs the default one)', async () => {
    write(join(home, '.ssh', 'config'), 'User one\n');
    const none = await loadSshConfigCached({ home, systemPath: null });
    const other = await loadSshConfigCached({ home, systemPath: write(join(tmp.dir, 'sys'), 'Port 9\n') });
    expect(other).not.toBe(none);
    expect(none).toHaveLength(1);
    expect(other).toHaveLength(2);
  });

  it('hands each config it read to onLoad, so its warnings are logged once per change', async () => {
    write(join(home, '.ssh', 'config'), 'Port nope\n');
    await load();
    await load();
    expect(loads.flatMap(configWarnings)).toEqual([
      `${join(home, '.ssh', 'config')}:1: port: bad port "nope" (service names are not supported).`,
    ]);
  });
});
