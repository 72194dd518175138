import { ConnectFailure } from '../ssh/connectFailure';
import { sha256Fingerprint, keyTypeOfBlob } from '../ssh/fingerprint';
import { knownHostKeyAlgorithms } from '../ssh/hostKeyAlgorithms';
import { checkHostKey } from '../ssh/knownHosts';
import { readKnownHosts } from '../ssh/knownHostsCache';
import type { HostKeyGate } from '../ssh/sshLink';
import type { SshHop } from '../ssh/sshTarget';
import type { AppKnownHosts } from './appKnownHosts';
import type { HostKeyPrompts } from './hostKeyPrompts';

export interface GateOptions {
  clusterId: string;
  nodeId: string;
  appKnownHosts: AppKnownHosts;
  prompts: HostKeyPrompts;
  /** The user accepted the key: try the node again now. */
  onAccepted(): void;
  /** The user refused it: the node stays down with this sentence. */
  onRefused(message: string): void;
  /** Hears of known_hosts lines skipped (and files unreadable), once per change of a file. */
  warn?(message: string): void;
}

function hostPort(hop: SshHop): string {
  return hop.port === 22 ? hop.hostName : `[${hop.hostName}]:${hop.port}`;
}

/** OpenSSH's warning, in a paragraph: the connection is refused, and how to fix it if expected. */
export function changedKeyWarning(
  hop: SshHop,
  keyType: string,
  fingerprint: string,
  file: string,
  line: number,
): string {
  return (
    `WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED for ${hostPort(hop)}! ` +
    `It sent a ${keyType} key with fingerprint ${fingerprint}, but ${file}:${line} holds another key for it. ` +
    'Someone could be eavesdropping on you right now (man-in-the-middle attack), or the host key has just been changed. ' +
    `The connection was refused. If the change is expected, remove the old key (ssh-keygen -R ${hostPort(hop)} -f ${file}) and retry.`
  );
}

/** OpenSSH's "Host key verification failed" for StrictHostKeyChecking yes, and how to go on. */
function unknownRefused(hop: SshHop, keyType: string, fingerprint: string): ConnectFailure {
  const keyscan = `ssh-keyscan${hop.port === 22 ? '' : ` -p ${hop.port}`} ${hop.hostName}`;
  const file = hop.knownHostsFiles[0] ?? '~/.ssh/known_hosts';
  return new ConnectFailure(
    'error',
    `Host key verification failed: ${hostPort(hop)} is in no known_hosts file, and ~/.ssh/config sets StrictHostKeyChecking yes for it, so its ${keyType} key ${fingerprint} was not accepted. ` +
      `Check that fingerprint with the host's administrator, add the key to ${file} (${keyscan} prints the line) and retry.`,
    'manual',
  );
}

/**
 * Checks each hop's host key against the user's known_hosts files and the app's own store.
 * Known: go on. Changed or revoked: refuse, never ask. Unknown: ask the user (the attempt
 * ends now and the node is tried again once the key is accepted); with StrictHostKeyChecking
 * yes refuse, with accept-new (or no) save it unasked. Also tells ssh2 which host key types
 * to ask for (the ones on record first), from the same files.
 */
export function makeHostKeyGate(opts: GateOptions): HostKeyGate {
  const appFile = [opts.appKnownHosts.path];
  const check = async (hop: SshHop, keyBlob: Buffer): Promise<void> => {
    const keyType = keyTypeOfBlob(keyBlob) ?? 'unknown';
    const fingerprint = sha256Fingerprint(keyBlob);
    const entries = await readKnownHosts([...hop.knownHostsFiles, ...appFile], opts.warn);
    const verdict = checkHostKey(entries, hop.hostName, hop.port, keyType, keyBlob);
    if (verdict.status === 'known') return;
    if (verdict.status === 'changed') {
      const changedKey = {
        host: hop.hostName,
        port: hop.port,
        file: verdict.file,
        appStore: verdict.file === opts.appKnownHosts.path,
      };
      throw new ConnectFailure(
        'hostkey-changed',
        changedKeyWarning(hop, keyType, fingerprint, verdict.file, verdict.line),
        'manual',
        changedKey,
      );
    }
    if (verdict.status === 'revoked') {
      throw new ConnectFailure(
        'hostkey-changed',
        `The ${keyType} key ${fingerprint} of ${hostPort(hop)} is marked @revoked in ${verdict.file}:${verdict.line}; the connection was refused.`,
        'manual',
      );
    }
    if (hop.refuseUnknownKeys) throw unknownRefused(hop, keyType, fingerprint);
    if (hop.acceptNewKeys) {
      await opts.appKnownHosts.add(hop.hostName, hop.port, keyType, keyBlob);
      return;
    }
    askUser(opts, hop, keyType, fingerprint, keyBlob);
  };
  return Object.assign(check, { hostKeyAlgorithms: (hop: SshHop) => knownHostKeyAlgorithms(hop, appFile) });
}

/** Puts the question to the user and ends this attempt; the answer starts the next one. */
function askUser(opts: GateOptions, hop: SshHop, keyType: string, fingerprint: string, keyBlob: Buffer): never {
  opts.prompts.ask(
    { clusterId: opts.clusterId, nodeId: opts.nodeId, host: hop.hostName, port: hop.port, keyType, fingerprint },
    keyBlob,
    {
      clusterId: opts.clusterId,
      nodeId: opts.nodeId,
      onAnswer: (accept) =>
        accept
          ? opts.onAccepted()
          : opts.onRefused(
              `You refused the ${keyType} key ${fingerprint} of ${hostPort(hop)}; retry to be asked again.`,
            ),
    },
  );
  throw new ConnectFailure(
    'hostkey-unknown',
    `The authenticity of ${hostPort(hop)} can't be established: its ${keyType} key fingerprint is ${fingerprint}. Accept or refuse it to go on.`,
    'manual',
  );
}
