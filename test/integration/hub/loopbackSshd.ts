/**
 * A throwaway OpenSSH sshd on 127.0.0.1 and a free high port, with its host keys, its
 * authorized_keys and its log in a temp dir. For tests of the hub's
 * SSH link against the real server without the netns test cluster. Argument arrays only.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { hasPerSourcePenalties } from '../../cluster/sshText';
import { generateKey, type GeneratedKey, stopper, until } from '../../unit/electron/hub/ssh/openssh';

export interface LoopbackSshd {
  port: number;
  /** The host keys it serves, by type. */
  hostKeys: Partial<Record<'ed25519' | 'ecdsa' | 'rsa', GeneratedKey>>;
  /** Its log so far (sshd -E). */
  log(): string;
  stop(): Promise<void>;
}

/** A port nothing listens on right now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

const accepts = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const sock = connect(port, '127.0.0.1');
    sock.once('connect', () => {
      sock.destroy();
      resolve(true);
    });
    sock.once('error', () => resolve(false));
  });

/**
 * Starts sshd with the given host key types, logging in the current user with `clientKeys`.
 * `options`: more sshd_config lines (MaxAuthTries 3, AllowTcpForwarding no, ...).
 */
export async function startLoopbackSshd(
  dir: string,
  hostKeyTypes: ('ed25519' | 'ecdsa' | 'rsa')[],
  clientKeys: GeneratedKey[],
  options: string[] = [],
): Promise<LoopbackSshd> {
  const port = await freePort();
  const hostKeys: LoopbackSshd['hostKeys'] = {};
  for (const type of hostKeyTypes) hostKeys[type] = generateKey(dir, `host_${type}_${port}`, type);
  const authorized = join(dir, `authorized_keys_${port}`);
  writeFileSync(authorized, clientKeys.map((k) => `${k.pubLine}\n`).join(''), { mode: 0o600 });
  const version = execFileSync('/usr/sbin/sshd', ['-V'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const config = [
    `Port ${port}`,
    'ListenAddress 127.0.0.1',
    ...Object.values(hostKeys).map((k) => `HostKey ${k.path}`),
    'PidFile none',
    `AuthorizedKeysFile ${authorized}`,
    'StrictModes no',
    'PermitRootLogin prohibit-password',
    'PubkeyAuthentication yes',
    'PasswordAuthentication no',
    'KbdInteractiveAuthentication no',
    'UsePAM no',
    'UseDNS no',
    'LogLevel VERBOSE',
    ...(hasPerSourcePenalties(version) ? ['PerSourcePenalties no'] : []),
    ...options,
  ];
  const configPath = join(dir, `sshd_config_${port}`);
  writeFileSync(configPath, `${config.join('\n')}\n`);
  const logPath = join(dir, `sshd_${port}.log`);
  if (userInfo().uid === 0) mkdirSync('/run/sshd', { recursive: true });
  const child = spawn('/usr/sbin/sshd', ['-D', '-f', configPath, '-E', logPath], { stdio: 'ignore' });
  const log = (): string => (existsSync(logPath) ? readFileSync(logPath, 'utf8') : '');
  const stop = stopper(child);
  try {
    await until(`sshd on 127.0.0.1:${port}`, 10_000, async () => {
      if (child.exitCode !== null) throw new Error(`sshd exited: ${log()}`);
      return accepts(port);
    });
  } catch (err) {
    await stop();
    throw err;
  }
  return { port, hostKeys, log, stop };
}
