/**
 * Keeps one saved password from locking a shared account (LDAP, SSSD: a few failures lock it
 * everywhere). Until the password has got a login through somewhere, one node at a time tries
 * it and the others wait for the verdict; once refused there, no node offers it again until the
 * user enters it anew or presses Retry. Once it worked, nodes use it freely, and a node that
 * refuses it stops offering it (that node only).
 */
export type TrialTurn = 'use' | 'withheld';

interface KeyState {
  proven: boolean;
  /** Why it is withheld from every node (the first trial was refused), if it is. */
  refusedBy?: string;
  /** Nodes that refused it after it was proven elsewhere. */
  refusedOn: Map<string, string>;
  /** The trial under way: the node holding it, and how the waiting ones hear that it ended. */
  trial?: { holder: string; ended: Promise<void>; end: () => void };
}

export class PasswordTrials {
  private readonly keys = new Map<string, KeyState>();

  private stateOf(key: string): KeyState {
    let state = this.keys.get(key);
    if (!state) this.keys.set(key, (state = { proven: false, refusedOn: new Map() }));
    return state;
  }

  /**
   * Whether node `nodeId` may offer the password saved under `key` now; waits while another
   * node's trial is under way. Every 'use' must be followed by one `settle`.
   */
  async turn(key: string, nodeId: string): Promise<{ turn: TrialTurn; why?: string }> {
    for (;;) {
      const state = this.stateOf(key);
      const refused = state.refusedBy ?? state.refusedOn.get(nodeId);
      if (refused !== undefined) return { turn: 'withheld', why: refused };
      if (state.proven) return { turn: 'use' };
      if (!state.trial) {
        let end: () => void = () => undefined;
        const ended = new Promise<void>((resolve) => (end = resolve));
        state.trial = { holder: nodeId, ended, end };
        return { turn: 'use' };
      }
      await state.trial.ended;
    }
  }

  /** What became of a 'use': accepted, refused (by `host`), or not known (it was never sent). */
  settle(key: string, nodeId: string, outcome: 'accepted' | 'refused' | 'unknown', host = nodeId): void {
    const state = this.stateOf(key);
    if (outcome === 'accepted') state.proven = true;
    if (outcome === 'refused') {
      if (state.proven) state.refusedOn.set(nodeId, host);
      else state.refusedBy = host;
    }
    if (state.trial?.holder !== nodeId) return;
    const { end } = state.trial;
    state.trial = undefined;
    end();
  }

  /** A new password was saved under `key`: everything known of the old one goes. */
  forget(key: string): void {
    const state = this.keys.get(key);
    this.keys.delete(key);
    state?.trial?.end();
  }

  /** The user pressed Retry on `nodeId`: its password (one of `keys`) may be tried once more. */
  retry(keys: readonly string[], nodeId: string): void {
    for (const key of keys) {
      const state = this.keys.get(key);
      if (!state) continue;
      state.refusedOn.delete(nodeId);
      state.refusedBy = undefined;
    }
  }
}
