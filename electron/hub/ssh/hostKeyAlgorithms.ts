/**
 * Which host key algorithms to ask a server for. ssh2 asks for ed25519 first; a host recorded
 * in known_hosts only with its ECDSA or RSA key would then send its ed25519 key, which the gate
 * must call "changed". OpenSSH avoids that by putting the types on record first
 * (order_hostkeyalgs() in sshconnect2.c), and so do we.
 */
import { readKnownHosts } from './knownHostsCache';
import { knownKeyTypes } from './knownHosts';
import type { SshHop } from './sshTarget';

/**
 * ssh2's DEFAULT_SERVER_HOST_KEY (lib/protocol/constants.js, Node with Ed25519): ssh2 does not
 * export it, so it is listed here, and a unit test checks it against ssh2's own.
 */
export const SSH2_DEFAULT_HOST_KEY_ALGORITHMS: readonly string[] = [
  'ssh-ed25519',
  'ecdsa-sha2-nistp256',
  'ecdsa-sha2-nistp384',
  'ecdsa-sha2-nistp521',
  'rsa-sha2-512',
  'rsa-sha2-256',
  'ssh-rsa',
];

/** What ssh2 can verify at all (SUPPORTED_SERVER_HOST_KEY); it throws on anything else. */
const SUPPORTED = new Set([...SSH2_DEFAULT_HOST_KEY_ALGORITHMS, 'ssh-dss']);

/** An RSA key signs with SHA-2 where the server can (RFC 8332), SHA-1 as the last resort. */
const RSA_ALGORITHMS = ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'];

/**
 * The algorithm list for a host with these key types on record (known_hosts order): theirs
 * first, then ssh2's defaults. Types ssh2 cannot use (security keys, certificates) are left out.
 */
export function hostKeyAlgorithms(knownTypes: readonly string[]): string[] {
  const first = knownTypes.flatMap((t) => (t === 'ssh-rsa' ? RSA_ALGORITHMS : [t])).filter((a) => SUPPORTED.has(a));
  return [...new Set([...first, ...SSH2_DEFAULT_HOST_KEY_ALGORITHMS])];
}

/** The list for one hop, from its known_hosts files and any others given (the app's own). */
export async function knownHostKeyAlgorithms(hop: SshHop, extraFiles: readonly string[] = []): Promise<string[]> {
  const entries = await readKnownHosts([...hop.knownHostsFiles, ...extraFiles]);
  return hostKeyAlgorithms(knownKeyTypes(entries, hop.hostName, hop.port));
}
