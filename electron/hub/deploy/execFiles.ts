import type { Client } from 'ssh2';
import type { Sftp } from './sftpOps';

/**
 * The same few file operations as sftpOps, over exec channels with POSIX tools, for nodes whose
 * sshd has no SFTP subsystem (some clusters turn it off). Paths are only ever the agent cache's
 * own names, checked below, so the fixed commands never carry anything a user typed.
 */
const SAFE_PATH = /^[A-Za-z0-9._/-]+$/;

function quoted(path: string): string {
  if (!SAFE_PATH.test(path) || path.split('/').includes('..')) throw new Error(`refusing the path "${path}"`);
  return `'${path}'`;
}

interface Run {
  code: number | null;
  stdout: Buffer;
  stderr: string;
}

function run(client: Client, command: string, input?: Buffer): Promise<Run> {
  return new Promise((resolve, reject) => {
    client.exec(command, (err, channel) => {
      if (err) return reject(err);
      const out: Buffer[] = [];
      let stderr = '';
      let code: number | null = null;
      channel.on('data', (d: Buffer) => out.push(d));
      channel.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
      channel.on('exit', (status: number | null) => (code = typeof status === 'number' ? status : null));
      channel.on('close', () => resolve({ code, stdout: Buffer.concat(out), stderr }));
      channel.end(input);
    });
  });
}

async function must(client: Client, command: string, input?: Buffer): Promise<Buffer> {
  const r = await run(client, command, input);
  if (r.code !== 0)
    throw new Error(
      `${command.split(' ')[0]} failed on the node: ${r.stderr.trim().slice(0, 200) || `status ${r.code}`}`,
    );
  return r.stdout;
}

export function execFiles(client: Client): Sftp {
  return {
    stat: async (path) => {
      const r = await run(client, `stat -c '%s %Y' ${quoted(path)}`);
      if (r.code !== 0) return undefined;
      const [size = NaN, mtime = NaN] = r.stdout.toString('utf8').trim().split(' ').map(Number);
      return Number.isFinite(size) && Number.isFinite(mtime) ? { size, mtime } : undefined;
    },
    mkdir: async (path) => (await run(client, `mkdir -m 700 ${quoted(path)}`)).code === 0,
    mkdirs: async (path) => void (await must(client, `mkdir -p -m 700 ${quoted(path)}`)),
    write: async (path, data) => void (await must(client, `umask 022 && cat > ${quoted(path)}`, data)),
    read: (path) => must(client, `cat ${quoted(path)}`),
    rename: async (from, to) => void (await must(client, `mv -f ${quoted(from)} ${quoted(to)}`)),
    unlink: async (path) => void (await must(client, `rm -f ${quoted(path)}`)),
    rmdir: async (path) => void (await must(client, `rmdir ${quoted(path)}`)),
    list: async (path) => {
      const text = (
        await must(
          client,
          `cd ${quoted(path)} && for f in * .[!.]*; do [ -e "$f" ] && stat -c '%Y %n' "$f"; done; true`,
        )
      ).toString('utf8');
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
