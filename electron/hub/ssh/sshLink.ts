import { Client, type ClientChannel } from 'ssh2';
import { planAuth } from './authPlan';
import { ConnectFailure } from './connectFailure';
import { describeHop, type SshHop, type SshTarget } from './sshTarget';

/** Decides on a hop's host key: resolves to accept, throws a ConnectFailure to refuse. */
export type HostKeyGate = (hop: SshHop, keyBlob: Buffer) => Promise<void>;

export interface SshLinkOptions {
  /** Per hop: TCP connect, key exchange and authentication. */
  readyTimeoutMs: number;
  /** SSH keepalives; the link drops after 3 unanswered ones. */
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

const NETWORK_CODES: Record<string, string> = {
  ECONNREFUSED: 'connection refused (is sshd running?)',
  ECONNRESET: 'connection reset',
  EHOSTUNREACH: 'no route to host',
  ENETUNREACH: 'network unreachable',
  ETIMEDOUT: 'connection timed out',
  EPIPE: 'connection closed',
};

/** Turns what ssh2 throws into a node state and a sentence. */
export function classifySshError(
  err: Error & { level?: string; code?: unknown },
  hop: SshHop,
  auth?: string,
): ConnectFailure {
  const who = describeHop(hop);
  if (err.level === 'client-authentication') {
    return new ConnectFailure(
      'auth-failed',
      `Permission denied for ${who}: ${auth ?? 'no method was accepted'}.`,
      'manual',
    );
  }
  if (err.level === 'client-timeout' || /timed out/i.test(err.message)) {
    return new ConnectFailure('dead', `${who} did not answer in time (timed out during the SSH handshake).`);
  }
  const code = typeof err.code === 'string' ? err.code : '';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return new ConnectFailure('error', `The host name ${hop.hostName} could not be resolved.`);
  }
  if (NETWORK_CODES[code]) return new ConnectFailure('dead', `${who}: ${NETWORK_CODES[code]}.`);
  if (/open failure|administratively prohibited|connect failed/i.test(err.message)) {
    return new ConnectFailure('dead', `${who} could not be reached through the jump host: ${err.message}.`);
  }
  return new ConnectFailure('error', `${who}: ${err.message}.`);
}

function forwardTo(client: Client, hop: SshHop): Promise<ClientChannel> {
  return new Promise((resolve, reject) => {
    client.forwardOut('127.0.0.1', 0, hop.hostName, hop.port, (err, channel) => (err ? reject(err) : resolve(channel)));
  });
}

async function openHop(hop: SshHop, gate: HostKeyGate, opts: SshLinkOptions, sock?: ClientChannel): Promise<Client> {
  const plan = await planAuth(hop);
  const client = new Client();
  let refused: ConnectFailure | undefined;
  return new Promise<Client>((resolve, reject) => {
    const fail = (err: Error & { level?: string }): void => {
      client.removeAllListeners('ready');
      client.end();
      reject(refused ?? (err instanceof ConnectFailure ? err : classifySshError(err, hop, plan.describe())));
    };
    client.once('ready', () => {
      client.removeListener('error', fail);
      resolve(client);
    });
    client.once('error', fail);
    client.once('close', () => fail(new ConnectFailure('dead', `${describeHop(hop)} closed the connection.`)));
    client.connect({
      host: hop.hostName,
      port: hop.port,
      username: hop.user,
      ...(sock ? { sock } : {}),
      readyTimeout: opts.readyTimeoutMs,
      keepaliveInterval: opts.keepaliveMs,
      keepaliveCountMax: 3,
      authHandler: plan.handler,
      hostVerifier: (key: Buffer, verify: (ok: boolean) => void) => {
        gate(hop, key).then(
          () => verify(true),
          (err: unknown) => {
            refused = err instanceof ConnectFailure ? err : new ConnectFailure('error', String(err));
            verify(false);
          },
        );
      },
    });
    // ssh2's pure-JS cipher path writes a packet in pieces: without this, Nagle's algorithm and
    // the peer's delayed ACK add ~40 ms to every round trip (an upload took 1.5 s instead of 0.3).
    client.setNoDelay(true);
  });
}

/** Opens the node's connection hop by hop, each next hop tunnelled through the one before. */
export async function openSshLink(target: SshTarget, gate: HostKeyGate, opts: SshLinkOptions): Promise<SshLink> {
  const clients: Client[] = [];
  const closeAll = (): void => {
    for (const c of [...clients].reverse()) c.end();
  };
  try {
    for (const hop of [...target.jumps, target.node]) {
      const previous = clients.at(-1);
      let sock: ClientChannel | undefined;
      if (previous) {
        try {
          sock = await forwardTo(previous, hop);
        } catch (err) {
          throw classifySshError(err as Error, hop);
        }
      }
      clients.push(await openHop(hop, gate, opts, sock));
    }
  } catch (err) {
    closeAll();
    throw err;
  }
  return linkOf(target, clients, closeAll);
}

function linkOf(target: SshTarget, clients: Client[], closeAll: () => void): SshLink {
  const handlers: ((reason: string) => void)[] = [];
  let closed = false;
  const fire = (reason: string): void => {
    if (closed) return;
    closed = true;
    closeAll();
    for (const cb of handlers) cb(reason);
  };
  const hops = [...target.jumps, target.node];
  clients.forEach((c, i) => {
    const who = describeHop(hops[i] as SshHop);
    c.on('error', (err: Error) =>
      fire(
        /keepalive timeout/i.test(err.message)
          ? `${who} stopped answering (3 SSH keepalives went unanswered)`
          : `the SSH connection to ${who} failed: ${err.message}`,
      ),
    );
    c.on('close', () => fire(`the SSH connection to ${who} closed`));
  });
  return {
    client: clients.at(-1) as Client,
    target,
    onClose: (cb) => handlers.push(cb),
    close: () => fire('closed by the hub'),
  };
}
