/** The hub API's trust group: host keys the user accepts, refuses or forgets. */
import type { NoParams } from './common';

/** A node's host key the user has to accept or refuse, as OpenSSH asks on first contact. */
export interface HostKeyPrompt {
  promptId: string;
  clusterId: string;
  nodeId: string;
  /** The host and port the key was offered for (the jump host's, when it is the jump host). */
  host: string;
  port: number;
  /** e.g. `ssh-ed25519`. */
  keyType: string;
  /** `SHA256:` and the unpadded base64 of the key's SHA-256, as `ssh-keygen -lf` prints it. */
  fingerprint: string;
}

export interface TrustRequests {
  /** Host keys waiting for an answer, for a window that opens after they were asked. */
  'hostkeys.pending': { params: NoParams; result: HostKeyPrompt[] };
  /** Accepts (saved in the app's known hosts) or refuses a host key. */
  'hostkeys.answer': { params: { promptId: string; accept: boolean }; result: { ok: true } };
  /**
   * Removes the old key of a node in state hostkey-changed from mosdesk's own known_hosts (as
   * `ssh-keygen -R` does), then tries the node again, so the new key is asked about.
   */
  'hostkeys.forget': { params: { clusterId: string; nodeId: string }; result: { removed: number } };
}

export interface TrustEvents {
  'hostkey.prompt': HostKeyPrompt;
  /** A prompt was answered (here or in another window) or dropped. */
  'hostkey.resolved': { promptId: string };
}

export const TRUST_METHODS = {
  'hostkeys.pending': 1,
  'hostkeys.answer': 1,
  'hostkeys.forget': 1,
} as const satisfies Record<keyof TrustRequests, 1>;
export const TRUST_EVENTS = { 'hostkey.prompt': 1, 'hostkey.resolved': 1 } as const satisfies Record<
  keyof TrustEvents,
  1
>;
