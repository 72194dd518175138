/**
 * The hub's SSH link against a real OpenSSH sshd on 127.0.0.1 (a throwaway one per test file,
 * no network namespaces): which host key it asks for, what it offers from an ssh-agent, and
 * how it fails when a jump host goes away or refuses to forward.
 */
import { writeFileSync } from 'node:fs';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConnectFailure } from '../../../electron/hub/ssh/connectFailure';
import { keyTypeOfBlob } from '../../../electron/hub/ssh/fingerprint';
import { SSH2_DEFAULT_HOST_KEY_ALGORITHMS } from '../../../electron/hub/ssh/hostKeyAlgorithms';
import { type HostKeyGate, openSshLink, type SshLinkOptions } from '../../../electron/hub/ssh/sshLink';
import type { SshHop } from '../../../electron/hub/ssh/sshTarget';
import { AppKnownHosts } from '../../../electron/hub/trust/appKnownHosts';
import { makeHostKeyGate } from '../../../electron/hub/trust/hostKeyGate';
import { HostKeyPrompts } from '../../../electron/hub/trust/hostKeyPrompts';
import { type GeneratedKey, generateKey, makeTempDir, startSshAgent } from '../../unit/electron/hub/ssh/openssh';
import { freePort, type LoopbackSshd, startLoopbackSshd } from './loopbackSshd';

const OPTS: SshLinkOptions = { readyTimeoutMs: 5000, keepaliveMs: 1000 };
const me = userInfo().username;
const tmp = makeTempDir('link');
let client: GeneratedKey;
let sshd: LoopbackSshd;
beforeAll(async () => {
  client = generateKey(tmp.dir, 'client', 'ed25519');
  // ed25519 first in ssh2's list: the key a host recorded only by another type must not be asked for.
  sshd = await startLoopbackSshd(tmp.dir, ['ed25519', 'ecdsa', 'rsa'], [client], ['AllowTcpForwarding yes']);
}, 30_000);
afterAll(async () => {
  await sshd?.stop();
  tmp.remove();
});

function hop(extra: Partial<SshHop> = {}): SshHop {
  return {
    alias: 'loop',
    hostName: '127.0.0.1',
    port: sshd.port,
    user: me,
    identityFiles: [client.path],
    knownHostsFiles: [],
    acceptNewKeys: false,
    ...extra,
  };
}

/** What the open ended in: 'open', or the ConnectFailure. */
async function attempt(hops: SshHop[], gate: HostKeyGate): Promise<'open' | ConnectFailure> {
  try {
    const link = await openSshLink({ jumps: hops.slice(0, -1), node: hops.at(-1) as SshHop }, gate, OPTS);
    link.close();
    return 'open';
  } catch (err) {
    if (err instanceof ConnectFailure) return err;
    throw err;
  }
}

let n = 0;
/** The hub's gate over a fresh app store, recording the key types it was shown. */
function hubGate(): { gate: HostKeyGate; shown: string[]; app: AppKnownHosts } {
  const app = new AppKnownHosts(join(tmp.dir, `app_known_hosts.${++n}`));
  const prompts = new HostKeyPrompts({ prompt: () => undefined, resolved: () => undefined }, async () => undefined);
  const real = makeHostKeyGate({
    clusterId: 'c1',
    nodeId: 'n1',
    appKnownHosts: app,
    prompts,
    onAccepted: () => undefined,
    onRefused: () => undefined,
  });
  const shown: string[] = [];
  const gate = Object.assign((h: SshHop, key: Buffer) => (shown.push(keyTypeOfBlob(key) ?? '?'), real(h, key)), {
    hostKeyAlgorithms: real.hostKeyAlgorithms,
  });
  return { gate, shown, app };
}

/** A user known_hosts file holding only the server's key of this type. */
function knownOnly(type: 'ecdsa' | 'rsa' | 'ed25519'): string {
  const file = join(tmp.dir, `known_hosts.${type}`);
  const key = sshd.hostKeys[type] as GeneratedKey;
  writeFileSync(file, `[127.0.0.1]:${sshd.port} ${key.pubLine.split(' ').slice(0, 2).join(' ')}\n`);
  return file;
}

describe('host key algorithms from known_hosts', () => {
  it.each([
    { type: 'ecdsa' as const, want: 'ecdsa-sha2-nistp256' },
    { type: 'rsa' as const, want: 'ssh-rsa' },
    { type: 'ed25519' as const, want: 'ssh-ed25519' },
  ])('connects to a host recorded only by its $type key, and is shown that key', async ({ type, want }) => {
    const { gate, shown } = hubGate();
    expect(await attempt([hop({ knownHostsFiles: [knownOnly(type)] })], gate)).toBe('open');
    expect(shown).toEqual([want]);
  });

  it('would see the ed25519 key, "changed", with ssh2 default order (the case exists on this server)', async () => {
    const { gate } = hubGate();
    const defaults = Object.assign((h: SshHop, k: Buffer) => gate(h, k), {
      hostKeyAlgorithms: async () => [...SSH2_DEFAULT_HOST_KEY_ALGORITHMS],
    });
    const result = await attempt([hop({ knownHostsFiles: [knownOnly('ecdsa')] })], defaults);
    expect(result).toMatchObject({ state: 'hostkey-changed', retry: 'manual' });
  });

  it("asks for the types on record in the hop's files when the gate does not say", async () => {
    const { gate } = hubGate();
    const shown: string[] = [];
    const plain: HostKeyGate = (h, key) => (shown.push(keyTypeOfBlob(key) ?? '?'), gate(h, key));
    expect(await attempt([hop({ knownHostsFiles: [knownOnly('ecdsa')] })], plain)).toBe('open');
    expect(shown).toEqual(['ecdsa-sha2-nistp256']);
  });

  it('takes the key types on record in the app store too', async () => {
    const { gate, app, shown } = hubGate();
    const key = sshd.hostKeys.ecdsa as GeneratedKey;
    await app.add('127.0.0.1', sshd.port, key.type, key.blob);
    expect(await attempt([hop()], gate)).toBe('open');
    expect(shown).toEqual(['ecdsa-sha2-nistp256']);
  });
});

describe('the ssh-agent', () => {
  let strict: LoopbackSshd;
  let agent: { socket: string; stop(): Promise<void> };
  let right: GeneratedKey;
  beforeAll(async () => {
    right = generateKey(tmp.dir, 'right', 'ed25519');
    const wrong = [1, 2, 3, 4].map((i) => generateKey(tmp.dir, `wrong${i}`, 'ed25519'));
    strict = await startLoopbackSshd(tmp.dir, ['ed25519'], [right], ['MaxAuthTries 3']);
    agent = await startSshAgent(tmp.dir, [...wrong, right]);
  }, 30_000);
  afterAll(async () => {
    await agent?.stop();
    await strict?.stop();
  });

  const agentHop = (extra: Partial<SshHop>): SshHop =>
    hop({ port: strict.port, agentSocket: agent.socket, identityFiles: [right.path], ...extra });
  const accept: HostKeyGate = async () => undefined;

  it("offering every key, is cut off by sshd's MaxAuthTries: a refused login, not a retry", async () => {
    const result = await attempt([agentHop({})], accept);
    expect(result).toBeInstanceOf(ConnectFailure);
    expect(result).toMatchObject({ state: 'auth-failed', retry: 'manual' });
    expect((result as ConnectFailure).message).toContain('Too many authentication failures');
  });

  it('offers only the identity files with IdentitiesOnly, and gets in', async () => {
    expect(await attempt([agentHop({ identitiesOnly: true })], accept)).toBe('open');
  });

  it('finds the key in the agent from the .pub beside a private key that is not there', async () => {
    const pubOnly = join(tmp.dir, 'pub-only');
    writeFileSync(`${pubOnly}.pub`, `${right.pubLine}\n`);
    expect(await attempt([agentHop({ identitiesOnly: true, identityFiles: [pubOnly] })], accept)).toBe('open');
  });

  it('goes on without an ssh-agent that is not there, as ssh does', async () => {
    const gone = agentHop({ agentSocket: join(tmp.dir, 'no-agent'), identitiesOnly: true });
    expect(await attempt([gone], accept)).toBe('open');
  });
});

/** A TCP relay to sshd whose client side the test can reset, as a dying jump host would. */
async function relay(port: number): Promise<{ port: number; reset(): void; close(): Promise<void> }> {
  const sockets: Socket[] = [];
  const server: Server = createServer((inbound) => {
    const outbound = connect(port, '127.0.0.1');
    sockets.push(inbound);
    inbound.pipe(outbound).pipe(inbound);
    inbound.on('error', () => outbound.destroy());
    outbound.on('error', () => inbound.destroy());
  });
  const listenPort = await freePort();
  await new Promise<void>((resolve) => server.listen(listenPort, '127.0.0.1', resolve));
  return {
    port: listenPort,
    reset: () => sockets.forEach((s) => s.resetAndDestroy()),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe('jump hosts', () => {
  it('fails the link, without an uncaught error, when the jump host dies while the node opens', async () => {
    const jumpRelay = await relay(sshd.port);
    const jump = hop({ alias: 'jump', port: jumpRelay.port });
    const gate: HostKeyGate = async (h) => {
      if (h.alias !== 'loop') return;
      jumpRelay.reset();
      await new Promise((r) => setTimeout(r, 200));
    };
    const result = await attempt([jump, hop()], gate);
    await jumpRelay.close();
    expect(result).toBeInstanceOf(ConnectFailure);
    expect(result).toMatchObject({ state: 'dead' });
    expect((result as ConnectFailure).message).toMatch(
      new RegExp(`^While connecting, the SSH connection to ${me}@127\\.0\\.0\\.1:${jumpRelay.port} (failed|closed)`),
    );
  });

  it('reaches the node through a jump host', async () => {
    expect(await attempt([hop({ alias: 'jump' }), hop()], async () => undefined)).toBe('open');
  });

  it('says so, for the user to fix, when the jump host forbids forwarding', async () => {
    const closed = await startLoopbackSshd(tmp.dir, ['ed25519'], [client], ['AllowTcpForwarding no']);
    try {
      const result = await attempt([hop({ alias: 'jump', port: closed.port }), hop()], async () => undefined);
      expect(result).toMatchObject({ state: 'error', retry: 'manual' });
      expect((result as ConnectFailure).message).toContain('refused to forward');
    } finally {
      await closed.stop();
    }
  });
});
