import { ConnectFailure } from './connectFailure';
import { describeHop, type SshHop } from './sshTarget';

const NETWORK_CODES: Record<string, string> = {
  ECONNREFUSED: 'connection refused (is sshd running?)',
  ECONNRESET: 'connection reset',
  EHOSTUNREACH: 'no route to host',
  ENETUNREACH: 'network unreachable',
  ETIMEDOUT: 'connection timed out',
  EPIPE: 'connection closed',
};

/** SSH_OPEN_ADMINISTRATIVELY_PROHIBITED (RFC 4254 §5.1), ssh2's `reason` of a refused channel. */
const OPEN_ADMINISTRATIVELY_PROHIBITED = 1;

/** A server's own words, short enough for a message. */
const quoted = (text: string): string => `"${text.slice(0, 200)}"`;

/**
 * sshd ends a refused login with a disconnect (ssh2: a numeric code, no level), such as
 * "Too many authentication failures" after MaxAuthTries keys: the user must act, not the hub.
 */
function refusedLogin(err: Error, who: string, tried: string): ConnectFailure {
  const hint = /too many/i.test(err.message)
    ? ' (the ssh-agent may hold many keys: choose a key file for the cluster or set IdentitiesOnly yes)'
    : '';
  return new ConnectFailure(
    'auth-failed',
    `Permission denied for ${who}: ${tried}; the server ended the login: ${quoted(err.message)}${hint}.`,
    'manual',
  );
}

/**
 * Turns what ssh2 throws into a node state and a sentence. `duringAuth`: authentication had
 * begun on this hop (see AuthPlan.started), so a disconnect is a refused login.
 */
export function classifySshError(
  err: Error & { level?: string; code?: unknown; reason?: unknown },
  hop: SshHop,
  auth?: string,
  duringAuth = false,
): ConnectFailure {
  const who = describeHop(hop);
  const tried = auth ?? 'no method was accepted';
  if (err.level === 'client-authentication') {
    return new ConnectFailure('auth-failed', `Permission denied for ${who}: ${tried}.`, 'manual');
  }
  if (typeof err.code === 'number' && (duringAuth || /authentication/i.test(err.message))) {
    return refusedLogin(err, who, tried);
  }
  return (
    networkFailure(err, hop, who) ?? channelFailure(err, who) ?? new ConnectFailure('error', `${who}: ${err.message}.`)
  );
}

/** Timeouts, names that do not resolve and socket errors; undefined for anything else. */
function networkFailure(
  err: Error & { level?: string; code?: unknown },
  hop: SshHop,
  who: string,
): ConnectFailure | undefined {
  // ssh2's readyTimeout: sshLink's own deadline covers everything up to the key exchange.
  if (err.level === 'client-timeout') {
    return new ConnectFailure(
      'dead',
      `${who} accepted the connection but did not finish the login in time (is its PAM, LDAP or home directory slow?).`,
    );
  }
  if (/timed out/i.test(err.message)) {
    return new ConnectFailure('dead', `${who} did not answer in time (timed out during the SSH handshake).`);
  }
  const code = typeof err.code === 'string' ? err.code : '';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return new ConnectFailure('error', `The host name ${hop.hostName} could not be resolved.`);
  }
  if (NETWORK_CODES[code]) return new ConnectFailure('dead', `${who}: ${NETWORK_CODES[code]}.`);
  return undefined;
}

/** A jump host that would not open the channel to the next hop; undefined for anything else. */
function channelFailure(err: Error & { reason?: unknown }, who: string): ConnectFailure | undefined {
  // A jump host's policy (AllowTcpForwarding, PermitOpen): retrying cannot change it.
  if (err.reason === OPEN_ADMINISTRATIVELY_PROHIBITED || /administratively prohibited/i.test(err.message)) {
    return new ConnectFailure(
      'error',
      `The jump host refused to forward the connection to ${who} (administratively prohibited): its sshd forbids it (AllowTcpForwarding or PermitOpen).`,
      'manual',
    );
  }
  if (/open failure|connect failed/i.test(err.message)) {
    return new ConnectFailure('dead', `${who} could not be reached through the jump host: ${err.message}.`);
  }
  return undefined;
}
