import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  EncryptedFileSecretStore,
  MemorySecretStore,
  type SecretCipher,
  SecretStoreError,
} from '../../../../../electron/hub/secrets/secretStore';

/** A real cipher (AES-256-GCM) standing in for Electron's safeStorage. */
function aesCipher(key = randomBytes(32)): SecretCipher & { isAvailable: boolean } {
  return {
    isAvailable: true,
    available() {
      return this.isAvailable;
    },
    encrypt(plain) {
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
      return Buffer.concat([iv, c.getAuthTag(), body]);
    },
    decrypt(b) {
      const d = createDecipheriv('aes-256-gcm', key, b.subarray(0, 12));
      d.setAuthTag(b.subarray(12, 28));
      return Buffer.concat([d.update(b.subarray(28)), d.final()]).toString('utf8');
    },
  };
}

const SECRET = 'correct horse battery staple ünï';
const KEY = 'cluster/lab-1/passphrase';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mosdesk-secrets-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('MemorySecretStore', () => {
  it('keeps, gives back and forgets secrets', async () => {
    const s = new MemorySecretStore();
    expect(await s.get(KEY)).toBeUndefined();
    await s.set(KEY, SECRET);
    expect(await s.get(KEY)).toBe(SECRET);
    await s.delete(KEY);
    expect(await s.get(KEY)).toBeUndefined();
  });

  it('refuses a malformed key', async () => {
    await expect(new MemorySecretStore().set('__proto__', 'x')).rejects.toThrow('Bad secret key.');
  });
});

describe('EncryptedFileSecretStore', () => {
  it('keeps secrets across instances, in a 0600 file with only ciphertext in it', async () => {
    const cipher = aesCipher();
    const store = EncryptedFileSecretStore.inDir(dir, cipher);
    await store.set(KEY, SECRET);
    await store.set('cluster/lab-1/password', 'hunter2');
    const again = EncryptedFileSecretStore.inDir(dir, cipher);
    expect(await again.get(KEY)).toBe(SECRET);
    expect(await again.get('cluster/lab-1/password')).toBe('hunter2');
    expect(await again.get('cluster/other/password')).toBeUndefined();

    expect(statSync(store.path).mode & 0o777).toBe(0o600);
    const bytes = readFileSync(store.path);
    const file = JSON.parse(bytes.toString('utf8')) as Record<string, unknown>;
    expect(Object.keys(file)).toEqual(['version', 'data']);
    expect(file.data).toMatch(/^[A-Za-z0-9+/]+=*$/);
    for (const plain of [SECRET, 'hunter2', KEY, 'lab-1']) {
      for (const encoding of ['utf8', 'utf16le', 'base64', 'hex', 'latin1'] as const)
        expect(bytes.includes(Buffer.from(Buffer.from(plain).toString(encoding)))).toBe(false);
      expect(bytes.includes(Buffer.from(plain, 'utf16le'))).toBe(false);
    }
  });

  it('refuses a malformed key before touching the file', async () => {
    const store = EncryptedFileSecretStore.inDir(dir, aesCipher());
    await expect(store.set('../x', 'v')).rejects.toThrow('Bad secret key.');
    await expect(store.get('')).rejects.toThrow('Bad secret key.');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('lands every one of many sets made at once', async () => {
    const store = EncryptedFileSecretStore.inDir(dir, aesCipher());
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.set(`k${i}`, `v${i}`)));
    for (let i = 0; i < 20; i++) expect(await store.get(`k${i}`)).toBe(`v${i}`);
  });

  it('deletes one secret and leaves the others', async () => {
    const store = EncryptedFileSecretStore.inDir(dir, aesCipher());
    await store.delete(KEY); // nothing saved yet: no file is made
    expect(existsSync(store.path)).toBe(false);
    await store.set(KEY, SECRET);
    await store.set('other', 'x');
    await store.delete(KEY);
    expect(await store.get(KEY)).toBeUndefined();
    expect(await store.get('other')).toBe('x');
  });

  it('refuses to store anything when the cipher is not available, rather than plain text', async () => {
    const cipher = aesCipher();
    cipher.isAvailable = false;
    const store = EncryptedFileSecretStore.inDir(dir, cipher);
    const err = await store.set(KEY, SECRET).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SecretStoreError);
    expect((err as SecretStoreError).code).toBe('unavailable');
    expect((err as Error).message).toContain('never writes them in plain text');
    expect(readdirSync(dir)).toEqual([]);
    expect(await store.get(KEY)).toBeUndefined();
  });

  it('leaves a saved file alone while the cipher is unavailable, and reads it when it is back', async () => {
    const cipher = aesCipher();
    const store = EncryptedFileSecretStore.inDir(dir, cipher);
    await store.set(KEY, SECRET);
    cipher.isAvailable = false;
    await expect(store.get(KEY)).rejects.toThrow(SecretStoreError);
    await expect(store.delete(KEY)).rejects.toThrow(SecretStoreError);
    expect(readdirSync(dir)).toEqual(['secrets.json']);
    cipher.isAvailable = true;
    expect(await store.get(KEY)).toBe(SECRET);
  });

  it('leaves a file it cannot decrypt (a locked or another keyring) in place, and refuses to write over it', async () => {
    const key = randomBytes(32);
    await EncryptedFileSecretStore.inDir(dir, aesCipher(key)).set(KEY, SECRET);
    const saved = readFileSync(join(dir, 'secrets.json'));
    const store = EncryptedFileSecretStore.inDir(dir, aesCipher()); // another key
    const err = await store.get(KEY).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SecretStoreError);
    expect((err as SecretStoreError).code).toBe('unavailable');
    expect((err as Error).message).toMatch(
      /^Saved passwords: .*secrets\.json cannot be decrypted with this system's secure storage .*The file was left as it is/,
    );
    await expect(store.set(KEY, 'new')).rejects.toThrow(SecretStoreError);
    await expect(store.delete(KEY)).rejects.toThrow(SecretStoreError);
    expect(readdirSync(dir)).toEqual(['secrets.json']);
    expect(readFileSync(join(dir, 'secrets.json')).equals(saved)).toBe(true);
    // The keyring it was made with reads it as before.
    expect(await EncryptedFileSecretStore.inDir(dir, aesCipher(key)).get(KEY)).toBe(SECRET);
  });

  it('still moves aside a file that is not even its JSON envelope', async () => {
    writeFileSync(join(dir, 'secrets.json'), '{ not json');
    const store = EncryptedFileSecretStore.inDir(dir, aesCipher());
    await expect(store.get(KEY)).rejects.toThrow(/was damaged .* moved aside .* Enter the passwords again\.$/);
    expect(await store.get(KEY)).toBeUndefined();
    expect(readdirSync(dir).some((f) => f.startsWith('secrets.json.corrupt-'))).toBe(true);
  });

  it('decrypts the file once, and keeps what set and delete change', async () => {
    const cipher = aesCipher();
    await EncryptedFileSecretStore.inDir(dir, cipher).set(KEY, SECRET);
    const decrypt = vi.spyOn(cipher, 'decrypt');
    const store = EncryptedFileSecretStore.inDir(dir, cipher);
    for (let i = 0; i < 8; i++) expect(await store.get(KEY)).toBe(SECRET);
    await store.set('other', 'x');
    await store.delete(KEY);
    expect(await store.get(KEY)).toBeUndefined();
    expect(await store.get('other')).toBe('x');
    expect(decrypt).toHaveBeenCalledTimes(1);
    // What is in memory is what the file holds.
    decrypt.mockRestore();
    const fresh = EncryptedFileSecretStore.inDir(dir, cipher);
    expect(await fresh.get(KEY)).toBeUndefined();
    expect(await fresh.get('other')).toBe('x');
  });

  it('keeps the memory map as it was when a write fails', async () => {
    const cipher = aesCipher();
    const store = EncryptedFileSecretStore.inDir(dir, cipher);
    await store.set(KEY, SECRET);
    vi.spyOn(cipher, 'encrypt').mockImplementationOnce(() => {
      throw new Error('keyring went away');
    });
    await expect(store.set(KEY, 'changed')).rejects.toThrow('keyring went away');
    expect(await store.get(KEY)).toBe(SECRET);
  });
});
