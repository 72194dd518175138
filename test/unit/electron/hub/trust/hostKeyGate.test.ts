import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, type Mock, vi } from 'vitest';
import type { HostKeyPrompt } from '../../../../../electron/api';
import { ConnectFailure } from '../../../../../electron/hub/ssh/connectFailure';
import type { SshHop } from '../../../../../electron/hub/ssh/sshTarget';
import { AppKnownHosts } from '../../../../../electron/hub/trust/appKnownHosts';
import { makeHostKeyGate } from '../../../../../electron/hub/trust/hostKeyGate';
import { HostKeyPrompts } from '../../../../../electron/hub/trust/hostKeyPrompts';
import { type GeneratedKey, generateKey, makeTempDir, sshKeygen } from '../ssh/openssh';
import { testHop } from '../ssh/hopFixture';

const tmp = makeTempDir('gate');
let host: GeneratedKey; // the key the host offers
let other: GeneratedKey; // another ed25519 key
let rsa: GeneratedKey;
let ecdsa: GeneratedKey;
beforeAll(() => {
  host = generateKey(tmp.dir, 'host', 'ed25519');
  other = generateKey(tmp.dir, 'other', 'ed25519');
  rsa = generateKey(tmp.dir, 'rsa', 'rsa');
  ecdsa = generateKey(tmp.dir, 'ecdsa', 'ecdsa');
});
afterAll(() => tmp.remove());

/** `type base64`, as in a known_hosts line. */
const pub = (k: GeneratedKey): string => k.pubLine.split(' ').slice(0, 2).join(' ');
/** ssh-keygen's own SHA256 fingerprint of a key. */
const fingerprintOf = (k: GeneratedKey): string =>
  sshKeygen(['-l', '-E', 'sha256', '-f', `${k.path}.pub`]).split(' ')[1] ?? '';

let n = 0;
let userFile: string;
let app: AppKnownHosts;
let asked: HostKeyPrompt[];
let prompts: HostKeyPrompts;
let callbacks: { onAccepted: Mock<() => void>; onRefused: Mock<(message: string) => void> };
beforeEach(() => {
  n++;
  userFile = join(tmp.dir, `known_hosts.${n}`);
  app = new AppKnownHosts(join(tmp.dir, `app_known_hosts.${n}`));
  asked = [];
  // As the hub wires it: an accepted key lands in the app's own file.
  prompts = new HostKeyPrompts({ prompt: (p) => void asked.push(p), resolved: () => undefined }, (p, key) =>
    app.add(p.host, p.port, p.keyType, key),
  );
  callbacks = { onAccepted: vi.fn<() => void>(), onRefused: vi.fn<(message: string) => void>() };
});

function hop(extra: Partial<SshHop> = {}): SshHop {
  return testHop({ knownHostsFiles: [join(tmp.dir, 'no-such-file'), userFile], ...extra });
}

const gate = () => makeHostKeyGate({ clusterId: 'c1', nodeId: 'n1', appKnownHosts: app, prompts, ...callbacks });

/** What the gate decided: undefined to go on, or the ConnectFailure it threw. */
async function decide(h: SshHop, key: GeneratedKey = host): Promise<ConnectFailure | undefined> {
  const err: unknown = await gate()(h, key.blob).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (err !== undefined && !(err instanceof ConnectFailure)) throw err;
  return err;
}

describe('makeHostKeyGate with a key on record', () => {
  it.each([
    { name: 'in the user file', file: () => userFile, line: () => `node1 ${pub(host)}`, h: {} },
    { name: 'in the app file', file: () => app.path, line: () => `node1 ${pub(host)}`, h: {} },
    { name: 'on another port', file: () => userFile, line: () => `[node1]:2222 ${pub(host)}`, h: { port: 2222 } },
    { name: 'for the bare host, port 2222', file: () => userFile, line: () => `node1 ${pub(host)}`, h: { port: 2222 } },
    {
      name: 'for the HostName, not the alias',
      file: () => userFile,
      line: () => `10.0.0.5 ${pub(host)}`,
      h: { alias: 'node1', hostName: '10.0.0.5' },
    },
  ])('lets the connection go on: $name', async ({ file, line, h }) => {
    writeFileSync(file(), `${line()}\n`);
    expect(await decide(hop(h))).toBeUndefined();
    expect(asked).toEqual([]);
    expect(callbacks.onAccepted).not.toHaveBeenCalled();
  });
});

describe('makeHostKeyGate refusing', () => {
  it.each([
    { port: 22, name: 'node1', record: (k: string) => `node1 ${k}` },
    { port: 2222, name: '[node1]:2222', record: (k: string) => `[node1]:2222 ${k}` },
  ])('refuses a changed key on port $port with the OpenSSH warning', async ({ port, name, record }) => {
    writeFileSync(userFile, `# mine\n\n${record(pub(other))}\n`);
    const failure = await decide(hop({ port }));
    expect(failure).toBeInstanceOf(ConnectFailure);
    expect(failure).toMatchObject({ state: 'hostkey-changed', retry: 'manual' });
    const message = failure?.message ?? '';
    expect(message).toContain(`WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED for ${name}!`);
    expect(message).toContain(`It sent a ssh-ed25519 key with fingerprint ${fingerprintOf(host)}`);
    expect(message).toContain(`${userFile}:3 holds another key for it`);
    expect(message).toContain('man-in-the-middle');
    expect(message).toContain(`ssh-keygen -R ${name} -f ${userFile}`);
    expect(failure?.changedKey).toEqual({ host: 'node1', port, file: userFile, appStore: false });
    expect(asked).toEqual([]);
  });

  it("says when the old key is in mosdesk's own file, which the user may have it forget", async () => {
    writeFileSync(app.path, `node1 ${pub(other)}\n`);
    const failure = await decide(hop());
    expect(failure?.changedKey).toEqual({ host: 'node1', port: 22, file: app.path, appStore: true });
  });

  it('refuses when the key on record is of another type', async () => {
    writeFileSync(userFile, `node1 ${pub(rsa)}\n`);
    expect(await decide(hop())).toMatchObject({ state: 'hostkey-changed', retry: 'manual' });
    expect(asked).toEqual([]);
  });

  it('refuses a changed key even with StrictHostKeyChecking accept-new, and saves nothing', async () => {
    writeFileSync(userFile, `node1 ${pub(other)}\n`);
    expect(await decide(hop({ acceptNewKeys: true }))).toMatchObject({ state: 'hostkey-changed' });
    expect(await app.text()).toBe('');
  });

  it('refuses a key marked @revoked, even if it is also on record', async () => {
    writeFileSync(userFile, `node1 ${pub(host)}\n@revoked * ${pub(host)}\n`);
    const failure = await decide(hop());
    expect(failure).toMatchObject({ state: 'hostkey-changed', retry: 'manual' });
    expect(failure?.message).toBe(
      `The ssh-ed25519 key ${fingerprintOf(host)} of node1 is marked @revoked in ${userFile}:2; the connection was refused.`,
    );
    // A revoked key is not "changed": nothing to forget.
    expect(failure?.changedKey).toBeUndefined();
    expect(asked).toEqual([]);
  });
});

describe('makeHostKeyGate with an unknown key', () => {
  it('asks the user and ends the attempt with hostkey-unknown', async () => {
    writeFileSync(userFile, `node2 ${pub(host)}\n`);
    const failure = await decide(hop({ port: 2222 }));
    expect(failure).toMatchObject({ state: 'hostkey-unknown', retry: 'manual' });
    expect(failure?.message).toBe(
      `The authenticity of [node1]:2222 can't be established: its ssh-ed25519 key fingerprint is ${fingerprintOf(host)}. Accept or refuse it to go on.`,
    );
    expect(asked).toEqual([
      {
        promptId: expect.any(String),
        clusterId: 'c1',
        nodeId: 'n1',
        host: 'node1',
        port: 2222,
        keyType: 'ssh-ed25519',
        fingerprint: fingerprintOf(host),
      },
    ]);
    expect(await app.text()).toBe('');
  });

  it('asks about the HostName it connects to', async () => {
    await decide(hop({ alias: 'n1', hostName: '10.0.0.5' }));
    expect(asked.map((p) => p.host)).toEqual(['10.0.0.5']);
  });

  it('once accepted, saves the key in the app file, calls onAccepted, and lets the next attempt through', async () => {
    await decide(hop({ port: 2222 }));
    await prompts.answer(asked[0]?.promptId ?? '', true);
    expect(callbacks.onAccepted).toHaveBeenCalledTimes(1);
    expect(callbacks.onRefused).not.toHaveBeenCalled();
    expect(readFileSync(app.path, 'utf8')).toBe(`[node1]:2222 ${pub(host)}\n`);
    expect(await decide(hop({ port: 2222 }))).toBeUndefined();
    expect(asked).toHaveLength(1);
  });

  it('once refused, saves nothing and calls onRefused with a sentence', async () => {
    await decide(hop());
    await prompts.answer(asked[0]?.promptId ?? '', false);
    expect(callbacks.onAccepted).not.toHaveBeenCalled();
    expect(callbacks.onRefused).toHaveBeenCalledWith(
      `You refused the ssh-ed25519 key ${fingerprintOf(host)} of node1; retry to be asked again.`,
    );
    expect(await app.text()).toBe('');
    expect(await decide(hop())).toMatchObject({ state: 'hostkey-unknown' });
  });

  it.each([22, 2222])('with accept-new saves the key unasked (port %i)', async (port) => {
    expect(await decide(hop({ port, acceptNewKeys: true }))).toBeUndefined();
    expect(asked).toEqual([]);
    const name = port === 22 ? 'node1' : `[node1]:${port}`;
    expect(readFileSync(app.path, 'utf8')).toBe(`${name} ${pub(host)}\n`);
    expect(readFileSync(userFile, { encoding: 'utf8', flag: 'a+' })).toBe(''); // the user's file is not touched
    expect(await decide(hop({ port }))).toBeUndefined();
  });
});

describe('makeHostKeyGate with StrictHostKeyChecking yes', () => {
  it("refuses an unknown key with OpenSSH's words and how to add it, asking and saving nothing", async () => {
    const failure = await decide(hop({ port: 2222, refuseUnknownKeys: true }));
    expect(failure).toMatchObject({ state: 'error', retry: 'manual' });
    expect(failure?.message).toBe(
      `Host key verification failed: [node1]:2222 is in no known_hosts file, and ~/.ssh/config sets StrictHostKeyChecking yes for it, so its ssh-ed25519 key ${fingerprintOf(host)} was not accepted. ` +
        `Check that fingerprint with the host's administrator, add the key to ${join(tmp.dir, 'no-such-file')} (ssh-keyscan -p 2222 node1 prints the line) and retry.`,
    );
    expect(asked).toEqual([]);
    expect(await app.text()).toBe('');
  });

  it('lets a known key through', async () => {
    writeFileSync(userFile, `node1 ${pub(host)}\n`);
    expect(await decide(hop({ refuseUnknownKeys: true }))).toBeUndefined();
  });
});

describe('makeHostKeyGate reading known_hosts', () => {
  it('tells of skipped lines through warn, once while the file is unchanged', async () => {
    writeFileSync(userFile, `garbage\nnode1 ${pub(host)}\n`);
    const warn = vi.fn<(m: string) => void>();
    const g = makeHostKeyGate({ clusterId: 'c1', nodeId: 'n1', appKnownHosts: app, prompts, ...callbacks, warn });
    await g(hop(), host.blob);
    await g(hop(), host.blob);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]?.[0]).toMatch(new RegExp(`^${userFile}:1: `));
  });

  it('asks for the host key types on record in the user files and the app store first', async () => {
    writeFileSync(userFile, `[node1]:2222 ${pub(rsa)}\n`);
    await app.add('node1', 22, ecdsa.type, ecdsa.blob);
    const algorithms = gate().hostKeyAlgorithms;
    expect(algorithms).toBeDefined();
    expect((await algorithms?.(hop()))?.[0]).toBe('ecdsa-sha2-nistp256');
    expect((await algorithms?.(hop({ port: 2222 })))?.slice(0, 3)).toEqual(['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa']);
    expect((await algorithms?.(hop({ hostName: 'node2' })))?.[0]).toBe('ssh-ed25519');
  });
});
