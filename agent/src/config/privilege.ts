/**
 * Who may write /etc/mosix: a root agent directly; an agent whose user may `sudo -n` runs each
 * operation as `sudo -n -- <node> <this bundle> --config-op` (argument arrays, no shell), the op
 * as JSON on stdin and the result as JSON on stdout; anyone else is told so before anything is touched.
 */
import { spawn } from 'node:child_process';
import { hostname } from 'node:os';
import { resolve } from 'node:path';
import type { ConfigWriteAccess } from '../protocol/configTypes';
import { RpcError, RpcErrorCode } from '../protocol/errors';
import type { AgentUser } from '../protocol/types';
import { type ConfigOp, executeOp } from './op';
import { CONFIG_DIR } from './paths';
import { parseOpReply } from './opReply';

const SUDO_CHECK_MS = 5000;
/** A stage looks names up (5 s each, side by side) and fsyncs a few files; a minute is far more than that. */
const SUDO_OP_MS = 60_000;

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
  error?: NodeJS.ErrnoException;
}

function runArgv(argv: [string, ...string[]], input: string | undefined, timeoutMs: number): Promise<Ran> {
  return new Promise((done) => {
    const child = spawn(argv[0], argv.slice(1), { stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let error: NodeJS.ErrnoException | undefined;
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.stdin.on('error', () => undefined); // sudo may exit before reading
    child.stdin.end(input ?? '');
    child.on('error', (e) => (error = e));
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), error });
    });
  });
}

function noAccess(user: AgentUser, why: string): ConfigWriteAccess {
  return {
    ok: false,
    reason:
      `The agent on ${hostname()} runs as ${user.name} (uid ${user.uid}), and changing ${CONFIG_DIR} needs root: ${why}. ` +
      `Connect to this node as root, or let ${user.name} run sudo without a password (a NOPASSWD sudoers rule), then read the configuration again.`,
  };
}

export async function writeAccess(user: AgentUser): Promise<ConfigWriteAccess> {
  if (process.getuid?.() === 0) return { ok: true, via: 'root' };
  const r = await runArgv(['sudo', '-n', 'true'], undefined, SUDO_CHECK_MS);
  if (r.code === 0) return { ok: true, via: 'sudo' };
  if (r.error?.code === 'ENOENT') return noAccess(user, 'sudo is not installed here');
  return noAccess(user, `sudo -n refuses (${r.stderr.trim().split('\n').pop()?.slice(0, 160) || `status ${r.code}`})`);
}

/** Runs `op` as root, in this process or through sudo; `access` must be ok (writeAccess said so). */
export async function runOp(op: ConfigOp, access: ConfigWriteAccess): Promise<unknown> {
  if (!access.ok) throw new RpcError(RpcErrorCode.PermissionDenied, access.reason);
  if (access.via === 'root') return executeOp(op);
  // The bundle this agent runs from (`node <bundle> serve --stdio`), run again by the same node.
  const argv: [string, ...string[]] = [
    'sudo',
    '-n',
    '--',
    process.execPath,
    resolve(process.argv[1] ?? ''),
    '--config-op',
  ];
  const r = await runArgv(argv, JSON.stringify(op), SUDO_OP_MS);
  return parseOpReply(r.stdout, () =>
    r.error
      ? `could not run sudo on ${hostname()} (${r.error.code ?? r.error.message})`
      : `sudo -n on ${hostname()} gave no answer (status ${r.code}): ${r.stderr.trim().slice(0, 300)}`,
  );
}
