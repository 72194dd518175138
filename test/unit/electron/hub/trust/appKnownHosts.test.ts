import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkHostKey } from '../../../../../electron/hub/ssh/knownHosts';
import { AppKnownHosts } from '../../../../../electron/hub/trust/appKnownHosts';

/** An ssh-ed25519 public key blob in SSH wire form: string type, string key. */
function ed25519Blob(): Buffer {
  const raw = generateKeyPairSync('ed25519').publicKey.export({ format: 'der', type: 'spki' }).subarray(-32);
  const sshString = (b: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(b.length);
    return Buffer.concat([len, b]);
  };
  return Buffer.concat([sshString(Buffer.from('ssh-ed25519')), sshString(raw)]);
}

let dir: string;
let known: AppKnownHosts;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mosdesk-kh-'));
  known = AppKnownHosts.inDir(dir);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('AppKnownHosts', () => {
  it('is empty before any key is accepted', async () => {
    expect(await known.text()).toBe('');
    expect(await known.entries()).toEqual({ entries: [], warnings: [] });
  });

  it('records accepted keys in OpenSSH form, port 22 bare and others as [host]:port', async () => {
    const a = ed25519Blob();
    const b = ed25519Blob();
    await known.add('Node1', 22, 'ssh-ed25519', a);
    await known.add('10.0.0.12', 2222, 'ssh-ed25519', b);
    expect(await known.text()).toBe(
      `node1 ssh-ed25519 ${a.toString('base64')}\n[10.0.0.12]:2222 ssh-ed25519 ${b.toString('base64')}\n`,
    );
    expect(statSync(known.path).mode & 0o777).toBe(0o600);
    const { entries } = await known.entries();
    expect(checkHostKey(entries, 'node1', 22, 'ssh-ed25519', a).status).toBe('known');
    expect(checkHostKey(entries, '10.0.0.12', 2222, 'ssh-ed25519', b).status).toBe('known');
    expect(checkHostKey(entries, 'node1', 22, 'ssh-ed25519', b).status).toBe('changed');
  });

  it('does not add a key that is already on record for that host and port', async () => {
    const a = ed25519Blob();
    await known.add('node1', 22, 'ssh-ed25519', a);
    await known.add('NODE1', 22, 'ssh-ed25519', a);
    await known.add('node1', 2200, 'ssh-ed25519', a); // another port is another record
    expect((await known.text()).split('\n').filter(Boolean)).toHaveLength(2);
  });

  it('lands every one of many adds made at once', async () => {
    const keys = Array.from({ length: 16 }, () => ed25519Blob());
    await Promise.all(keys.map((k, i) => known.add(`node${i}`, 22, 'ssh-ed25519', k)));
    const { entries } = await known.entries();
    expect(entries).toHaveLength(16);
    keys.forEach((k, i) => expect(checkHostKey(entries, `node${i}`, 22, 'ssh-ed25519', k).status).toBe('known'));
  });

  it('keeps what the user wrote in the file, even without a final newline', async () => {
    const mine = `# my notes\ngw ssh-ed25519 ${ed25519Blob().toString('base64')} admin's gateway`;
    writeFileSync(known.path, mine);
    const a = ed25519Blob();
    await known.add('node1', 22, 'ssh-ed25519', a);
    expect(await known.text()).toBe(`${mine}\nnode1 ssh-ed25519 ${a.toString('base64')}\n`);
    expect((await known.entries()).entries).toHaveLength(2);
  });

  it('hashes host names when asked, and the entry still matches', async () => {
    const hashed = AppKnownHosts.inDir(dir, { hash: true });
    const a = ed25519Blob();
    await hashed.add('node1', 22, 'ssh-ed25519', a);
    const text = await hashed.text();
    expect(text).toMatch(/^\|1\|[A-Za-z0-9+/=]{28}\|[A-Za-z0-9+/=]{28} ssh-ed25519 /);
    expect(text).not.toContain('node1');
    expect(checkHostKey((await hashed.entries()).entries, 'node1', 22, 'ssh-ed25519', a).status).toBe('known');
    await hashed.add('node1', 22, 'ssh-ed25519', a);
    expect(await hashed.text()).toBe(text);
  });

  it.each([
    ['a host with a space', 'node 1', 22],
    ['a host with a newline', 'node1\nevil ssh-ed25519 AAAA', 22],
    ['port 0', 'node1', 0],
  ])('refuses %s and writes nothing', async (_name, host, port) => {
    await expect(known.add(host, port, 'ssh-ed25519', ed25519Blob())).rejects.toThrow();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses a key whose type does not match its blob', async () => {
    await expect(known.add('node1', 22, 'ssh-rsa', ed25519Blob())).rejects.toThrow('not a well-formed ssh-rsa key');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('reports, not drops, lines it cannot parse', async () => {
    writeFileSync(known.path, 'garbage\n');
    await known.add('node1', 22, 'ssh-ed25519', ed25519Blob());
    expect(readFileSync(known.path, 'utf8').startsWith('garbage\n')).toBe(true);
    expect((await known.entries()).warnings).toEqual([`${known.path}:1: no key after the host names; line skipped.`]);
  });

  it('removes every key of one host and port, hashed or plain, and nothing else', async () => {
    const [a, b, c, d, revoked] = [ed25519Blob(), ed25519Blob(), ed25519Blob(), ed25519Blob(), ed25519Blob()];
    const hashed = AppKnownHosts.inDir(dir, { hash: true });
    await known.add('node1', 22, 'ssh-ed25519', a);
    await hashed.add('node1', 22, 'ssh-ed25519', b);
    await known.add('node1', 2222, 'ssh-ed25519', c);
    await known.add('node2', 22, 'ssh-ed25519', d);
    writeFileSync(
      known.path,
      `${await known.text()}# a comment\n@revoked node1 ssh-ed25519 ${revoked.toString('base64')}\n`,
    );
    expect(await known.remove('NODE1', 22)).toBe(2);
    const left = await known.text();
    expect(left).toBe(
      `[node1]:2222 ssh-ed25519 ${c.toString('base64')}\nnode2 ssh-ed25519 ${d.toString('base64')}\n` +
        `# a comment\n@revoked node1 ssh-ed25519 ${revoked.toString('base64')}\n`,
    );
    expect(statSync(known.path).mode & 0o777).toBe(0o600);
    expect(await known.remove('node1', 22)).toBe(0);
    expect(await known.text()).toBe(left);
  });

  it('removes nothing, and creates no file, when there is none', async () => {
    expect(await known.remove('node1', 22)).toBe(0);
    expect(readdirSync(dir)).toEqual([]);
  });
});
