/**
 * SSH public keys as text and as wire blobs. Pure functions.
 *
 * A key blob is the SSH wire encoding (RFC 4253 §6.6): a uint32-length-prefixed key type
 * name, then the key's own fields. Only the type name inside the blob is checked here; the
 * rest of the key is not validated (ssh2 does that when it uses the key).
 * Not supported: MD5 fingerprints, the old SSH-1 `bits e n` form, authorized_keys options.
 */
import { createHash } from 'node:crypto';
import { HubError } from '../errors';

export interface PublicKey {
  /** e.g. `ssh-ed25519`; always the type named inside the blob. */
  type: string;
  blob: Buffer;
  /** Whatever followed the key on its line, or ''. */
  comment: string;
}

/** `SHA256:` and the unpadded base64 of the blob's SHA-256, as `ssh-keygen -lf` prints it. */
export function sha256Fingerprint(keyBlob: Buffer): string {
  return `SHA256:${createHash('sha256').update(keyBlob).digest('base64').replace(/=+$/, '')}`;
}

/** The key type named at the start of a blob, or undefined when the blob is malformed. */
export function keyTypeOfBlob(blob: Buffer): string | undefined {
  if (blob.length < 4) return undefined;
  const length = blob.readUInt32BE(0);
  if (length === 0 || length > 64 || 4 + length >= blob.length) return undefined;
  const type = blob.subarray(4, 4 + length).toString('latin1');
  return /^[A-Za-z0-9@._+-]+$/.test(type) ? type : undefined;
}

const BASE64_RE = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Decodes strict, padded base64 (Buffer.from alone silently skips bad characters). */
export function decodeBase64(text: string): Buffer | undefined {
  return text.length > 0 && BASE64_RE.test(text) ? Buffer.from(text, 'base64') : undefined;
}

/**
 * The key in `type base64 [comment]` text (a `.pub` file, or the key part of a known_hosts
 * line). Throws HubError('bad-request') saying what is wrong.
 */
export function parsePublicKey(text: string): PublicKey {
  const [, type = '', data = '', comment = ''] = /^(\S+)[ \t]+(\S+)(?:[ \t]+(.*))?$/.exec(text.trim()) ?? [];
  const blob = decodeBase64(data);
  if (!type || !blob) throw new HubError('bad-request', 'This is not an SSH public key ("type base64 [comment]").');
  const inner = keyTypeOfBlob(blob);
  if (inner === undefined) throw new HubError('bad-request', `The ${type} key data is malformed.`);
  if (inner !== type) throw new HubError('bad-request', `The key says it is ${type} but its data is ${inner}.`);
  return { type, blob, comment };
}
