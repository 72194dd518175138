/**
 * Uploading the agent to a real node (the netns test cluster): over SFTP and, for nodes whose
 * sshd has no SFTP subsystem, over exec; the lock, the hash check and what is kept. And nodes
 * whose login shell is not sh (sshd runs every command through it): tcsh, and a shell that
 * runs nothing but the hub's `exec /bin/sh -c '...'` form.
 */
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Client } from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAgentBundle, type AgentBundle } from '../../../electron/hub/deploy/agentBundle';
import { AGENT_DIR, ensureAgentUploaded } from '../../../electron/hub/deploy/agentUpload';
import { silentLog } from '../../../electron/hub/log';
import { connectOverSsh } from '../../../electron/hub/nodes/sshConnector';
import { openSshLink, type SshLink } from '../../../electron/hub/ssh/sshLink';
import type { SshTarget } from '../../../electron/hub/ssh/sshTarget';
import { startTestCluster, type TestCluster } from '../../cluster/testCluster';
import { AGENT_BUNDLE, requireBuilt } from '../../support/dist';

let cluster: TestCluster;
let link: SshLink;
let bundle: AgentBundle;

/** npm test installs tcsh (test/setup/debianPackages.ts): a login shell that is not POSIX. */
const TCSH = '/usr/bin/tcsh';
/** Node 2's login shell: tcsh. */
const TCSH_NODE = 2;
/** Node 3's login shell: /root/strictsh (STRICT_SHELL), in its own home. */
const STRICT_NODE = 3;

/**
 * A login shell that refuses every command but `exec /bin/sh -c '<script without quotes>'`:
 * the one form every login shell (tcsh, fish, ...) reads alike.
 */
const STRICT_SHELL = `#!/bin/sh
[ "$1" = -c ] || { echo "strictsh: no -c" >&2; exit 97; }
inner=\${2#"exec /bin/sh -c '"}
inner=\${inner%"'"}
case $2 in "exec /bin/sh -c '"*"'") ;; *) echo "strictsh: refused: $2" >&2; exit 97;; esac
case $inner in *"'"*) echo "strictsh: refused: $2" >&2; exit 97;; esac
exec /bin/sh -c "$inner"
`;

/** The host's /etc/passwd with root's login shell changed. */
const passwdWithRootShell = (shell: string): string =>
  readFileSync('/etc/passwd', 'utf8').replace(/^(root:[^:]*:0:0:[^:]*:[^:]*:)[^\n]*$/m, `$1${shell}`);

const target = (index: number): SshTarget => ({
  jumps: [],
  node: {
    alias: `node${index}`,
    hostName: cluster.node(index).address,
    port: 22,
    user: 'root',
    identityFiles: [cluster.keyPath],
    knownHostsFiles: [],
    acceptNewKeys: false,
  },
});

const LINK_OPTIONS = { readyTimeoutMs: 5000, keepaliveMs: 1000 };

beforeAll(async () => {
  requireBuilt(AGENT_BUNDLE);
  bundle = loadAgentBundle(AGENT_BUNDLE);
  cluster = await startTestCluster({
    name: 'dep22',
    nodes: 3,
    subnet: 22,
    etcFiles: {
      [TCSH_NODE]: { passwd: passwdWithRootShell(TCSH) },
      [STRICT_NODE]: { passwd: passwdWithRootShell('/root/strictsh') },
    },
  });
  const strict = join(cluster.node(STRICT_NODE).home, 'strictsh');
  writeFileSync(strict, STRICT_SHELL);
  chmodSync(strict, 0o755);
  link = await openSshLink(target(1), async () => undefined, LINK_OPTIONS);
}, 60_000);

afterAll(async () => {
  link?.close();
  await cluster?.down();
});

const cacheDir = (): string => join(cluster.node(1).home, AGENT_DIR);
const sha = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');

/** The node's client, but its SFTP subsystem refuses, as on an sshd without `Subsystem sftp`. */
function withoutSftp(client: Client): Client {
  const bare = Object.create(client) as Client;
  bare.sftp = ((cb: (err: Error | undefined) => void) => {
    cb(new Error('Unable to start subsystem: sftp'));
    return bare;
  }) as Client['sftp'];
  return bare;
}

function plantOldAgents(): void {
  mkdirSync(cacheDir(), { recursive: true });
  const old = (name: string, ageS: number): void => {
    const file = join(cacheDir(), name);
    writeFileSync(file, 'old agent');
    const t = Date.now() / 1000 - ageS;
    utimesSync(file, t, t);
  };
  old('mosdesk-agent-1111111111111111.cjs', 300);
  old('mosdesk-agent-2222222222222222.cjs', 200);
  old('mosdesk-agent-3333333333333333.cjs', 100);
  old(`mosdesk-agent-4444444444444444.cjs.tmp-abcdef`, 600);
  // A lock left by a hub that died mid-upload, two minutes ago.
  mkdirSync(join(cacheDir(), '.lock'));
  const t = Date.now() / 1000 - 120;
  utimesSync(join(cacheDir(), '.lock'), t, t);
}

describe.each([
  { how: 'SFTP', client: (): Client => link.client },
  { how: 'exec (no SFTP subsystem)', client: (): Client => withoutSftp(link.client) },
])('uploading the agent over $how', ({ client }) => {
  it('puts the exact bundle in place, takes over a stale lock, keeps one previous agent', async () => {
    await cluster.run(1, ['rm', '-rf', '/root/.cache']);
    plantOldAgents();
    // The lock is two minutes old but unchanged: stale once it stays so for staleLockMs of our time.
    expect(await ensureAgentUploaded(client(), bundle, { staleLockMs: 1000 })).toBe(true);
    const target = join(cacheDir(), bundle.fileName);
    expect(sha(target)).toBe(bundle.sha256);
    expect(readdirSync(cacheDir()).sort()).toEqual([bundle.fileName, 'mosdesk-agent-3333333333333333.cjs'].sort());
    expect(existsSync(join(cacheDir(), '.lock'))).toBe(false);
  });

  it('does nothing when the bundle is already there, and replaces it when forced', async () => {
    const target = join(cacheDir(), bundle.fileName);
    expect(await ensureAgentUploaded(client(), bundle)).toBe(false);
    writeFileSync(target, Buffer.alloc(bundle.bytes.length, 0x20));
    expect(await ensureAgentUploaded(client(), bundle, { force: true })).toBe(true);
    expect(sha(target)).toBe(bundle.sha256);
  });

  it('waits for a fresh lock held by another upload, then gives up with the reason', async () => {
    await cluster.run(1, ['rm', '-rf', '/root/.cache']);
    mkdirSync(join(cacheDir(), '.lock'), { recursive: true });
    const started = Date.now();
    await expect(ensureAgentUploaded(client(), bundle, { lockWaitMs: 1500 })).rejects.toThrow(
      /another upload has held .*\.lock for over 1\.5 s/,
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(1500);
    expect(existsSync(join(cacheDir(), bundle.fileName))).toBe(false);
  });
});

describe.each([
  { shell: 'tcsh', index: TCSH_NODE },
  { shell: 'a shell that runs only `exec /bin/sh -c ...`', index: STRICT_NODE },
])('a node whose login shell is $shell', ({ index }) => {
  const home = (): string => cluster.node(index).home;
  const deps = () => ({ bundle, gate: async () => undefined, log: silentLog, link: LINK_OPTIONS });

  it('checks, uploads and starts the agent, then starts the cached one', async () => {
    await cluster.run(index, ['rm', '-rf', '/root/.cache']);
    const first = await connectOverSsh(target(index), deps());
    expect(first.hello.node.hostname).toBe(`node${index}`);
    first.client.close();
    expect(sha(join(home(), AGENT_DIR, bundle.fileName))).toBe(bundle.sha256);
    const again = await connectOverSsh(target(index), deps());
    expect(again.hello.node.hostname).toBe(`node${index}`);
    again.client.close();
  });

  it('uploads over exec when the node has no SFTP subsystem', async () => {
    await cluster.run(index, ['rm', '-rf', '/root/.cache']);
    const own = await openSshLink(target(index), async () => undefined, LINK_OPTIONS);
    try {
      mkdirSync(join(home(), AGENT_DIR), { recursive: true });
      writeFileSync(join(home(), AGENT_DIR, 'mosdesk-agent-1111111111111111.cjs.tmp-dead'), 'x');
      const t = Date.now() / 1000 - 600;
      utimesSync(join(home(), AGENT_DIR, 'mosdesk-agent-1111111111111111.cjs.tmp-dead'), t, t);
      expect(await ensureAgentUploaded(withoutSftp(own.client), bundle)).toBe(true);
      expect(sha(join(home(), AGENT_DIR, bundle.fileName))).toBe(bundle.sha256);
      expect(readdirSync(join(home(), AGENT_DIR))).toEqual([bundle.fileName]);
    } finally {
      own.close();
    }
  });
});
