/**
 * ConnectTimeout as OpenSSH has it: it bounds reaching a host (through its jump hosts) and the
 * key exchange, not the login after it. Servers here are ssh2's own, on 127.0.0.1, so each can
 * be made slow or silent at one chosen step.
 */
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, connect, type Socket } from 'node:net';
import { Server as Ssh2Server, type Connection } from 'ssh2';
import { afterAll, describe, expect, it } from 'vitest';
import { ConnectFailure } from '../../../electron/hub/ssh/connectFailure';
import { openSshLink, type SshLinkOptions } from '../../../electron/hub/ssh/sshLink';
import type { SshHop } from '../../../electron/hub/ssh/sshTarget';
import { generateKey, makeTempDir } from '../../unit/electron/hub/ssh/openssh';
import { freePort } from './loopbackSshd';

const OPTS: SshLinkOptions = { readyTimeoutMs: 5000, keepaliveMs: 1000 };
const tmp = makeTempDir('timeouts');
const clientKey = generateKey(tmp.dir, 'client', 'ed25519');
const hostKey = generateKey(tmp.dir, 'host', 'ed25519');
afterAll(() => tmp.remove());

function hop(port: number, extra: Partial<SshHop> = {}): SshHop {
  return {
    alias: `loop${port}`,
    hostName: '127.0.0.1',
    port,
    user: 'tester',
    identityFiles: [clientKey.path],
    knownHostsFiles: [],
    acceptNewKeys: false,
    ...extra,
  };
}

/** What the open ended in ('open', or the ConnectFailure) and how long it took. */
async function attempt(hops: SshHop[]): Promise<{ result: 'open' | ConnectFailure; ms: number }> {
  const started = Date.now();
  try {
    const link = await openSshLink({ jumps: hops.slice(0, -1), node: hops.at(-1) as SshHop }, async () => {}, OPTS);
    link.close();
    return { result: 'open', ms: Date.now() - started };
  } catch (err) {
    if (err instanceof ConnectFailure) return { result: err, ms: Date.now() - started };
    throw err;
  }
}

/** An ssh2 server that lets anyone in after `loginMs`; `onConnection` may add more behaviour. */
async function ssh2Server(
  loginMs: number,
  onConnection: (c: Connection) => void = () => {},
): Promise<{
  port: number;
  close(): Promise<void>;
}> {
  const server = new Ssh2Server({ hostKeys: [readFileSync(hostKey.path)] }, (conn) => {
    conn.on('error', () => undefined);
    conn.on('authentication', (ctx) => {
      if (ctx.method === 'none') return ctx.reject(['publickey']);
      setTimeout(() => ctx.accept(), loginMs);
    });
    onConnection(conn);
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { port, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe('ConnectTimeout', () => {
  it("gives up on a hop that never starts SSH after its ConnectTimeout, not the hub's longer one", async () => {
    const held: Socket[] = [];
    const silent = createServer((s) => void held.push(s)); // accepts, never says a word
    const port = await freePort();
    await new Promise<void>((resolve) => silent.listen(port, '127.0.0.1', resolve));
    const { result, ms } = await attempt([hop(port, { connectTimeoutMs: 400 })]);
    held.forEach((s) => s.destroy());
    await new Promise((resolve) => silent.close(resolve));
    expect(result).toMatchObject({ state: 'dead' });
    expect((result as ConnectFailure).message).toContain('no SSH key exchange within 0.4 s (ConnectTimeout)');
    expect(ms).toBeLessThan(OPTS.readyTimeoutMs / 2);
  });

  it('lets a slow login finish after the key exchange, as ssh does', async () => {
    // The login takes 1.2 s (a PAM or LDAP lookup) against a 0.4 s ConnectTimeout.
    const slow = await ssh2Server(1200);
    try {
      const { result, ms } = await attempt([hop(slow.port, { connectTimeoutMs: 400 })]);
      expect(result).toBe('open');
      expect(ms).toBeGreaterThan(1200);
    } finally {
      await slow.close();
    }
  });

  it('bounds reaching a node through a jump host that never gets through', async () => {
    // The jump host lets us in at once but never answers the request to forward.
    const jump = await ssh2Server(0, (conn) => conn.on('tcpip', () => undefined));
    try {
      const { result, ms } = await attempt([hop(jump.port), hop(22, { alias: 'node', connectTimeoutMs: 400 })]);
      expect(result).toMatchObject({ state: 'dead' });
      expect((result as ConnectFailure).message).toContain('the jump host could not reach it within 0.4 s');
      expect(ms).toBeLessThan(OPTS.readyTimeoutMs / 2);
    } finally {
      await jump.close();
    }
  });

  it('drops a connect still waiting for the SYN-ACK when the time is up', async () => {
    // A listener that never accepts, with its queue filled: the kernel drops further SYNs, so
    // the next connect waits in SYN-SENT, as to a powered-off node.
    const port = await freePort();
    const listener = spawn(
      'perl',
      [
        '-MSocket',
        '-e',
        'socket(S, PF_INET, SOCK_STREAM, 0) or die; setsockopt(S, SOL_SOCKET, SO_REUSEADDR, 1);' +
          'bind(S, pack_sockaddr_in($ARGV[0], inet_aton("127.0.0.1"))) or die "bind: $!"; listen(S, 0) or die;' +
          '$| = 1; print "ready\\n"; sleep 600',
        String(port),
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const fillers: Socket[] = [];
    try {
      await new Promise((resolve, reject) => {
        listener.stdout.once('data', resolve);
        listener.once('exit', (code) => reject(new Error(`the perl listener exited (${code})`)));
      });
      const synSent = (): string =>
        execFileSync('ss', ['-Htn', 'state', 'syn-sent', 'dst', `127.0.0.1:${port}`], { encoding: 'utf8' }).trim();
      // Fill the accept queue until a connect stays in SYN-SENT.
      for (let i = 0; i < 4 && synSent() === ''; i++) {
        fillers.push(connect(port, '127.0.0.1').on('error', () => undefined));
        await new Promise((r) => setTimeout(r, 200));
      }
      const waiting = synSent().split('\n').filter(Boolean).length;
      expect(waiting).toBeGreaterThan(0);

      const { result } = await attempt([hop(port, { connectTimeoutMs: 400 })]);
      expect(result).toMatchObject({ state: 'dead' });
      // Only the filler's own SYN is left; ours is gone with the attempt.
      expect(synSent().split('\n').filter(Boolean).length).toBe(waiting);
    } finally {
      fillers.forEach((s) => s.destroy());
      listener.kill('SIGKILL');
    }
  });
});
