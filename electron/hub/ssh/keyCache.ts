/**
 * Private key files, parsed once. ssh2 opens an encrypted key with bcrypt, synchronously: ~330 ms
 * of a blocked event loop for every hop of every attempt. The result is kept per file content
 * (fileStamp.ts) and passphrase, for every node to share.
 *
 * The passphrase is never kept: entries are told apart by an HMAC of it under a key made at
 * start-up, which nothing outside this process ever sees.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import ssh2, { type ParsedKey } from 'ssh2';
import { ABSENT, boundedSet, fileStamp } from './fileStamp';

// ssh2 is CommonJS: Node's ESM loader (tsx, vitest) sees only some of its named exports.
const { utils } = ssh2;

export type PrivateKeyRead =
  | { kind: 'key'; key: ParsedKey }
  /** ssh2 cannot use the file: wrong or missing passphrase, not a key, a type it does not know. */
  | { kind: 'bad'; error: Error }
  | { kind: 'missing' }
  | { kind: 'unreadable'; code: string };

/** More key files than a workstation has (OpenSSH tries at most six defaults). */
const MAX_FILES = 64;
const HMAC_KEY = randomBytes(32);

const cache = new Map<string, { stamp: string; byPassphrase: Map<string, Promise<PrivateKeyRead>> }>();

const passphraseTag = (passphrase: string | undefined): string =>
  passphrase === undefined ? '-' : createHmac('sha256', HMAC_KEY).update(passphrase).digest('base64');

function parse(data: Buffer, passphrase: string | undefined): PrivateKeyRead {
  const parsed = utils.parseKey(data, passphrase);
  if (parsed instanceof Error) return { kind: 'bad', error: parsed };
  const key = Array.isArray(parsed) ? parsed[0] : parsed;
  return key ? { kind: 'key', key } : { kind: 'bad', error: new Error('no key in the file') };
}

async function readAndParse(path: string, passphrase: string | undefined): Promise<PrivateKeyRead> {
  let data: Buffer;
  try {
    data = await readFile(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    return code === 'ENOENT' ? { kind: 'missing' } : { kind: 'unreadable', code };
  }
  return parse(data, passphrase);
}

/**
 * A private key file as ssh2 reads it; the same result (and key object) while the file is
 * unchanged. Nodes connecting at once wait for one parse instead of each running bcrypt.
 */
export async function readPrivateKey(path: string, passphrase?: string): Promise<PrivateKeyRead> {
  const stamp = await fileStamp(path);
  if (stamp === ABSENT) return { kind: 'missing' };
  let entry = cache.get(path);
  if (entry?.stamp !== stamp) {
    entry = { stamp, byPassphrase: new Map() };
    boundedSet(cache, path, entry, MAX_FILES);
  }
  const tag = passphraseTag(passphrase);
  const known = entry.byPassphrase.get(tag);
  if (known) return known;
  const reading = readAndParse(path, passphrase);
  // A few passphrases per file at most (a wrong one, then the right one).
  boundedSet(entry.byPassphrase, tag, reading, 4);
  const result = await reading;
  // Only what the content decides is kept; a read error may pass (a permission fixed).
  if (result.kind === 'missing' || result.kind === 'unreadable') entry.byPassphrase.delete(tag);
  return result;
}
