import { readFile } from 'node:fs/promises';
import { ConnectFailure } from '../ssh/connectFailure';
import { sha256Fingerprint, keyTypeOfBlob } from '../ssh/fingerprint';
import { checkHostKey, parseKnownHosts, type KnownHostEntry } from '../ssh/knownHosts';
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
}

async function readEntries(files: string[]): Promise<KnownHostEntry[]> {
  const out: KnownHostEntry[] = [];
  for (const file of files) {
    const text = await readFile(file, 'utf8').catch(() => undefined);
    if (text !== undefined) out.push(...parseKnownHosts(text, file).entries);
  }
  return out;
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

/**
 * Checks each hop's host key against the user's known_hosts files and the app's own store.
 * Known: go on. Changed or revoked: refuse, never ask. Unknown: ask the user (the attempt
 * ends now and the node is tried again once the key is accepted).
 */
export function makeHostKeyGate(opts: GateOptions): HostKeyGate {
  return async (hop, keyBlob) => {
    const keyType = keyTypeOfBlob(keyBlob) ?? 'unknown';
    const fingerprint = sha256Fingerprint(keyBlob);
    const entries = [...(await readEntries(hop.knownHostsFiles)), ...(await opts.appKnownHosts.entries()).entries];
    const verdict = checkHostKey(entries, hop.hostName, hop.port, keyType, keyBlob);
    if (verdict.status === 'known') return;
    if (verdict.status === 'changed') {
      throw new ConnectFailure(
        'hostkey-changed',
        changedKeyWarning(hop, keyType, fingerprint, verdict.file, verdict.line),
        'manual',
      );
    }
    if (verdict.status === 'revoked') {
      throw new ConnectFailure(
        'hostkey-changed',
        `The ${keyType} key ${fingerprint} of ${hostPort(hop)} is marked @revoked in ${verdict.file}:${verdict.line}; the connection was refused.`,
        'manual',
      );
    }
    if (hop.acceptNewKeys) {
      await opts.appKnownHosts.add(hop.hostName, hop.port, keyType, keyBlob);
      return;
    }
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
  };
}
