import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ClusterStore } from '../../../electron/hub/clusters/clusterStore';
import { parsePublicKey } from '../../../electron/hub/ssh/fingerprint';
import { AppKnownHosts } from '../../../electron/hub/trust/appKnownHosts';
import { ROOT } from '../../support/dist';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mosdesk-stores-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/**
 * Another process that adds and updates clusters as fast as it can, so the test can kill it
 * at an arbitrary moment of a write.
 */
function startWriter(userData: string): ChildProcess {
  const storeModule = resolve(ROOT, 'electron/hub/clusters/clusterStore.ts');
  const code = `
    import { ClusterStore } from ${JSON.stringify(storeModule)};
    const store = ClusterStore.inDir(${JSON.stringify(userData)});
    await store.load();
    const nodes = Array.from({ length: 300 }, (_, i) => ({ id: 'n' + i, host: 'node' + i, settings: {} }));
    process.stdout.write('ready\\n');
    for (let i = 0; ; i++) {
      const id = 'w' + (i % 40);
      if (store.get(id)) await store.update(id, (c) => ({ ...c, settings: { port: 1 + (i % 65535) } }));
      else await store.add({ id, name: 'Writer ' + id, settings: {}, nodes });
    }`;
  return spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
}

const waitReady = (child: ChildProcess) =>
  new Promise<void>((ok, fail) => {
    child.stdout?.once('data', () => ok());
    child.once('exit', (code) => fail(new Error(`writer exited early (${code})`)));
  });

describe('the cluster store under a killed writer', () => {
  it('always leaves a complete, valid clusters.json behind', async () => {
    for (let round = 0; round < 5; round++) {
      const writer = startWriter(dir);
      await waitReady(writer);
      await new Promise((r) => setTimeout(r, 150 + round * 70));
      writer.kill('SIGKILL');
      await new Promise((r) => writer.once('exit', r));

      const store = ClusterStore.inDir(dir);
      expect(await store.load()).toEqual({}); // no warning: the file was never half-written
      expect(store.list().length).toBeGreaterThan(0);
      expect(readdirSync(dir).filter((f) => f.includes('corrupt'))).toEqual([]);
    }
  }, 60_000);

  it('lets a reader see a whole file at every moment of another process writing it', async () => {
    const writer = startWriter(dir);
    await waitReady(writer);
    const path = join(dir, 'clusters.json');
    while (!existsSync(path)) await new Promise((r) => setTimeout(r, 10));
    let reads = 0;
    const until = Date.now() + 1500;
    try {
      while (Date.now() < until) {
        const text = readFileSync(path, 'utf8');
        expect(() => JSON.parse(text) as unknown).not.toThrow();
        reads++;
      }
    } finally {
      writer.kill('SIGKILL');
    }
    expect(reads).toBeGreaterThan(20);
  });
});

describe("the app's known_hosts as OpenSSH reads it", () => {
  function hostKey(name: string): { blob: Buffer; fingerprint: string } {
    const file = join(dir, name);
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', file]);
    const { blob } = parsePublicKey(readFileSync(`${file}.pub`, 'utf8'));
    const fingerprint = execFileSync('ssh-keygen', ['-l', '-f', `${file}.pub`], { encoding: 'utf8' }).split(' ')[1]!;
    return { blob, fingerprint };
  }

  const find = (file: string, host: string) => spawnSync('ssh-keygen', ['-F', host, '-f', file], { encoding: 'utf8' });

  it.each([false, true])('ssh-keygen -F finds every accepted key (hashed: %s)', async (hash) => {
    const known = new AppKnownHosts(join(dir, 'app', 'known_hosts'), { hash });
    const a = hostKey('a');
    const b = hostKey('b');
    await known.add('node1', 22, 'ssh-ed25519', a.blob);
    await known.add('10.0.0.12', 2222, 'ssh-ed25519', b.blob);

    const one = find(known.path, 'node1');
    expect(one.status).toBe(0);
    expect(one.stdout).toContain(`ssh-ed25519 ${a.blob.toString('base64')}`);
    const two = find(known.path, '[10.0.0.12]:2222');
    expect(two.status).toBe(0);
    expect(two.stdout).toContain(b.blob.toString('base64'));
    expect(find(known.path, 'node2').status).toBe(1);
    expect(find(known.path, '10.0.0.12').status).toBe(1); // port 22 is another record

    const listed = execFileSync('ssh-keygen', ['-l', '-f', known.path], { encoding: 'utf8' });
    expect(listed).toContain(a.fingerprint);
    expect(listed).toContain(b.fingerprint);
  });
});
