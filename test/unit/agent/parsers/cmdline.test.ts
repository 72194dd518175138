import { describe, expect, it } from 'vitest';
import { parseCmdline } from '../../../../agent/src/parsers/cmdline';

describe('parseCmdline', () => {
  it.each([
    {
      name: 'a plain command (captured)',
      raw: '/tmp/my (odd) prog)\x0030\x00',
      comm: 'my (odd) prog)',
      want: '/tmp/my (odd) prog) 30',
    },
    {
      name: 'an argument with spaces',
      raw: 'sh\0-c\0sleep 1; echo done\0',
      comm: 'sh',
      want: 'sh -c sleep 1; echo done',
    },
    { name: 'an empty argument in the middle', raw: 'printf\0\0x\0', comm: 'printf', want: 'printf  x' },
    {
      name: 'a rewritten title padded with NULs',
      raw: 'postgres: checkpointer \0\0\0\0\0\0',
      comm: 'postgres',
      want: 'postgres: checkpointer ',
    },
    { name: 'a title without a final NUL', raw: 'sshd: alice@pts/0', comm: 'sshd', want: 'sshd: alice@pts/0' },
    { name: 'a kernel thread (empty)', raw: '', comm: 'kworker/0:1', want: '[kworker/0:1]' },
    { name: 'only NULs', raw: '\0\0', comm: 'zombie', want: '[zombie]' },
  ])('reads $name', ({ raw, comm, want }) => expect(parseCmdline(raw, comm)).toBe(want));
});
