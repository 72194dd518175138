import { z } from 'zod';
import { hostProblem, parseJumpSpec, USER_NAME } from '../ssh/hostList';

/**
 * Schemas for what a user types about SSH: hosts, users, ports, key files, jump hosts.
 * Used for the saved cluster list and for hub API params alike, so both refuse the same things.
 * Every value may end up in an SSH handshake or a message, so none may start with "-", hold
 * whitespace or control characters, or be longer than a real one.
 */

/** The one user name rule, shared with host lists and ProxyJump specs. */
export { USER_NAME };

/** A host as the user writes it: a name or ~/.ssh/config alias, an IPv4 or an IPv6 address. */
export const isHost = (text: string): boolean => hostProblem(text) === undefined;

export const portSchema = z.number().int('The port is a whole number.').min(1).max(65535);

export const userSchema = z.string().regex(USER_NAME, 'must be a user name such as "alice"');

export const hostSchema = z.string().refine(isHost, 'must be a host name, alias or IP address');

/** An absolute path (POSIX or Windows), or one under the home directory (`~/`). */
export function isKeyPath(text: string): boolean {
  if (text.length > 4096 || /[\0\r\n]/.test(text)) return false;
  return text.startsWith('/') || text.startsWith('~/') || /^[A-Za-z]:[\\/]/.test(text);
}

export const identityFileSchema = z
  .string()
  .refine(isKeyPath, 'must be the full path of a private key file, or one starting with "~/"');

export const MAX_JUMP_HOPS = 8;

/** A ProxyJump chain as OpenSSH takes it (hostList.ts parses it), of at most MAX_JUMP_HOPS hops. */
function isJumpSpec(text: string): boolean {
  try {
    return parseJumpSpec(text).length <= MAX_JUMP_HOPS;
  } catch {
    return false;
  }
}

export const jumpHostSchema = z
  .string()
  .max(2048)
  .refine(isJumpSpec, `must be [user@]host[:port], up to ${MAX_JUMP_HOPS} separated by commas, or "none"`);

/** SshSettings (electron/api.ts), strict: an unknown key, such as a password, is refused. */
export const sshSettingsSchema = z.strictObject({
  user: userSchema.optional(),
  port: portSchema.optional(),
  identityFile: identityFileSchema.optional(),
  useAgent: z.boolean().optional(),
  jumpHost: jumpHostSchema.optional(),
});
