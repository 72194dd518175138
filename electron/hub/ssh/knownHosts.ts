/**
 * OpenSSH known_hosts files: parse, check a host key, format a new line. Pure functions
 * (formatting a hashed line draws a random salt unless one is given).
 *
 * Lines: `[@marker] hosts keytype base64 [comment]`. Hosts are a comma list of patterns
 * (`*`, `?`, `!negated`, `[host]:port`) or one hashed name `|1|salt|hash` (HMAC-SHA1 keyed
 * by the salt over `host`, or `[host]:port` when the port is not 22). Blank and `#` lines are
 * skipped; bad lines are skipped and reported as warnings with their line numbers.
 *
 * Checking follows OpenSSH 9 (hostfile.c, sshconnect.c check_host_key):
 * - a key marked `@revoked` for the host is refused, whatever else is on record;
 * - the same key on record is `known`;
 * - any other key on record for the host is `changed`, whatever its type. OpenSSH does the
 *   same ("Offending RSA key" for an ed25519 key offered): we refuse rather than let a
 *   server that stopped offering the recorded type get a fresh prompt;
 * - nothing on record is `unknown`. For a port other than 22, OpenSSH then quietly also
 *   accepts the same key recorded for the bare host name, and so do we.
 * Not supported: `@cert-authority` lines are kept but never match (we do not do host
 * certificates); CheckHostIP (off by default since OpenSSH 8.5); HostKeyAlias; the old
 * SSH-1 `bits e n` keys. The caller passes the host name ssh would check: HostName after
 * ssh_config, not the alias.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { HubError } from '../errors';
import { decodeBase64, keyTypeOfBlob, parsePublicKey } from './fingerprint';
import { hostProblem } from './hostList';
import { matchPatternList } from './pattern';

export type HostMatcher = { kind: 'hashed'; salt: Buffer; hash: Buffer } | { kind: 'patterns'; patterns: string };

export interface KnownHostEntry {
  file: string;
  /** 1-based. */
  line: number;
  marker?: 'revoked' | 'cert-authority';
  hosts: HostMatcher;
  keyType: string;
  keyBlob: Buffer;
}

export interface KnownHostsFile {
  entries: KnownHostEntry[];
  /** `file:line: why`, for the log. */
  warnings: string[];
}

export type HostKeyStatus =
  | { status: 'known'; file: string; line: number }
  | { status: 'changed'; file: string; line: number; knownType: string }
  | { status: 'revoked'; file: string; line: number }
  | { status: 'unknown' };

const HASH_MAGIC = '|1|';
const SHA1_BYTES = 20;

function parseHosts(field: string): HostMatcher | string {
  if (!field.startsWith('|')) return { kind: 'patterns', patterns: field };
  const [, salt64 = '', hash64 = '', ...extra] = field.slice(HASH_MAGIC.length - 1).split('|');
  const salt = decodeBase64(salt64);
  const hash = decodeBase64(hash64);
  if (!field.startsWith(HASH_MAGIC) || extra.length || salt?.length !== SHA1_BYTES || hash?.length !== SHA1_BYTES) {
    return 'malformed hashed host name';
  }
  return { kind: 'hashed', salt, hash };
}

/** Splits off a leading `@revoked` or `@cert-authority`; a string says why the marker is bad. */
function splitMarker(text: string): { marker?: KnownHostEntry['marker']; rest: string } | string {
  if (!text.startsWith('@')) return { rest: text };
  const m = /^@(\S+)[ \t]+(.*)$/.exec(text);
  const marker = m?.[1];
  if (marker !== 'revoked' && marker !== 'cert-authority') return 'unknown marker';
  const rest = m?.[2] ?? '';
  return rest.startsWith('@') ? 'more than one marker' : { marker, rest };
}

/** One line as an entry, undefined for blank and comment lines, or why it is bad. */
function parseLine(raw: string, file: string, line: number): KnownHostEntry | string | undefined {
  const text = raw.trim();
  if (text === '' || text.startsWith('#')) return undefined;
  const split = splitMarker(text);
  if (typeof split === 'string') return split;
  const m = /^(\S+)[ \t]+(.*)$/.exec(split.rest);
  if (!m) return 'no key after the host names';
  const hosts = parseHosts(m[1] ?? '');
  if (typeof hosts === 'string') return hosts;
  try {
    const key = parsePublicKey(m[2] ?? '');
    return { file, line, ...(split.marker && { marker: split.marker }), hosts, keyType: key.type, keyBlob: key.blob };
  } catch (err) {
    return err instanceof HubError ? err.message : 'unreadable key';
  }
}

/** Parses known_hosts text; `file` names it in entries and warnings. */
export function parseKnownHosts(text: string, file: string): KnownHostsFile {
  const entries: KnownHostEntry[] = [];
  const warnings: string[] = [];
  text.split('\n').forEach((raw, i) => {
    const parsed = parseLine(raw, file, i + 1);
    if (typeof parsed === 'string') warnings.push(`${file}:${i + 1}: ${parsed}; line skipped.`);
    else if (parsed) entries.push(parsed);
  });
  return { entries, warnings };
}

/** The name known_hosts records a host under: `host`, or `[host]:port` off port 22. */
export function knownHostsName(host: string, port: number): string {
  const lower = host.toLowerCase();
  return port === 22 ? lower : `[${lower}]:${port}`;
}

const hmac = (salt: Buffer, name: string): Buffer => createHmac('sha1', salt).update(name).digest();

/** Whether an entry's host field covers `name` (as given by knownHostsName). */
export function entryMatches(entry: KnownHostEntry, name: string): boolean {
  const h = entry.hosts;
  return h.kind === 'hashed' ? hmac(h.salt, name).equals(h.hash) : matchPatternList(name, h.patterns, true) === 'match';
}

function checkName(entries: readonly KnownHostEntry[], name: string, blob: Buffer): HostKeyStatus {
  const matched = entries.filter((e) => entryMatches(e, name));
  const revoked = matched.find((e) => e.marker === 'revoked' && e.keyBlob.equals(blob));
  if (revoked) return { status: 'revoked', file: revoked.file, line: revoked.line };
  const plain = matched.filter((e) => e.marker === undefined);
  const same = plain.find((e) => e.keyBlob.equals(blob));
  if (same) return { status: 'known', file: same.file, line: same.line };
  const other = plain[0];
  if (other) return { status: 'changed', file: other.file, line: other.line, knownType: other.keyType };
  return { status: 'unknown' };
}

/** The blob's own type; `keyType` may be the algorithm instead (rsa-sha2-512 for ssh-rsa). */
function blobType(keyType: string, keyBlob: Buffer): string {
  const type = keyTypeOfBlob(keyBlob);
  const rsaAlgorithm = type === 'ssh-rsa' && (keyType === 'rsa-sha2-256' || keyType === 'rsa-sha2-512');
  if (type === undefined || (type !== keyType && !rsaAlgorithm)) {
    throw new HubError('bad-request', `The host key is not a well-formed ${keyType} key.`);
  }
  return type;
}

function checkPort(port: number): void {
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new HubError('bad-request', `Port ${port} is not a number from 1 to 65535.`);
  }
}

/**
 * What the known_hosts entries say of the key a host offered (see the top of this file).
 * `entries` may join several files; their order is the order of precedence.
 */
export function checkHostKey(
  entries: readonly KnownHostEntry[],
  host: string,
  port: number,
  keyType: string,
  keyBlob: Buffer,
): HostKeyStatus {
  checkPort(port);
  blobType(keyType, keyBlob);
  const result = checkName(entries, knownHostsName(host, port), keyBlob);
  if (result.status !== 'unknown' || port === 22) return result;
  const bare = checkName(entries, knownHostsName(host, 22), keyBlob);
  return bare.status === 'known' ? bare : result;
}

/**
 * Key types on record for a host, in file order, to ask for those host key algorithms first
 * as ssh does. Off port 22 with nothing on record for `[host]:port`, the bare host's types:
 * checkHostKey accepts those keys there too.
 */
export function knownKeyTypes(entries: readonly KnownHostEntry[], host: string, port: number): string[] {
  const typesOf = (name: string): string[] =>
    entries.filter((e) => e.marker === undefined && entryMatches(e, name)).map((e) => e.keyType);
  const types = typesOf(knownHostsName(host, port));
  return [...new Set(types.length === 0 && port !== 22 ? typesOf(knownHostsName(host, 22)) : types)];
}

/**
 * A known_hosts line (no newline) recording `keyBlob` for `host` (lowercased, as ssh
 * writes it), `[host]:port` off port 22, hashed with `hash` (salt: 20 bytes, random by default).
 */
export function formatKnownHostsLine(
  host: string,
  port: number,
  keyType: string,
  keyBlob: Buffer,
  options: { hash: boolean; salt?: Buffer } = { hash: false },
): string {
  checkPort(port);
  const problem = hostProblem(host);
  if (problem) throw new HubError('bad-request', `"${host}" ${problem}.`);
  const type = blobType(keyType, keyBlob);
  const name = knownHostsName(host, port);
  let field = name;
  if (options.hash) {
    const salt = options.salt ?? randomBytes(SHA1_BYTES);
    if (salt.length !== SHA1_BYTES) throw new HubError('bad-request', 'A known_hosts salt is 20 bytes.');
    field = `${HASH_MAGIC}${salt.toString('base64')}|${hmac(salt, name).toString('base64')}`;
  }
  return `${field} ${type} ${keyBlob.toString('base64')}`;
}
