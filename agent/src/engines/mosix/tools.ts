/**
 * The MOSIX tools on this node and how they are run: found once on the PATH (and MOSIX's own
 * /bin, /sbin), always with an argument array and a time limit, never through a shell.
 */
import { execFile } from 'node:child_process';
import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { RpcError, RpcErrorCode } from '../../protocol/errors';

/** Each tool by its MOSIX2 name, and the name MOSIX-3/4 gave it where it was renamed. */
export const TOOL_NAMES = {
  mosctl: ['mosctl'],
  setpe: ['setpe', 'mossetpe'],
  mosps: ['mosps'],
  mosq: ['mosq'],
  migrate: ['migrate', 'mosmigrate'],
  mosrun: ['mosrun'],
  moskillall: ['moskillall'],
} as const;

export type ToolName = keyof typeof TOOL_NAMES;
/** Absolute paths of the tools found; a missing tool is absent. */
export type MosixTools = Partial<Record<ToolName, string>>;

const EXTRA_DIRS = ['/bin', '/sbin', '/usr/bin', '/usr/sbin', '/usr/local/bin', '/usr/local/sbin'];

async function executable(path: string): Promise<boolean> {
  try {
    await access(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The first executable of each tool's names in `dirs` (the PATH first). */
export async function findTools(path = process.env.PATH ?? ''): Promise<MosixTools> {
  const dirs = [...new Set([...path.split(delimiter).filter((d) => d.startsWith('/')), ...EXTRA_DIRS])];
  const found: MosixTools = {};
  for (const [tool, names] of Object.entries(TOOL_NAMES) as [ToolName, readonly string[]][]) {
    search: for (const name of names)
      for (const dir of dirs)
        if (await executable(join(dir, name))) {
          found[tool] = join(dir, name);
          break search;
        }
  }
  return found;
}

export interface RunOptions {
  timeoutMs?: number;
  /** More output than this is not a tool's answer. */
  maxBytes?: number;
}

/** stdout of `path args...`; a failure is a CommandFailed naming the command and its first error line. */
export function runTool(path: string, args: readonly string[], options: RunOptions = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      path,
      args,
      {
        timeout: options.timeoutMs ?? 10_000,
        maxBuffer: options.maxBytes ?? 16 * 1024 * 1024,
        encoding: 'utf8',
        env: { ...process.env, LC_ALL: 'C' },
      },
      (err, stdout, stderr) => {
        if (!err) return resolve(stdout);
        const said = stderr.trim().split('\n')[0]?.slice(0, 300) || err.message.slice(0, 300);
        const command = [path.split('/').pop(), ...args].join(' ').slice(0, 200);
        reject(new RpcError(RpcErrorCode.CommandFailed, `${command} failed: ${said}`, { command, stderr: said }));
      },
    );
  });
}
