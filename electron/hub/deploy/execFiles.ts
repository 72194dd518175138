import type { Client } from 'ssh2';
import { posixCommand } from './posixCommand';
import { execBytes, type ExecBytesResult } from './remoteExec';
import type { Sftp } from './sftpOps';

/**
 * The same few file operations as sftpOps, over exec channels with POSIX tools, for nodes whose
 * sshd has no SFTP subsystem (some clusters turn it off). Paths are only ever the agent cache's
 * own names, checked below, so the fixed scripts never carry anything a user typed, and a path
 * needs no quoting at all.
 */
const SAFE_PATH = /^[A-Za-z0-9._][A-Za-z0-9._/-]*$/;

function checked(path: string): string {
  if (!SAFE_PATH.test(path) || path.split('/').includes('..')) throw new Error(`refusing the path "${path}"`);
  return path;
}

/** Generous: the agent bundle goes both ways through one channel, over links that may be slow. */
const TIMEOUT_MS = 60_000;
const MAX_BYTES = 64 * 1024 * 1024;

function run(client: Client, script: string, stdin?: Buffer): Promise<ExecBytesResult> {
  return execBytes(client, posixCommand(script), {
    ...(stdin && { stdin }),
    timeoutMs: TIMEOUT_MS,
    maxBytes: MAX_BYTES,
  });
}

async function must(client: Client, script: string, stdin?: Buffer): Promise<Buffer> {
  const r = await run(client, script, stdin);
  const tool = script.split(' ')[0];
  if (r.code !== 0)
    throw new Error(`${tool} failed on the node: ${r.stderr.trim().slice(0, 200) || `status ${r.code}`}`);
  if (r.truncated) throw new Error(`${tool} on the node printed more than ${MAX_BYTES} bytes`);
  return r.stdout;
}

/** Every entry but . and .., as "<mtime s> <name>" lines; a pattern that matched nothing is skipped. */
const listScript = (dir: string): string =>
  `cd ${checked(dir)} && for f in * .*; do case "$f" in .|..) continue;; esac; [ -e "$f" ] && stat -c "%Y %n" "$f"; done; true`;

export function execFiles(client: Client): Sftp {
  return {
    stat: async (path) => {
      const r = await run(client, `stat -c "%s %Y" ${checked(path)}`);
      if (r.code !== 0) return undefined;
      const [size = NaN, mtime = NaN] = r.stdout.toString('utf8').trim().split(' ').map(Number);
      return Number.isFinite(size) && Number.isFinite(mtime) ? { size, mtime } : undefined;
    },
    mkdir: async (path) => (await run(client, `mkdir -m 700 ${checked(path)}`)).code === 0,
    mkdirs: async (path) => void (await must(client, `mkdir -p -m 700 ${checked(path)}`)),
    write: async (path, data) => void (await must(client, `umask 022 && cat > ${checked(path)}`, data)),
    read: (path) => must(client, `cat ${checked(path)}`),
    rename: async (from, to) => void (await must(client, `mv -f ${checked(from)} ${checked(to)}`)),
    unlink: async (path) => void (await must(client, `rm -f ${checked(path)}`)),
    rmdir: async (path) => void (await must(client, `rmdir ${checked(path)}`)),
    touch: async (path) => void (await must(client, `touch ${checked(path)}`)),
    list: async (path) => {
      const text = (await must(client, listScript(path))).toString('utf8');
      return text
        .split('\n')
        .filter((l) => l.trim() !== '')
        .map((l) => {
          const at = l.indexOf(' ');
          return { name: l.slice(at + 1), mtimeMs: Number(l.slice(0, at)) * 1000 };
        });
    },
    end: () => undefined,
  };
}
