import { describe, expect, it } from 'vitest';
import { classifySshError } from '../../../../../electron/hub/ssh/sshLink';
import type { SshHop } from '../../../../../electron/hub/ssh/sshTarget';
import { testHop } from './hopFixture';

const hop = testHop;

/** An error as ssh2 or the socket raises it. */
function sshError(message: string, fields: { level?: string; code?: unknown; reason?: unknown } = {}): Error {
  return Object.assign(new Error(message), fields);
}

describe('classifySshError', () => {
  const rows: {
    name: string;
    err: Error;
    hop?: Partial<SshHop>;
    auth?: string;
    duringAuth?: boolean;
    state: string;
    retry: 'backoff' | 'manual';
    message: string | RegExp;
  }[] = [
    {
      name: 'refused authentication, naming what was tried',
      err: sshError('All configured authentication methods failed', { level: 'client-authentication' }),
      auth: 'tried ssh-agent, key /home/alice/.ssh/id_ed25519',
      state: 'auth-failed',
      retry: 'manual',
      message: 'Permission denied for root@node1: tried ssh-agent, key /home/alice/.ssh/id_ed25519.',
    },
    {
      name: 'refused authentication with nothing to offer',
      err: sshError('All configured authentication methods failed', { level: 'client-authentication' }),
      hop: { user: 'admin', port: 2222 },
      state: 'auth-failed',
      retry: 'manual',
      message: 'Permission denied for admin@node1:2222: no method was accepted.',
    },
    {
      name: 'refused authentication on an IPv6 address',
      err: sshError('All configured authentication methods failed', { level: 'client-authentication' }),
      hop: { hostName: 'fd00::5', port: 2200 },
      auth: 'tried password',
      state: 'auth-failed',
      retry: 'manual',
      message: 'Permission denied for root@[fd00::5]:2200: tried password.',
    },
    {
      name: "ssh2's readyTimeout, which only the login can reach (sshLink's own deadline is shorter)",
      err: sshError('Timed out while waiting for handshake', { level: 'client-timeout' }),
      state: 'dead',
      retry: 'backoff',
      message:
        'root@node1 accepted the connection but did not finish the login in time (is its PAM, LDAP or home directory slow?).',
    },
    {
      name: 'a timeout told only in words',
      err: sshError('Connection timed out'),
      state: 'dead',
      retry: 'backoff',
      message: /^root@node1 did not answer in time/,
    },
    ...[
      ['ECONNREFUSED', 'connection refused (is sshd running?)'],
      ['ECONNRESET', 'connection reset'],
      ['EHOSTUNREACH', 'no route to host'],
      ['ENETUNREACH', 'network unreachable'],
      ['ETIMEDOUT', 'connection timed out'],
      ['EPIPE', 'connection closed'],
    ].map(([code = '', words = '']) => ({
      name: code,
      err: sshError(`connect ${code} 10.0.0.5:22`, { code }),
      state: 'dead',
      retry: 'backoff' as const,
      message: `root@node1: ${words}.`,
    })),
    ...['ENOTFOUND', 'EAI_AGAIN'].map((code) => ({
      name: code,
      err: sshError(`getaddrinfo ${code} nodex`, { code }),
      hop: { alias: 'nx', hostName: 'nodex' },
      state: 'error',
      retry: 'backoff' as const,
      message: 'The host name nodex could not be resolved.',
    })),
    {
      name: 'a jump host that cannot open the channel',
      err: sshError('(SSH) Channel open failure: Connection refused'),
      state: 'dead',
      retry: 'backoff',
      message: 'root@node1 could not be reached through the jump host: (SSH) Channel open failure: Connection refused.',
    },
    {
      name: 'a jump host that forbids forwarding, which retrying cannot change',
      err: sshError('(SSH) Channel open failure: administratively prohibited: open failed'),
      state: 'error',
      retry: 'manual',
      message:
        'The jump host refused to forward the connection to root@node1 (administratively prohibited): its sshd forbids it (AllowTcpForwarding or PermitOpen).',
    },
    {
      name: 'OpenSSH\'s refusal, told by its reason code (its words are only "open failed")',
      err: sshError('(SSH) Channel open failure: open failed', { reason: 1 }),
      state: 'error',
      retry: 'manual',
      message: /^The jump host refused to forward the connection to root@node1 \(administratively prohibited\)/,
    },
    {
      name: 'a jump host that cannot connect onwards (reason 2)',
      err: sshError('(SSH) Channel open failure: Connection refused', { reason: 2 }),
      state: 'dead',
      retry: 'backoff',
      message: 'root@node1 could not be reached through the jump host: (SSH) Channel open failure: Connection refused.',
    },
    {
      name: "sshd's MaxAuthTries disconnect during authentication",
      err: sshError('Too many authentication failures', { code: 2 }),
      auth: 'tried ssh-agent',
      duringAuth: true,
      state: 'auth-failed',
      retry: 'manual',
      message:
        'Permission denied for root@node1: tried ssh-agent; the server ended the login: "Too many authentication failures" (the ssh-agent may hold many keys: choose a key file for the cluster or set IdentitiesOnly yes).',
    },
    {
      name: 'a disconnect naming authentication, before the hub saw it begin',
      err: sshError('Too many authentication failures', { code: 2 }),
      state: 'auth-failed',
      retry: 'manual',
      message: /^Permission denied for root@node1: no method was accepted; the server ended the login/,
    },
    {
      name: 'any disconnect during authentication',
      err: sshError('Illegal user name', { code: 13 }),
      auth: 'tried password',
      duringAuth: true,
      state: 'auth-failed',
      retry: 'manual',
      message: 'Permission denied for root@node1: tried password; the server ended the login: "Illegal user name".',
    },
    {
      name: 'anything else',
      err: sshError('Handshake failed: no matching key exchange algorithm'),
      state: 'error',
      retry: 'backoff',
      message: 'root@node1: Handshake failed: no matching key exchange algorithm.',
    },
    {
      name: 'a disconnect before authentication: a numeric code, which is not a socket error',
      err: sshError('Protocol error', { code: 2 }),
      state: 'error',
      retry: 'backoff',
      message: 'root@node1: Protocol error.',
    },
  ];

  it.each(rows)('classifies $name', ({ err, hop: h, auth, duringAuth, state, retry, message }) => {
    const failure = classifySshError(err, hop(h), auth, duringAuth);
    expect(failure).toMatchObject({ name: 'ConnectFailure', state, retry });
    if (typeof message === 'string') expect(failure.message).toBe(message);
    else expect(failure.message).toMatch(message);
  });

  it('ranks the authentication level above a timeout in the words', () => {
    const err = sshError('timed out waiting for the agent', { level: 'client-authentication' });
    expect(classifySshError(err, hop()).state).toBe('auth-failed');
  });
});
