import { EventEmitter } from 'node:events';
import type { Client } from 'ssh2';
import { describe, expect, it } from 'vitest';
import type { AgentBundle } from '../../../../../electron/hub/deploy/agentBundle';
import { agentCommand, cachedAgentCommand } from '../../../../../electron/hub/deploy/agentUpload';
import { execFiles } from '../../../../../electron/hub/deploy/execFiles';
import { posixCommand } from '../../../../../electron/hub/deploy/posixCommand';
import { PROBE_COMMAND } from '../../../../../electron/hub/deploy/probe';

/** What a login shell (sh, bash, tcsh, fish) reads the same way: one single-quoted sh script. */
const WRAPPED = /^exec \/bin\/sh -c '[^'\\!\r\n]*'$/;

const bundle: AgentBundle = {
  bytes: Buffer.alloc(78_941),
  sha256: 'ab'.repeat(32),
  fileName: 'mosdesk-agent-abababababababab.cjs',
};

/** A client that records every exec command and ends each channel at once with status 0. */
function recordingClient(): { client: Client; commands: string[] } {
  const commands: string[] = [];
  const client = {
    exec(command: string, cb: (err: Error | undefined, channel: unknown) => void) {
      commands.push(command);
      const channel = Object.assign(new EventEmitter(), {
        stderr: new EventEmitter(),
        close: () => undefined,
        end: () => {
          setImmediate(() => {
            channel.emit('exit', 0);
            channel.emit('close');
          });
        },
      });
      cb(undefined, channel);
      return client;
    },
  } as unknown as Client;
  return { client, commands };
}

describe('posixCommand', () => {
  it('wraps a script for /bin/sh whatever the login shell', () => {
    expect(posixCommand('echo hi; uname -sm')).toBe("exec /bin/sh -c 'echo hi; uname -sm'");
  });

  it.each([
    ['a single quote', "echo 'x'"],
    ['a backslash (fish reads it in quotes)', 'printf "%s\\n" x'],
    ['a "!" (csh history)', 'for f in .[!.]*; do :; done'],
    ['a line break (csh refuses it)', 'echo a\necho b'],
    ['a carriage return', 'echo a\r'],
  ])('refuses a script with %s', (_name, script) => {
    expect(() => posixCommand(script)).toThrow(/a remote script may not contain/);
  });
});

describe('every command the hub runs on a node', () => {
  it.each([
    ['the probe', PROBE_COMMAND],
    ['the agent', agentCommand(bundle)],
    ['the cached agent', cachedAgentCommand(bundle)],
  ])('%s is one quoted sh script', (_name, command) => {
    expect(command).toMatch(WRAPPED);
  });

  it('the upload over exec sends only quoted sh scripts', async () => {
    const { client, commands } = recordingClient();
    const files = execFiles(client);
    const dir = '.cache/mosdesk/agent';
    await files.stat(`${dir}/x.cjs`);
    await files.mkdir(`${dir}/.lock`);
    await files.mkdirs(dir);
    await files.write(`${dir}/x.cjs.tmp-1`, Buffer.from('data'));
    await files.read(`${dir}/x.cjs.tmp-1`);
    await files.rename(`${dir}/x.cjs.tmp-1`, `${dir}/x.cjs`);
    await files.unlink(`${dir}/old.cjs`);
    await files.touch(`${dir}/.lock`);
    await files.rmdir(`${dir}/.lock`);
    await files.list(dir);
    expect(commands).toHaveLength(10);
    for (const command of commands) expect(command).toMatch(WRAPPED);
  });

  it.each(['/etc/passwd', '-rf', 'a/../b', "it's", 'a b', '$(reboot)'])(
    'the upload over exec refuses the path %j',
    async (path) => {
      const { client, commands } = recordingClient();
      await expect(execFiles(client).unlink(path)).rejects.toThrow(/refusing the path/);
      expect(commands).toEqual([]);
    },
  );
});
