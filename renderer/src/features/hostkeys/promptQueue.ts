import type { HostKeyPrompt } from '../../../../electron/api';

/**
 * The host keys waiting for an answer, in the order they were asked. Pure functions: the
 * store assigns their results.
 */

/** Appends a prompt, or replaces the one with the same id (a repeated event) in place. */
export function addPrompt(queue: readonly HostKeyPrompt[], prompt: HostKeyPrompt): HostKeyPrompt[] {
  const i = queue.findIndex((p) => p.promptId === prompt.promptId);
  if (i < 0) return [...queue, prompt];
  const next = queue.slice();
  next[i] = prompt;
  return next;
}

export function removePrompt(queue: readonly HostKeyPrompt[], promptId: string): HostKeyPrompt[] {
  return queue.filter((p) => p.promptId !== promptId);
}

/**
 * Adds what `hostkeys.pending` returned to what events already brought, leaving out prompts
 * resolved while the request was on its way.
 */
export function mergePending(
  queue: readonly HostKeyPrompt[],
  pending: readonly HostKeyPrompt[],
  resolved: ReadonlySet<string>,
): HostKeyPrompt[] {
  let next = queue.slice();
  for (const p of pending) {
    if (!resolved.has(p.promptId) && !next.some((q) => q.promptId === p.promptId)) next = addPrompt(next, p);
  }
  return next;
}

/** `host:port`, with brackets around an IPv6 address as OpenSSH writes it. */
export function formatHostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** The key type as OpenSSH names it in its prompt: `ssh-ed25519` -> `ED25519`. */
export function keyTypeLabel(keyType: string): string {
  if (keyType.startsWith('ecdsa-')) return 'ECDSA';
  if (keyType.startsWith('sk-ecdsa-')) return 'ECDSA-SK';
  if (keyType.startsWith('sk-ssh-ed25519')) return 'ED25519-SK';
  if (keyType === 'ssh-rsa' || keyType.startsWith('rsa-sha2-')) return 'RSA';
  return keyType.replace(/^ssh-/, '').toUpperCase();
}
