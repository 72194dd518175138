import { Client, type ClientChannel, type ConnectConfig } from 'ssh2';
import { planAuth, type AuthPlan } from './authPlan';
import { classifySshError } from './classifySshError';
import { ConnectFailure } from './connectFailure';
import { knownHostKeyAlgorithms } from './hostKeyAlgorithms';
import { describeHop, type SshHop, type SshTarget } from './sshTarget';

export { classifySshError } from './classifySshError';

/** Decides on a hop's host key: resolves to accept, throws a ConnectFailure to refuse. */
export interface HostKeyGate {
  (hop: SshHop, keyBlob: Buffer): Promise<void>;
  /**
   * The host key algorithms to ask the hop for, the types on record first (see
   * hostKeyAlgorithms.ts). Without it, the hop's own known_hosts files decide.
   */
  hostKeyAlgorithms?(hop: SshHop): Promise<string[]>;
}

export interface SshLinkOptions {
  /**
   * Per hop: TCP connect, the server's banner and the key exchange, as OpenSSH's ConnectTimeout
   * (a hop's own ConnectTimeout wins). The login after it has LOGIN_ALLOWANCE_MS more.
   */
  readyTimeoutMs: number;
  /** SSH keepalives, 3 unanswered drop the link; a hop's ServerAliveInterval/CountMax win. */
  keepaliveMs: number;
}

/** An open SSH connection to a node, through its jump hosts. */
export interface SshLink {
  readonly client: Client;
  readonly target: SshTarget;
  /** Fires once, with the reason, when the node's connection or any hop before it closes. */
  onClose(cb: (reason: string) => void): void;
  close(): void;
}

const DEFAULT_KEEPALIVE_COUNT = 3;
/**
 * How long authentication may take once the key exchange is done: a PAM or LDAP login can be
 * slow, and failing it after a password was sent means the user must retry. Bounded, because
 * ssh2 sends no keepalives before the login and an attempt holds a connect slot meanwhile.
 */
export const LOGIN_ALLOWANCE_MS = 20_000;

/** A channel to the next hop through the jump host; within the hop's ConnectTimeout, as ssh -J. */
function forwardTo(client: Client, hop: SshHop, opts: SshLinkOptions): Promise<ClientChannel> {
  return new Promise((resolve, reject) => {
    let late = false;
    const timer = setTimeout(
      () => {
        late = true;
        reject(connectTimedOut(hop, opts, 'the jump host could not reach it'));
      },
      connectTimeoutMs(hop, opts),
    );
    client.forwardOut('127.0.0.1', 0, hop.hostName, hop.port, (err, channel) => {
      clearTimeout(timer);
      if (late) return void channel?.close();
      if (err) reject(classifySshError(err, hop));
      else resolve(channel);
    });
  });
}

const connectTimeoutMs = (hop: SshHop, opts: SshLinkOptions): number => hop.connectTimeoutMs ?? opts.readyTimeoutMs;

function connectConfig(hop: SshHop, opts: SshLinkOptions, plan: AuthPlan, algorithms: string[]): ConnectConfig {
  return {
    host: hop.hostName,
    port: hop.port,
    username: hop.user,
    readyTimeout: connectTimeoutMs(hop, opts) + LOGIN_ALLOWANCE_MS,
    keepaliveInterval: hop.keepaliveIntervalMs ?? opts.keepaliveMs,
    keepaliveCountMax: hop.keepaliveCountMax ?? DEFAULT_KEEPALIVE_COUNT,
    authHandler: plan.handler,
    algorithms: { serverHostKey: algorithms as NonNullable<ConnectConfig['algorithms']>['serverHostKey'] },
  };
}

/** ssh2's hostVerifier, asking the gate; a refusal's reason goes to `refuse`. */
function verifierFor(gate: HostKeyGate, hop: SshHop, refuse: (why: ConnectFailure) => void) {
  return (key: Buffer, verify: (ok: boolean) => void): void => {
    gate(hop, key).then(
      () => verify(true),
      (err: unknown) => {
        refuse(err instanceof ConnectFailure ? err : new ConnectFailure('error', String(err)));
        verify(false);
      },
    );
  };
}

/**
 * Opens one hop. `onReady` runs inside ssh2's ready event, before this function's own error
 * listener goes: the caller's listeners take over with no moment in which an error is unheard.
 */
async function openHop(
  hop: SshHop,
  gate: HostKeyGate,
  opts: SshLinkOptions,
  sock: ClientChannel | undefined,
  onReady: (client: Client) => void,
): Promise<Client> {
  let abortLogin: (why: string) => void = () => undefined;
  const [plan, algorithms] = await Promise.all([
    planAuth(hop, (why) => abortLogin(why)),
    gate.hostKeyAlgorithms ? gate.hostKeyAlgorithms(hop) : knownHostKeyAlgorithms(hop),
  ]);
  const client = new Client();
  let refused: ConnectFailure | undefined;
  let settled = false;
  let cancelDeadline = (): void => undefined;
  return new Promise<Client>((resolve, reject) => {
    const fail = (err: Error & { level?: string }): void => {
      // An ssh-agent that cannot be reached is skipped, as ssh does; ssh2 goes on to the next method.
      if (err.level === 'agent') return plan.note(`the ssh-agent could not be used (${err.message})`);
      cancelDeadline();
      if (settled) return;
      settled = true;
      client.end();
      const failure =
        refused ?? (err instanceof ConnectFailure ? err : classifySshError(err, hop, plan.describe(), plan.started()));
      if (plan.passwordSent()) hop.reportPassword?.(false);
      reject(plan.passwordSent() ? afterPassword(failure, hop) : failure);
    };
    abortLogin = (why) =>
      fail(new ConnectFailure('auth-failed', `Login to ${describeHop(hop)} stopped: ${why}.`, 'manual'));
    const closed = (): void => fail(new ConnectFailure('dead', `${describeHop(hop)} closed the connection.`));
    client.on('error', fail);
    client.once('close', closed);
    // ssh2 would wait for a new password; an expired one is the user's to change.
    client.on('change password', () => fail(expiredPassword(hop)));
    client.once('ready', () => {
      cancelDeadline();
      if (settled) return;
      settled = true;
      if (plan.passwordSent()) hop.reportPassword?.(true);
      onReady(client);
      client.removeListener('error', fail);
      client.removeListener('close', closed);
      resolve(client);
    });
    client.connect({
      ...connectConfig(hop, opts, plan, algorithms),
      ...(sock ? { sock } : {}),
      hostVerifier: verifierFor(gate, hop, (why) => (refused = why)),
    });
    // Armed after connect(), which may throw at once (a bad user name) and then never connects.
    cancelDeadline = connectDeadline(client, hop, opts, fail);
    // ssh2's pure-JS cipher path writes a packet in pieces: without this, Nagle's algorithm and
    // the peer's delayed ACK add ~40 ms to every round trip (an upload took 1.5 s instead of 0.3).
    client.setNoDelay(true);
  });
}

/**
 * Fails the hop unless the key exchange is done within its ConnectTimeout; ssh2's readyTimeout
 * then bounds the login. Returns the cancel.
 */
function connectDeadline(client: Client, hop: SshHop, opts: SshLinkOptions, fail: (err: Error) => void): () => void {
  const timer = setTimeout(
    () => {
      // Before fail's end(): end() only half-closes, after which ssh2's destroy() does nothing,
      // and a connect still waiting for the server's SYN-ACK would linger.
      client.destroy();
      fail(connectTimedOut(hop, opts, 'no SSH key exchange'));
    },
    connectTimeoutMs(hop, opts),
  );
  client.once('handshake', () => clearTimeout(timer));
  return () => clearTimeout(timer);
}

function connectTimedOut(hop: SshHop, opts: SshLinkOptions, what: string): ConnectFailure {
  const seconds = connectTimeoutMs(hop, opts) / 1000;
  return new ConnectFailure(
    'dead',
    `${describeHop(hop)} did not answer in time: ${what} within ${seconds} s (ConnectTimeout).`,
  );
}

function expiredPassword(hop: SshHop): ConnectFailure {
  return new ConnectFailure(
    'auth-failed',
    `The password of ${describeHop(hop)} has expired: the server asks for a new one. Change it on the node (log in with ssh), then enter it here.`,
    'manual',
  );
}

/**
 * A login that failed after the password was sent, for whatever reason (a wrong password, a
 * timeout while PAM waits, a closed connection): only the user tries again, so the hub never
 * sends a password over and over and locks the account.
 */
function afterPassword(failure: ConnectFailure, hop: SshHop): ConnectFailure {
  if (failure.state === 'auth-failed' && failure.retry === 'manual') return failure;
  return new ConnectFailure(
    'auth-failed',
    `${failure.message} The password had been sent to ${describeHop(hop)}, so mosdesk does not send it again by itself (repeated failures can lock the account): check it, then Retry.`,
    'manual',
  );
}

/** The hops opened so far, each watched from the moment it is ready; the first failure ends all. */
function linkState(): {
  clients: Client[];
  watch(client: Client, hop: SshHop): void;
  fire(reason: string): void;
  reason(): string | undefined;
  onClose(cb: (reason: string) => void): void;
} {
  const clients: Client[] = [];
  const handlers: ((reason: string) => void)[] = [];
  let closedFor: string | undefined;
  const fire = (reason: string): void => {
    if (closedFor !== undefined) return;
    closedFor = reason;
    for (const c of [...clients].reverse()) c.end();
    for (const cb of handlers) cb(reason);
  };
  const watch = (client: Client, hop: SshHop): void => {
    clients.push(client);
    const who = describeHop(hop);
    const count = hop.keepaliveCountMax ?? DEFAULT_KEEPALIVE_COUNT;
    client.on('error', (err: Error) =>
      fire(
        /keepalive timeout/i.test(err.message)
          ? `${who} stopped answering (${count} SSH keepalives went unanswered)`
          : `the SSH connection to ${who} failed: ${err.message}`,
      ),
    );
    client.on('close', () => fire(`the SSH connection to ${who} closed`));
  };
  return { clients, watch, fire, reason: () => closedFor, onClose: (cb) => void handlers.push(cb) };
}

/** Opens the node's connection hop by hop, each next hop tunnelled through the one before. */
export async function openSshLink(target: SshTarget, gate: HostKeyGate, opts: SshLinkOptions): Promise<SshLink> {
  const state = linkState();
  // A hop lost while a later one opens: its reason, not the later hop's "closed the connection".
  const lost = (): ConnectFailure | undefined => {
    const reason = state.reason();
    return reason === undefined ? undefined : new ConnectFailure('dead', `While connecting, ${reason}.`);
  };
  try {
    for (const hop of [...target.jumps, target.node]) {
      const previous = state.clients.at(-1);
      const sock = previous ? await forwardTo(previous, hop, opts) : undefined;
      const early = lost();
      if (early) throw early;
      await openHop(hop, gate, opts, sock, (client) => state.watch(client, hop));
    }
    const early = lost();
    if (early) throw early;
  } catch (err) {
    const failure = lost() ?? err;
    state.fire('the connection attempt failed');
    throw failure;
  }
  return {
    client: state.clients.at(-1) as Client,
    target,
    onClose: state.onClose,
    close: () => state.fire('closed by the hub'),
  };
}
