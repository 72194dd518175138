/**
 * Uploading the agent to a real node (the netns test cluster): over SFTP and, for nodes whose
 * sshd has no SFTP subsystem, over exec; the lock, the hash check and what is kept.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Client } from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAgentBundle, type AgentBundle } from '../../../electron/hub/deploy/agentBundle';
import { AGENT_DIR, ensureAgentUploaded } from '../../../electron/hub/deploy/agentUpload';
import { openSshLink, type SshLink } from '../../../electron/hub/ssh/sshLink';
import { startTestCluster, type TestCluster } from '../../cluster/testCluster';
import { AGENT_BUNDLE, requireBuilt } from '../../support/dist';

let cluster: TestCluster;
let link: SshLink;
let bundle: AgentBundle;

beforeAll(async () => {
  requireBuilt(AGENT_BUNDLE);
  bundle = loadAgentBundle(AGENT_BUNDLE);
  cluster = await startTestCluster({ name: 'dep22', nodes: 1, subnet: 22 });
  const node = cluster.node(1);
  link = await openSshLink(
    {
      jumps: [],
      node: {
        alias: 'node1',
        hostName: node.address,
        port: 22,
        user: 'root',
        identityFiles: [cluster.keyPath],
        knownHostsFiles: [],
        acceptNewKeys: false,
      },
    },
    async () => undefined,
    { readyTimeoutMs: 5000, keepaliveMs: 1000 },
  );
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
    expect(await ensureAgentUploaded(client(), bundle)).toBe(true);
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
