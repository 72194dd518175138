import { join } from 'node:path';
import { z } from 'zod';
import { HubError } from '../errors';
import { JsonFileError, readJsonFile, writeJsonFileAtomic } from '../store/jsonFile';
import { createSerialQueue } from '../store/serialQueue';

/** Passphrases and passwords, by key (e.g. `cluster/<id>/passphrase`). Never logged, never sent back. */
export interface SecretStore {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
}

/** What the Electron shell passes from safeStorage; tests pass their own. */
export interface SecretCipher {
  encrypt(plain: string): Buffer;
  decrypt(cipherText: Buffer): string;
  /** False when the OS offers no real protection (no keyring): then nothing is stored. */
  available(): boolean;
}

/** A secret could not be kept or read; the message says why and what to do. */
export class SecretStoreError extends HubError {
  constructor(message: string) {
    super('unavailable', message);
    this.name = 'SecretStoreError';
  }
}

const keySchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9:._/-]{0,199}$/, 'must be a secret key such as "cluster/x"');

function checkKey(key: string): void {
  if (!keySchema.safeParse(key).success) throw new HubError('bad-request', 'Bad secret key.');
}

/** Browser mode: secrets live only in this process's memory and end with it. */
export class MemorySecretStore implements SecretStore {
  private readonly secrets = new Map<string, string>();

  async get(key: string): Promise<string | undefined> {
    checkKey(key);
    return this.secrets.get(key);
  }

  async set(key: string, value: string): Promise<void> {
    checkKey(key);
    this.secrets.set(key, value);
  }

  async delete(key: string): Promise<void> {
    checkKey(key);
    this.secrets.delete(key);
  }
}

const UNAVAILABLE =
  "mosdesk cannot keep passwords on this computer: the system's secure storage (a keyring such as " +
  'GNOME Keyring or KWallet on Linux) is not available, and mosdesk never writes them in plain text.';

const envelopeSchema = z.strictObject({ version: z.literal(1), data: z.base64() });

/**
 * The desktop app: one file, `{ version: 1, data: <base64> }`, where data is the whole
 * key -> secret map encrypted by the cipher, so neither secrets nor their keys are readable
 * in the file. Mode 0600, atomic and serialised writes.
 *
 * The decrypted map is kept in memory once read (a connect attempt reads up to four secrets,
 * and 500 nodes reconnecting must not decrypt the file 2000 times); set and delete write the
 * file first and change the map only once the file was written. Only this store writes the file.
 */
export class EncryptedFileSecretStore implements SecretStore {
  private readonly serial = createSerialQueue();
  private cache: Map<string, string> | undefined;

  constructor(
    readonly path: string,
    private readonly cipher: SecretCipher,
  ) {}

  static inDir(userDataDir: string, cipher: SecretCipher): EncryptedFileSecretStore {
    return new EncryptedFileSecretStore(join(userDataDir, 'secrets.json'), cipher);
  }

  async get(key: string): Promise<string | undefined> {
    checkKey(key);
    return this.serial(async () => (await this.readAll()).get(key));
  }

  async set(key: string, value: string): Promise<void> {
    checkKey(key);
    return this.serial(async () => {
      if (!this.cipher.available()) throw new SecretStoreError(UNAVAILABLE);
      const next = new Map(await this.readAll()).set(key, value);
      await this.writeAll(next);
    });
  }

  async delete(key: string): Promise<void> {
    checkKey(key);
    return this.serial(async () => {
      const next = new Map(await this.readAll());
      if (next.delete(key)) await this.writeAll(next);
    });
  }

  /** The whole map (empty when no file exists). */
  private async readAll(): Promise<Map<string, string>> {
    if (!this.cipher.available()) {
      // Without the cipher a file cannot be read, but it is not damaged either: leave it be.
      if ((await this.readEnvelope()) === undefined) return new Map();
      throw new SecretStoreError(UNAVAILABLE);
    }
    if (this.cache) return this.cache;
    const envelope = await this.readEnvelope();
    this.cache = envelope === undefined ? new Map() : this.decrypt(envelope.data);
    return this.cache;
  }

  /** The file's outer JSON; a file that is not even that is damaged, and moved aside. */
  private async readEnvelope(): Promise<{ data: string } | undefined> {
    try {
      return await readJsonFile(this.path, envelopeSchema);
    } catch (err) {
      if (err instanceof JsonFileError)
        throw new SecretStoreError(`Saved passwords: ${err.message} Enter the passwords again.`);
      throw err;
    }
  }

  /**
   * A file that does not decrypt is most often a locked or another keyring, not damage: it is
   * left in place (moving it aside would orphan every saved passphrase), as when the cipher is
   * unavailable, and nothing is written over it.
   */
  private decrypt(data: string): Map<string, string> {
    try {
      const plain: unknown = JSON.parse(this.cipher.decrypt(Buffer.from(data, 'base64')));
      return new Map(Object.entries(z.record(keySchema, z.string()).parse(plain)));
    } catch {
      throw new SecretStoreError(
        `Saved passwords: ${this.path} cannot be decrypted with this system's secure storage (is the keyring locked, or another one in use?). ` +
          'The file was left as it is: unlock the keyring and retry, or delete the file and enter the passwords again.',
      );
    }
  }

  private async writeAll(all: Map<string, string>): Promise<void> {
    const data = this.cipher.encrypt(JSON.stringify(Object.fromEntries(all))).toString('base64');
    await writeJsonFileAtomic(this.path, { version: 1, data }, { mode: 0o600 });
    this.cache = all;
  }
}
