/**
 * The real OpenSSH client tools (Debian's openssh-client) as test oracles: ssh-keygen makes
 * keys, fingerprints and hashed known_hosts; `ssh -G` prints the options a host resolves to;
 * ssh-agent holds keys. Always argument arrays, never a shell; nothing here opens a network
 * connection.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function makeTempDir(prefix: string): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), `mosdesk-${prefix}-`));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Runs ssh-keygen and returns its stdout. */
export function sshKeygen(args: string[]): string {
  return execFileSync('ssh-keygen', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

export interface GeneratedKey {
  /** The private key file. */
  path: string;
  /** The `.pub` line as ssh-keygen wrote it. */
  pubLine: string;
  type: string;
  blob: Buffer;
}

/** A fresh key pair made by ssh-keygen (no passphrase). */
export function generateKey(dir: string, name: string, type: 'ed25519' | 'rsa' | 'ecdsa'): GeneratedKey {
  const path = join(dir, name);
  sshKeygen(['-q', '-t', type, ...(type === 'rsa' ? ['-b', '2048'] : []), '-N', '', '-C', `${name}@test`, '-f', path]);
  const pubLine = readFileSync(`${path}.pub`, 'utf8').trim();
  const [keyType = '', data = ''] = pubLine.split(' ');
  return { path, pubLine, type: keyType, blob: Buffer.from(data, 'base64') };
}

/** `ssh -G -F file alias`: each keyword (lowercase) and the values it printed, in order. */
export function sshG(configFile: string, alias: string): Map<string, string[]> {
  const out = execFileSync('ssh', ['-G', '-F', configFile, alias], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const options = new Map<string, string[]>();
  for (const line of out.split('\n')) {
    const space = line.indexOf(' ');
    if (space <= 0) continue;
    const key = line.slice(0, space);
    options.set(key, [...(options.get(key) ?? []), line.slice(space + 1)]);
  }
  return options;
}

/** The line numbers `ssh-keygen -F name -f file` reports as matching `name`. */
export function keygenFind(file: string, name: string): number[] {
  let out: string;
  try {
    out = sshKeygen(['-F', name, '-f', file]);
  } catch (err) {
    // ssh-keygen -F exits 1 when nothing matches.
    if ((err as { status?: number }).status === 1) return [];
    throw err;
  }
  return [...out.matchAll(/^# Host .* found: line (\d+)/gm)].map((m) => Number(m[1]));
}

/** Polls `ok` every 50 ms until it is true; throws after `ms`. */
export async function until(what: string, ms: number, ok: () => Promise<boolean> | boolean): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await ok()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`Timed out waiting for ${what}`);
}

/** Stops a child this test started (by its own handle) and waits until it is gone. */
export function stopper(child: ChildProcess): () => Promise<void> {
  return async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    await gone;
  };
}

/** An ssh-agent on a socket in `dir`, holding `keys` in that order. */
export async function startSshAgent(
  dir: string,
  keys: GeneratedKey[],
): Promise<{ socket: string; stop(): Promise<void> }> {
  const socket = join(dir, `agent.${process.pid}.${Date.now()}`);
  const child = spawn('ssh-agent', ['-D', '-a', socket], { stdio: 'ignore' });
  const stop = stopper(child);
  await until('ssh-agent', 10_000, () => existsSync(socket));
  for (const key of keys) {
    execFileSync('ssh-add', ['-q', key.path], { env: { ...process.env, SSH_AUTH_SOCK: socket }, stdio: 'ignore' });
  }
  return { socket, stop };
}
